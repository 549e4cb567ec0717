/**
 * Draws the tab-bar icons (81×81 PNG, as WeChat asks) from the SVG below, in grey and in the brand
 * colour, with the local Chromium. Run once after changing a shape: `npx tsx scripts/tab-icons.ts`.
 */
import path from 'node:path';
import { chromium } from 'playwright-core';

const SHAPES: Record<string, string> = {
  // a house with a steaming cup: a place to rest
  stations:
    '<path d="M12 38 L40.5 14 L69 38" fill="none" stroke="C" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/><path d="M20 34 V66 H61 V34" fill="none" stroke="C" stroke-width="6" stroke-linejoin="round"/><rect x="31" y="44" width="16" height="14" rx="3" fill="C"/><path d="M47 47 h4 a4 4 0 0 1 0 8 h-4" fill="none" stroke="C" stroke-width="3"/>',
  // a heart: a wish
  wishes:
    '<path d="M40.5 67 C18 52 10 40 13 28 C16 17 31 14 40.5 26 C50 14 65 17 68 28 C71 40 63 52 40.5 67 Z" fill="none" stroke="C" stroke-width="6" stroke-linejoin="round"/>',
  // a person: me
  me: '<circle cx="40.5" cy="27" r="13" fill="none" stroke="C" stroke-width="6"/><path d="M15 68 C17 52 28 45 40.5 45 C53 45 64 52 66 68" fill="none" stroke="C" stroke-width="6" stroke-linecap="round"/>',
};
const COLOURS = { normal: '#8a8f99', active: '#c8102e' };

async function main() {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 81, height: 81 } });
  const out = path.resolve(__dirname, '../miniprogram/src/assets/tab');
  for (const [name, shape] of Object.entries(SHAPES)) {
    for (const [state, colour] of Object.entries(COLOURS)) {
      await page.setContent(
        `<html><body style="margin:0;background:transparent"><svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 81 81">${shape.replaceAll('"C"', `"${colour}"`)}</svg></body></html>`,
      );
      await page.screenshot({ path: path.join(out, `${name}${state === 'active' ? '-active' : ''}.png`), omitBackground: true });
    }
  }
  await browser.close();
}

void main();
