import { createHash } from 'node:crypto';
import { regionPath } from '@yz/shared';

/**
 * When are two stations the same station? When they are in the same district and have the same name
 * and address, written however: full-width or half-width, with or without spaces, brackets of either
 * kind, with or without the province / city / county in front of the address.
 */

/** Full-width letters, digits and punctuation to their plain forms; no spaces; one kind of bracket. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[【〔［]/g, '[')
    .replace(/[】〕］]/g, ']')
    .replace(/[—–－]/g, '-')
    .toLowerCase();
}

export function normaliseName(name: string): string {
  return normaliseText(name);
}

/** The address without the administrative names in front ("江西省九江市都昌县东风大道348号" → "东风大道348号"). */
export function normaliseAddress(address: string, districtCode: string): string {
  let text = normaliseText(address);
  for (const name of regionPath(districtCode)) {
    if (text.startsWith(name)) text = text.slice(name.length);
  }
  return text;
}

/** The key of the station-keys table: district, then a digest of the normalised name and address. */
export function stationKey(station: { name: string; address: string; district: { code: string } }): string {
  const digest = createHash('sha256')
    .update(`${normaliseName(station.name)}\u0001${normaliseAddress(station.address, station.district.code)}`)
    .digest('base64url')
    .slice(0, 32);
  return `${station.district.code}#${digest}`;
}
