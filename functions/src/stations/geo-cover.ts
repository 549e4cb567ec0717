import ngeohash from 'ngeohash';
import { distanceMeters, EARTH_RADIUS_METERS, type LatLng } from '@yz/shared';
import { GEO_CELL_PRECISION } from './tables';

/**
 * Which geohash cells a nearby search reads. A cell is read only if some point of it lies within the
 * circle, and cells come back nearest first, so a search can stop once the next cell is farther than
 * the results it already holds.
 */

export interface CoverCell {
  hash: string;
  /** Shortest distance from the centre to any point of the cell (0 when the centre is inside). */
  minDistance: number;
}

const toRad = (deg: number) => (deg * Math.PI) / 180;
const toDeg = (rad: number) => (rad * 180) / Math.PI;
const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), max);

/** On the sphere distanceMeters measures on: a circle drawn with another radius would miss its own edge. */
const METERS_PER_DEGREE_LAT = (EARTH_RADIUS_METERS * Math.PI) / 180;

/** Approximate cell size in metres at a latitude: [width (east-west), height (north-south)]. */
export function cellSizeMeters(precision: number, lat: number): [number, number] {
  const bits = precision * 5;
  const lngBits = Math.ceil(bits / 2);
  const latBits = Math.floor(bits / 2);
  const widthDeg = 360 / 2 ** lngBits;
  const heightDeg = 180 / 2 ** latBits;
  return [widthDeg * METERS_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180), heightDeg * METERS_PER_DEGREE_LAT];
}

function estimatedCells(precision: number, center: LatLng, radius: number): number {
  const [w, h] = cellSizeMeters(precision, center.lat);
  return Math.ceil((2 * radius) / w + 1) * Math.ceil((2 * radius) / h + 1);
}

export const MIN_PRECISION = GEO_CELL_PRECISION;
export const MAX_PRECISION = 7;

/** The finest precision whose covering stays within a budget of cells: fewer items read per query. */
export function choosePrecision(center: LatLng, radius: number, maxCells: number): number {
  for (let p = MAX_PRECISION; p > MIN_PRECISION; p -= 1) {
    if (estimatedCells(p, center, radius) <= maxCells) return p;
  }
  return MIN_PRECISION;
}

/** Exact shortest distance from the centre to a latitude/longitude box: an overestimate would drop a cell. */
export function minDistanceToBox(center: LatLng, box: [number, number, number, number]): number {
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

/** The smallest latitude/longitude box holding the circle. */
function circleBounds(center: LatLng, radius: number): [number, number, number, number] {
  const angle = radius / EARTH_RADIUS_METERS;
  const dLat = toDeg(angle);
  // A circle reaches furthest east and west a little poleward of its centre: asin(sin r / cos lat),
  // which is wider than r / cos lat.
  const sin = Math.sin(angle) / Math.cos(toRad(center.lat));
  const dLng = sin >= 1 ? 180 : toDeg(Math.asin(sin));
  return [center.lat - dLat, center.lng - dLng, center.lat + dLat, center.lng + dLng];
}

export function coverCircle(center: LatLng, radius: number, precision: number): CoverCell[] {
  const hashes = ngeohash.bboxes(...circleBounds(center, radius), precision);
  const cells: CoverCell[] = [];
  for (const hash of new Set(hashes)) {
    const minDistance = minDistanceToBox(center, ngeohash.decode_bbox(hash) as [number, number, number, number]);
    if (minDistance <= radius) cells.push({ hash, minDistance });
  }
  return cells.sort((a, b) => a.minDistance - b.minDistance || a.hash.localeCompare(b.hash));
}

export function encodeGeohash(p: LatLng, precision: number): string {
  return ngeohash.encode(p.lat, p.lng, precision);
}
