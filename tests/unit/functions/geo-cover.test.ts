import fc from 'fast-check';
import ngeohash from 'ngeohash';
import { CHINA_BOUNDS, distanceMeters, type LatLng } from '@yz/shared';
import { coverCircle, encodeGeohash, type CoverCell } from '../../../functions/src/platform/geo';
import { destination } from '../../helpers/geo';

type Box = [number, number, number, number];
const boxOf = (hash: string) => ngeohash.decode_bbox(hash) as Box;

/** Brute force: the shortest distance from `center` to points sampled densely on and in the box. */
function sampledMinDistance(center: LatLng, [minLat, minLng, maxLat, maxLng]: Box): { min: number; spacing: number } {
  if (center.lat >= minLat && center.lat <= maxLat && center.lng >= minLng && center.lng <= maxLng) return { min: 0, spacing: 0 };
  const steps = 400;
  let min = Infinity;
  for (let i = 0; i <= steps; i += 1) {
    const lat = minLat + ((maxLat - minLat) * i) / steps;
    const lng = minLng + ((maxLng - minLng) * i) / steps;
    // The nearest point of a box to an outside point is on its edge.
    for (const p of [
      { lat, lng: minLng },
      { lat, lng: maxLng },
      { lat: minLat, lng },
      { lat: maxLat, lng },
    ]) {
      min = Math.min(min, distanceMeters(center, p));
    }
  }
  const edge = Math.max(distanceMeters({ lat: minLat, lng: minLng }, { lat: maxLat, lng: minLng }), distanceMeters({ lat: minLat, lng: minLng }, { lat: minLat, lng: maxLng }));
  return { min, spacing: edge / steps };
}

// Centres anywhere in the service area (away from its very edge), radii from a street to a district.
const arbCenter = fc.record({
  lat: fc.double({ min: CHINA_BOUNDS.minLat + 1, max: CHINA_BOUNDS.maxLat - 1, noNaN: true }),
  lng: fc.double({ min: CHINA_BOUNDS.minLng + 1, max: CHINA_BOUNDS.maxLng - 1, noNaN: true }),
});
// The nearby search covers with its partition cells (5); the coverage report counts searches in
// cells of 6. Radii shrink with the cells so a covering stays a few dozen cells.
const arbRadius = fc.double({ min: 0, max: 1, noNaN: true });
const arbPrecision = fc.constantFrom(5, 6, 7);
const MAX_RADIUS: Record<number, number> = { 5: 20_000, 6: 4_000, 7: 800 };
const RUNS = { numRuns: 60 };

function cover(center: LatLng, share: number, precision: number): { radius: number; precision: number; cells: CoverCell[] } {
  const radius = 30 + share * (MAX_RADIUS[precision]! - 30);
  return { radius, precision, cells: coverCircle(center, radius, precision) };
}

describe('coverCircle', () => {
  it('returns distinct cells of the asked precision, nearest first, starting with the cell holding the centre', () => {
    fc.assert(
      fc.property(arbCenter, arbRadius, arbPrecision, (center, share, chars) => {
        const { radius, precision, cells } = cover(center, share, chars);
        expect(new Set(cells.map((c) => c.hash)).size).toBe(cells.length);
        for (const cell of cells) expect(cell.hash).toHaveLength(precision);
        for (let i = 1; i < cells.length; i += 1) expect(cells[i]!.minDistance).toBeGreaterThanOrEqual(cells[i - 1]!.minDistance);
        expect(cells[0]).toEqual({ hash: encodeGeohash(center, precision), minDistance: 0 });
      }),
      RUNS,
    );
  });

  it('returns only cells that reach into the circle, with their exact shortest distance', () => {
    fc.assert(
      fc.property(arbCenter, arbRadius, arbPrecision, (center, share, chars) => {
        const { radius, cells } = cover(center, share, chars);
        for (const cell of cells) {
          const { min, spacing } = sampledMinDistance(center, boxOf(cell.hash));
          // Never overstated (that would drop or misorder a cell), understated by no more than the sampling step.
          expect(cell.minDistance).toBeLessThanOrEqual(min + 1e-6);
          expect(cell.minDistance).toBeGreaterThanOrEqual(min - spacing);
          expect(cell.minDistance).toBeLessThanOrEqual(radius);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('misses no cell that reaches into the circle', () => {
    fc.assert(
      fc.property(arbCenter, arbRadius, arbPrecision, (center, share, chars) => {
        const { radius, precision, cells } = cover(center, share, chars);
        const covered = new Set(cells.map((c) => c.hash));
        // Every cell of a box well beyond the circle: those left out must lie wholly outside it.
        const far = radius * 1.3 + 100;
        const south = destination(center, far, 180).lat;
        const north = destination(center, far, 0).lat;
        const west = destination(center, far, 270).lng;
        const east = destination(center, far, 90).lng;
        for (const hash of ngeohash.bboxes(south, west, north, east, precision)) {
          if (covered.has(hash)) continue;
          expect(sampledMinDistance(center, boxOf(hash)).min).toBeGreaterThan(radius);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('puts every point within the radius in a returned cell (brute-force grid and the rim)', () => {
    fc.assert(
      fc.property(arbCenter, arbRadius, arbPrecision, fc.double({ min: 0, max: 1, noNaN: true }), (center, share, chars, phase) => {
        const { radius, precision, cells } = cover(center, share, chars);
        const covered = new Set(cells.map((c) => c.hash));
        const points: LatLng[] = [];
        const n = 50;
        for (let i = 0; i <= n; i += 1) {
          for (let j = 0; j <= n; j += 1) {
            // A grid over the circle's square, shifted by a random phase so runs probe different spots.
            const north = -radius + ((2 * radius) * (i + phase)) / n;
            const east = -radius + ((2 * radius) * (j + phase)) / n;
            const along = destination(center, Math.abs(north), north >= 0 ? 0 : 180);
            points.push(destination(along, Math.abs(east), east >= 0 ? 90 : 270));
          }
        }
        // The rim, where a box drawn on the wrong sphere or too narrow loses points.
        for (let bearing = 0; bearing < 360; bearing += 0.5) points.push(destination(center, radius * (1 - 1e-9), bearing));
        let inside = 0;
        for (const p of points) {
          if (distanceMeters(center, p) > radius) continue;
          inside += 1;
          if (!covered.has(encodeGeohash(p, precision))) {
            throw new Error(`point ${p.lat},${p.lng} at ${distanceMeters(center, p)} m is in no returned cell`);
          }
        }
        expect(inside).toBeGreaterThan(700);
      }),
      RUNS,
    );
  });

  it.each([
    [{ lat: 32.958, lng: 116.4281 }, 5_000, 0],
    [{ lat: 29.3794, lng: 111.4007 }, 10_000, 180],
    [{ lat: 40.2607, lng: 109.8364 }, 20_000, 90],
  ])('keeps the rim of the circle around %o (radius %d m, bearing %d°)', (center, radius, bearing) => {
    // Regression: the box was drawn with 111,320 m per degree on a sphere that measures 111,195 m per
    // degree, so a point a metre inside the circle, due north, south, east or west, fell outside it.
    const rim = destination(center, radius - 1, bearing);
    expect(distanceMeters(center, rim)).toBeLessThan(radius);
    for (const precision of [5, 6]) {
      const covered = new Set(coverCircle(center, radius, precision).map((c) => c.hash));
      expect(covered.has(encodeGeohash(rim, precision))).toBe(true);
    }
  });
});
