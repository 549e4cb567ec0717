import { distanceMeters, EARTH_RADIUS_METERS, type LatLng } from './geo';

/**
 * Geohash cells and covering a circle with them: the server's nearby index and the app's tiles are
 * both keyed by geohash, so both cover a search's circle with this one function.
 *
 * Written out here rather than taken from ngeohash (which the functions use for the finer key
 * arithmetic): the finder's tab page is in the weapp main package, 2 KB short of its 512 KB budget,
 * and these three functions are a fraction of ngeohash's size. tests/unit/shared/geohash.test.ts
 * checks them against ngeohash.
 */

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** A latitude/longitude box: [minLat, minLng, maxLat, maxLng], the order ngeohash uses. */
export type Box = [number, number, number, number];

const toRad = (deg: number) => (deg * Math.PI) / 180;
const toDeg = (rad: number) => (rad * 180) / Math.PI;
const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** Bits alternate, longitude first, halving each range: the standard geohash. */
export function encodeGeohash(p: LatLng, precision: number): string {
  let [minLat, maxLat, minLng, maxLng] = [-90, 90, -180, 180];
  let out = '';
  let bits = 0;
  let value = 0;
  let even = true;
  while (out.length < precision) {
    if (even) {
      const mid = (minLng + maxLng) / 2;
      if (p.lng >= mid) {
        value = value * 2 + 1;
        minLng = mid;
      } else {
        value *= 2;
        maxLng = mid;
      }
    } else {
      const mid = (minLat + maxLat) / 2;
      if (p.lat >= mid) {
        value = value * 2 + 1;
        minLat = mid;
      } else {
        value *= 2;
        maxLat = mid;
      }
    }
    even = !even;
    bits += 1;
    if (bits === 5) {
      out += BASE32[value];
      bits = 0;
      value = 0;
    }
  }
  return out;
}

/** The box of a geohash cell. */
export function geohashBox(hash: string): Box {
  let [minLat, maxLat, minLng, maxLng] = [-90, 90, -180, 180];
  let even = true;
  for (const ch of hash) {
    const value = BASE32.indexOf(ch);
    for (let bit = 4; bit >= 0; bit -= 1) {
      const on = (value >> bit) & 1;
      if (even) {
        const mid = (minLng + maxLng) / 2;
        if (on) minLng = mid;
        else maxLng = mid;
      } else {
        const mid = (minLat + maxLat) / 2;
        if (on) minLat = mid;
        else maxLat = mid;
      }
      even = !even;
    }
  }
  return [minLat, minLng, maxLat, maxLng];
}

/**
 * Every cell of a precision that overlaps the box (and a ring of one more cell around it, so that no
 * rounding at a cell edge can leave one out: callers keep only cells within their distance).
 */
function cellsOverBox([minLat, minLng, maxLat, maxLng]: Box, precision: number): string[] {
  const dLat = 180 / 2 ** Math.floor((5 * precision) / 2);
  const dLng = 360 / 2 ** Math.ceil((5 * precision) / 2);
  const rows = 180 / dLat;
  const out: string[] = [];
  const i0 = Math.max(0, Math.floor((minLat + 90) / dLat) - 1);
  const i1 = Math.min(rows - 1, Math.floor((maxLat + 90) / dLat) + 1);
  const j0 = Math.floor((minLng + 180) / dLng) - 1;
  const j1 = Math.floor((maxLng + 180) / dLng) + 1;
  for (let i = i0; i <= i1; i += 1) {
    for (let j = j0; j <= j1; j += 1) {
      const lng = (((j + 0.5) * dLng) % 360 + 360) % 360 - 180;
      out.push(encodeGeohash({ lat: (i + 0.5) * dLat - 90, lng }, precision));
    }
  }
  return out;
}

export function boxCentre([minLat, minLng, maxLat, maxLng]: Box): LatLng {
  return { lat: (minLat + maxLat) / 2, lng: (minLng + maxLng) / 2 };
}

export interface CoverCell {
  hash: string;
  /** Shortest distance from the centre to any point of the cell (0 when the centre is inside). */
  minDistance: number;
}

/** Exact shortest distance from the centre to a latitude/longitude box: an overestimate would drop a cell. */
export function minDistanceToBox(center: LatLng, box: Box): number {
  const [minLat, minLng, maxLat, maxLng] = box;
  if (center.lng >= minLng && center.lng <= maxLng) {
    return distanceMeters(center, { lat: clamp(center.lat, minLat, maxLat), lng: center.lng });
  }
  // Beside the box, the nearest point is on its nearer meridian edge, where that meridian passes
  // closest to the centre: slightly poleward of the centre's latitude, not at it.
  const lng = center.lng < minLng ? minLng : maxLng;
  const closest = toDeg(Math.atan(Math.tan(toRad(center.lat)) / Math.cos(toRad(lng - center.lng))));
  return distanceMeters(center, { lat: clamp(closest, minLat, maxLat), lng });
}

/** The smallest latitude/longitude box holding the circle, on the sphere distanceMeters measures on. */
function circleBounds(center: LatLng, radius: number): Box {
  const angle = radius / EARTH_RADIUS_METERS;
  const dLat = toDeg(angle);
  // A circle reaches furthest east and west a little poleward of its centre: asin(sin r / cos lat),
  // which is wider than r / cos lat.
  const sin = Math.sin(angle) / Math.cos(toRad(center.lat));
  const dLng = sin >= 1 ? 180 : toDeg(Math.asin(sin));
  return [center.lat - dLat, center.lng - dLng, center.lat + dLat, center.lng + dLng];
}

/**
 * The cells of a precision that some point of the circle lies in, nearest first, so a search can
 * stop once the next cell is farther than the results it already holds.
 */
export function coverCircle(center: LatLng, radius: number, precision: number): CoverCell[] {
  const hashes = cellsOverBox(circleBounds(center, radius), precision);
  const cells: CoverCell[] = [];
  for (const hash of new Set(hashes)) {
    const minDistance = minDistanceToBox(center, geohashBox(hash));
    if (minDistance <= radius) cells.push({ hash, minDistance });
  }
  return cells.sort((a, b) => a.minDistance - b.minDistance || a.hash.localeCompare(b.hash));
}

/** The cells one character finer inside a cell. */
export function childCells(hash: string): string[] {
  return [...'0123456789bcdefghjkmnpqrstuvwxyz'].map((c) => hash + c);
}
