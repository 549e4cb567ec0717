/**
 * Keyword matching for Chinese text. People type on phones with full-width and half-width input
 * modes, with or without spaces, in any letter case: "琅琊 大道", "Ｂ座", "b座" and "B座" should all
 * find what they mean. Both the keyword and the text are folded the same way, then matched as a plain
 * substring (Chinese has no word boundaries to respect).
 */

/** Full-width ASCII (U+FF01–U+FF5E) to half-width, lower case, no white space of any width. */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || /\s/.test(ch)) continue;
    else out += ch;
  }
  return out.toLowerCase();
}

/** Whether any of the texts contains the (already folded) keyword. An empty keyword matches everything. */
export function matchesKeyword(folded: string, ...texts: string[]): boolean {
  if (folded === '') return true;
  return texts.some((t) => foldText(t).includes(folded));
}
