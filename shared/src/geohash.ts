import ngeohash from 'ngeohash';
import { distanceMeters, EARTH_RADIUS_METERS, type LatLng } from './geo';

/**
 * Geohash cells and covering a circle with them: the server's nearby index and the app's tiles are
 * both keyed by geohash, so both cover a search's circle with this one function. Kept out of the
 * package index (its own export, `@yz/shared/geohash`) so pages that never search do not carry ngeohash.
 */

/** A latitude/longitude box: [minLat, minLng, maxLat, maxLng], the order ngeohash uses. */
export type Box = [number, number, number, number];

const toRad = (deg: number) => (deg * Math.PI) / 180;
const toDeg = (rad: number) => (rad * 180) / Math.PI;
const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

export function encodeGeohash(p: LatLng, precision: number): string {
  return ngeohash.encode(p.lat, p.lng, precision);
}

/** The box of a geohash cell. */
export function geohashBox(hash: string): Box {
  return ngeohash.decode_bbox(hash) as Box;
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
  const hashes = ngeohash.bboxes(...circleBounds(center, radius), precision);
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
