import chardet from 'chardet';

/**
 * A CSV file's bytes as text. Lists come from Excel on Chinese Windows (GBK), from WPS or web tools
 * (UTF-8, with or without a BOM), now and then as UTF-16. UTF-8 is tried strictly first: a GBK file
 * is practically never valid UTF-8. Otherwise chardet weighs the candidates; mainland lists are GBK,
 * so GB18030 (GBK's superset) wins unless Big5 is clearly more likely. Decoding is the runtime's own
 * TextDecoder (Node's full ICU, in Lambda too): no encoding tables in the bundle.
 */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';
}

export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: buf.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    // not UTF-8: a legacy Chinese encoding
  }
  const scores = new Map(chardet.analyse(buf).map((m) => [m.name, m.confidence]));
  const gb = scores.get('GB18030') ?? 0;
  const big5 = scores.get('Big5') ?? 0;
  const encoding = big5 > gb + 20 ? 'big5' : 'gb18030';
  return { text: new TextDecoder(encoding).decode(buf), encoding };
}

