import ngeohash from 'ngeohash';
import { distanceMeters, EARTH_RADIUS_METERS, type LatLng } from '@yz/shared';
import { boxCentre, coverCircle, encodeGeohash, geohashBox, minDistanceToBox, type Box, type CoverCell } from '@yz/shared/geohash';

export { boxCentre, coverCircle, encodeGeohash, geohashBox, minDistanceToBox, type Box, type CoverCell };

/**
 * Geohash geometry, in one place: encoding points, covering a circle with cells, and planning which
 * key ranges of a geohash-sorted index to read.
 *
 * The nearby index is keyed by a 5-character geohash partition and sorted by a 9-character geohash.
 * Geohashes are Z-order keys: every cell at any *bit* depth (not only whole characters) is one
 * contiguous range of the 9-character sort key, so it is one `BETWEEN` query. A search wants the
 * disc around the asker that holds the k nearest stations, read with as few queries and as few
 * extra items as possible. The density hint (stations per ~150 m cell) says how large that disc must
 * be, and what reading across a gap between two ranges would cost. A query costs about as much as
 * reading QUERY_COST_ITEMS items (measured on DynamoDB Local), so two ranges are merged into one
 * when the gap between them holds fewer items than that.
 *
 * Correctness never rests on the hint: the search checks what it read, and reads further when the
 * k-th station found is not provably nearer than everything unread.
 */

/** Geohash precision of the nearby index's partition key: cells of about 4.9 km × 4.9 km. */
export const GEO_CELL_PRECISION = 5;

/** Geohash precision of the sort key: about 4.8 m × 4.8 m, fine enough to range-query sub-cells. */
export const GEOHASH_PRECISION = 9;

const toRad = (deg: number) => (deg * Math.PI) / 180;
/** On the sphere distanceMeters measures on (about 111,195 m). */
const METERS_PER_DEGREE = (EARTH_RADIUS_METERS * Math.PI) / 180;

/** The box of a key at a depth of `bits` (geohash bits alternate longitude first, then latitude). */
export function boxOfKey(key: number, bits: number): Box {
  return ngeohash.decode_bbox_int(key, bits) as Box;
}

// ---- Planning key ranges of the nearby index ----

/** Bits in the 9-character sort key, and in the 5-character partition key. */
export const KEY_BITS = GEOHASH_PRECISION * 5;
export const PARTITION_BITS = GEO_CELL_PRECISION * 5;
/** The density hint's cells: geohash-7. */
export const DENSITY_BITS = 35;

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** A 45-bit key (as a number: exact below 2^53) to its geohash string of `chars` characters. */
export function keyToHash(key: number, bits = KEY_BITS): string {
  let out = '';
  for (let shift = bits - 5; shift >= 0; shift -= 5) out += BASE32[Math.floor(key / 2 ** shift) % 32];
  return out;
}

export function hashToKey(hash: string): number {
  let key = 0;
  for (const ch of hash) key = key * 32 + BASE32.indexOf(ch);
  return key;
}

/** A range of keys [lo, hi) inside one partition. */
export interface KeyRange {
  partition: string;
  lo: number;
  hi: number;
}

/** Stations per density cell, for the partitions a plan touches. */
export interface DensityView {
  /** Estimated stations with keys in [lo, hi) (45-bit keys). */
  estimate(lo: number, hi: number): number;
  /** Every non-empty density cell within reach: centre and count. */
  cells(): Iterable<{ center: LatLng; count: number; parentCenter: LatLng }>;
}

/** Cheap planar distance for estimates only (never for results). */
function roughDistance(a: LatLng, b: LatLng): number {
  const dy = (b.lat - a.lat) * METERS_PER_DEGREE;
  const dx = (b.lng - a.lng) * METERS_PER_DEGREE * Math.cos(toRad(a.lat));
  return Math.hypot(dx, dy);
}

/** Half the diagonal of a cell of `bits` bits at a latitude, in metres. */
export function halfDiagonal(bits: number, lat: number): number {
  const lngBits = Math.ceil(bits / 2);
  const latBits = Math.floor(bits / 2);
  const h = (180 / 2 ** latBits) * METERS_PER_DEGREE;
  const w = (360 / 2 ** lngBits) * METERS_PER_DEGREE * Math.cos(toRad(lat));
  return Math.hypot(h, w) / 2;
}

/**
 * The distance within which `wanted` matching stations are expected, from the density hint:
 * stations are taken to sit at their cell's centre, which is why the answer carries half a cell's
 * diagonal of margin. Returns `radius` when the hint does not expect that many within it.
 */
export function targetDistance(center: LatLng, radius: number, wanted: number, selectivity: number, density: DensityView): number {
  const need = wanted / Math.max(selectivity, 1e-3);
  // First on the coarse cells (geohash-6, grouped by parent) to bound the search, then on the fine ones.
  const parents = new Map<string, { center: LatLng; count: number }>();
  const fine: { d: number; count: number; parentD: number }[] = [];
  for (const cell of density.cells()) {
    const key = `${cell.parentCenter.lat},${cell.parentCenter.lng}`;
    const parent = parents.get(key) ?? { center: cell.parentCenter, count: 0 };
    parent.count += cell.count;
    parents.set(key, parent);
    fine.push({ d: roughDistance(center, cell.center), count: cell.count, parentD: roughDistance(center, cell.parentCenter) });
  }
  const coarse = [...parents.values()].map((p) => ({ d: roughDistance(center, p.center), count: p.count })).sort((a, b) => a.d - b.d);
  let sum = 0;
  let bound = Infinity;
  for (const p of coarse) {
    sum += p.count;
    if (sum >= need) {
      bound = p.d + 2 * halfDiagonal(30, center.lat);
      break;
    }
  }
  const h = halfDiagonal(DENSITY_BITS, center.lat);
  const near = fine.filter((c) => c.parentD <= bound + halfDiagonal(30, center.lat) && c.d <= radius + h);
  // Within a cell, stations are taken as spread evenly: the share of a cell within distance d rises
  // from 0 (d a half-diagonal short of its centre) to 1 (a half-diagonal past it).
  const expected = (d: number) => near.reduce((sum, c) => sum + c.count * Math.min(1, Math.max(0, (d - c.d + h) / (2 * h))), 0);
  if (expected(radius) < need) return radius;
  let lo = 0;
  let hi = radius;
  for (let i = 0; i < 24 && hi - lo > 1; i += 1) {
    const mid = (lo + hi) / 2;
    if (expected(mid) >= need) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The two halves of a cell at depth `bits`: west/east on an even depth, south/north on an odd one. */
function halves([minLat, minLng, maxLat, maxLng]: Box, bits: number): [Box, Box] {
  if (bits % 2 === 0) {
    const mid = (minLng + maxLng) / 2;
    return [
      [minLat, minLng, maxLat, mid],
      [minLat, mid, maxLat, maxLng],
    ];
  }
  const mid = (minLat + maxLat) / 2;
  return [
    [minLat, minLng, mid, maxLng],
    [mid, minLng, maxLat, maxLng],
  ];
}

function maxDistanceToBox(center: LatLng, [minLat, minLng, maxLat, maxLng]: Box): number {
  return Math.max(
    distanceMeters(center, { lat: minLat, lng: minLng }),
    distanceMeters(center, { lat: minLat, lng: maxLng }),
    distanceMeters(center, { lat: maxLat, lng: minLng }),
    distanceMeters(center, { lat: maxLat, lng: maxLng }),
  );
}

/** Finest depth the covering descends to: cells about a sixth of the distance across, no finer than ~20 m. */
function finestBits(distance: number, lat: number): number {
  for (let bits = PARTITION_BITS; bits < 41; bits += 1) {
    if (2 * halfDiagonal(bits + 1, lat) < distance / 6) return bits + 1;
  }
  return 41;
}

/**
 * Key ranges covering every point within `distance` of the centre: whole cells where a cell lies
 * inside, ever smaller cells along the rim. Adjacent ranges are joined.
 */
export function coverDisc(center: LatLng, distance: number, partitions: string[]): KeyRange[] {
  const limit = finestBits(distance, center.lat);
  const out: KeyRange[] = [];
  const visit = (partition: string, key: number, bits: number, box: Box) => {
    if (minDistanceToBox(center, box) > distance) return;
    if (bits >= limit || maxDistanceToBox(center, box) <= distance) {
      const span = 2 ** (KEY_BITS - bits);
      out.push({ partition, lo: key * span, hi: (key + 1) * span });
      return;
    }
    const [low, high] = halves(box, bits);
    visit(partition, key * 2, bits + 1, low);
    visit(partition, key * 2 + 1, bits + 1, high);
  };
  for (const partition of partitions) {
    const key = hashToKey(partition);
    visit(partition, key, PARTITION_BITS, boxOfKey(key, PARTITION_BITS));
  }
  return joinRanges(out);
}

export function joinRanges(ranges: KeyRange[]): KeyRange[] {
  const sorted = [...ranges].sort((a, b) => a.lo - b.lo);
  const out: KeyRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.partition === r.partition && r.lo <= last.hi) last.hi = Math.max(last.hi, r.hi);
    else out.push({ ...r });
  }
  return out;
}

/** `ranges` minus what has been read already. */
export function subtractRanges(ranges: KeyRange[], read: KeyRange[]): KeyRange[] {
  let out = ranges;
  for (const done of read) {
    const next: KeyRange[] = [];
    for (const r of out) {
      if (r.partition !== done.partition || done.hi <= r.lo || done.lo >= r.hi) {
        next.push(r);
        continue;
      }
      if (r.lo < done.lo) next.push({ partition: r.partition, lo: r.lo, hi: done.lo });
      if (done.hi < r.hi) next.push({ partition: r.partition, lo: done.hi, hi: r.hi });
    }
    out = next;
  }
  return out;
}

/** What one query costs, in items read: measured on DynamoDB Local (see docs/data-model.md). */
export const QUERY_COST_ITEMS = 20;

/** Join two ranges of a partition when the items between them cost less to read than another query. */
export function mergeByCost(ranges: KeyRange[], density: DensityView, queryCost = QUERY_COST_ITEMS): KeyRange[] {
  const sorted = joinRanges(ranges);
  const out: KeyRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.partition === r.partition && density.estimate(last.hi, r.lo) < queryCost) last.hi = r.hi;
    else out.push({ ...r });
  }
  return out;
}

/** The sort-key bounds of a range, for `geohash BETWEEN :lo AND :hi`. */
export function rangeBounds(range: KeyRange): [string, string] {
  return [keyToHash(range.lo), keyToHash(range.hi - 1)];
}
