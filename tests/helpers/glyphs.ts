import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';

/**
 * Which rendered characters no installed font can draw. Chromium falls back through every font
 * fontconfig knows; a code point none of them covers is drawn as the .notdef box (豆腐块), e.g. an emoji
 * used as an icon on a machine with no emoji font. So the oracle is fontconfig's own coverage table
 * (`fc-list … %{charset}`), read once, checked against the text the page actually renders.
 */

let coverage: [number, number][] | null = null;

/** Every installed font's character ranges, merged. */
export function installedCoverage(): [number, number][] {
  if (coverage) return coverage;
  const out = execFileSync('fc-list', ['--format', '%{charset}\n'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ranges: [number, number][] = [];
  for (const token of out.split(/\s+/)) {
    if (!token) continue;
    const [from, to] = token.split('-');
    const start = parseInt(from!, 16);
    ranges.push([start, to ? parseInt(to, 16) : start]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  coverage = merged;
  return merged;
}

function covered(cp: number, ranges: [number, number][]): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = ranges[mid]!;
    if (cp < a) hi = mid - 1;
    else if (cp > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Characters that take no glyph of their own: controls, spaces, joiners, variation selectors. */
const NO_GLYPH = /[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\uFE00-\uFE0F]/u;

/**
 * The characters on the page (text of visible elements, placeholders, and CSS ::before/::after
 * content) that no installed font covers, with where each was found.
 */
export async function missingGlyphs(page: Page): Promise<{ char: string; codePoint: string; sample: string }[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !node.textContent?.trim()) continue;
      const rect = parent.getBoundingClientRect();
      if ((rect.width === 0 && rect.height === 0) || getComputedStyle(parent).visibility === 'hidden') continue;
      found.push(node.textContent);
    }
    for (const el of Array.from(document.querySelectorAll('*'))) {
      const placeholder = el.getAttribute('placeholder');
      if (placeholder) found.push(placeholder);
      for (const pseudo of ['::before', '::after']) {
        const content = getComputedStyle(el, pseudo).content;
        if (content.startsWith('"')) found.push(content.slice(1, -1));
      }
    }
    return found;
  });
  const ranges = installedCoverage();
  const missing = new Map<string, { char: string; codePoint: string; sample: string }>();
  for (const text of texts) {
    for (const char of text) {
      if (NO_GLYPH.test(char) || missing.has(char)) continue;
      const cp = char.codePointAt(0)!;
      if (!covered(cp, ranges)) missing.set(char, { char, codePoint: `U+${cp.toString(16).toUpperCase()}`, sample: text.trim().slice(0, 40) });
    }
  }
  return [...missing.values()];
}
