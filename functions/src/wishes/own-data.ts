import { badRequest } from '../platform/errors';

/**
 * The worker's own name, ID number, mobile or address must not reach the public wall. The shared
 * schema (shared/src/wishes.ts personalDataIn) refuses anything shaped like a phone or ID number; this
 * compares the text with the worker's actual file data, which only the server can decrypt.
 *
 * Both sides are reduced to a comparable form first, so the usual disguises still match: full-width
 * characters (NFKC), letter case, and anything put between the characters (spaces, dashes, dots,
 * punctuation, symbols, zero-width and other invisible format characters): "张 小 梅", "138-0013-8000",
 * "１３８００１３８０００".
 */
const FILLER = /[\s\p{P}\p{S}\p{Cf}\p{Z}]/gu;

export function comparable(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(FILLER, '');
}

/**
 * The pieces of an address worth looking for: the whole of it, and the part after the district or
 * county (street, building, room), which identifies a home on its own.
 */
function addressPieces(address: string): string[] {
  const whole = comparable(address);
  const tail = whole.split(/(?:区|县|旗|市)/u).pop() ?? '';
  return tail.length >= 4 && tail !== whole ? [whole, tail] : [whole];
}

/** Terms reduced for matching; too-short ones (a one-character name) would refuse ordinary words. */
export function ownDataMatchers(terms: { name: string; idNumber: string; mobile: string; address: string }): string[] {
  const out = [comparable(terms.name), comparable(terms.idNumber), comparable(terms.mobile), ...(terms.address ? addressPieces(terms.address) : [])];
  return [...new Set(out.filter((t) => t.length >= 2))];
}

export function containsOwnData(text: string, matchers: readonly string[]): boolean {
  const hay = comparable(text);
  return matchers.some((m) => hay.includes(m));
}

/** The refusal: names what to leave out, never the data that matched. */
export function ownDataRefused(field: string, label: string) {
  return badRequest(
    'WISH_CONTAINS_PERSONAL_DATA',
    `${label}会公开展示，请不要写您的姓名、身份证号、手机号或住址；工会工作人员会帮您对接`,
    { field },
  );
}
