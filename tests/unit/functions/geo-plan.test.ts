import fc from 'fast-check';
import ngeohash from 'ngeohash';
import { distanceMeters } from '@yz/shared';
import {
  coverCircle,
  coverDisc,
  hashToKey,
  joinRanges,
  keyToHash,
  mergeByCost,
  subtractRanges,
  targetDistance,
  type DensityView,
  type KeyRange,
} from '../../../functions/src/platform/geo';
import { destination } from '../../helpers/geo';

const point = fc.record({ lat: fc.double({ min: 18, max: 50, noNaN: true }), lng: fc.double({ min: 75, max: 134, noNaN: true }) });
const noDensity: DensityView = { estimate: () => 0, cells: () => [] };

describe('geohash keys', () => {
  it('a 9-character geohash and its 45-bit key convert both ways, in the same order', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const ha = ngeohash.encode(a.lat, a.lng, 9);
        const hb = ngeohash.encode(b.lat, b.lng, 9);
        expect(keyToHash(hashToKey(ha))).toBe(ha);
        expect(hashToKey(ha)).toBe(ngeohash.encode_int(a.lat, a.lng, 45));
        expect(hashToKey(ha) < hashToKey(hb)).toBe(ha < hb);
      }),
    );
  });
});

describe('coverDisc', () => {
  it('covers every point within the distance', () => {
    fc.assert(
      fc.property(
        point,
        fc.double({ min: 20, max: 6000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        (center, distance, frac, bearing) => {
          const ranges = coverDisc(center, distance, coverCircle(center, distance, 5).map((c) => c.hash));
          const inside = destination(center, distance * frac * 0.999, bearing);
          expect(distanceMeters(center, inside)).toBeLessThanOrEqual(distance);
          const key = hashToKey(ngeohash.encode(inside.lat, inside.lng, 9));
          const partition = ngeohash.encode(inside.lat, inside.lng, 5);
          expect(ranges.some((r) => r.partition === partition && r.lo <= key && key < r.hi)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('needs only a few ranges for a small disc', () => {
    const center = { lat: 31.23, lng: 121.47 };
    const ranges = mergeByCost(coverDisc(center, 300, coverCircle(center, 300, 5).map((c) => c.hash)), noDensity);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.length).toBeLessThanOrEqual(8);
  });
});

describe('range arithmetic', () => {
  const r = (lo: number, hi: number, partition = 'wtw3s'): KeyRange => ({ partition, lo, hi });
  it('joins touching ranges, subtracts what was read, and merges gaps cheaper than a query', () => {
    expect(joinRanges([r(10, 20), r(0, 10), r(30, 40), r(35, 50)])).toEqual([r(0, 20), r(30, 50)]);
    expect(joinRanges([r(0, 10), r(10, 20, 'wtw3t')])).toEqual([r(0, 10), r(10, 20, 'wtw3t')]);
    expect(subtractRanges([r(0, 100)], [r(20, 30), r(50, 60)])).toEqual([r(0, 20), r(30, 50), r(60, 100)]);
    expect(subtractRanges([r(0, 100)], [r(0, 100, 'other')])).toEqual([r(0, 100)]);
    const density: DensityView = { estimate: (lo, hi) => (hi - lo) / 10, cells: () => [] };
    expect(mergeByCost([r(0, 10), r(100, 110), r(1000, 1010)], density, 32)).toEqual([r(0, 110), r(1000, 1010)]);
  });
});

describe('targetDistance', () => {
  it('reads the whole radius when the hint expects too few stations', () => {
    expect(targetDistance({ lat: 30, lng: 120 }, 3000, 20, 1, noDensity)).toBe(3000);
  });

  it('expects stations spread evenly within a cell, and needs further out for rarer matches', () => {
    const center = { lat: 30, lng: 120 };
    // 40 stations in the cell around the centre, 40 more in a cell 2 km east.
    const here = { center, count: 40, parentCenter: center };
    const east = destination(center, 2000, 90);
    const there = { center: east, count: 40, parentCenter: east };
    const view: DensityView = { estimate: () => 0, cells: () => [here, there] };
    const near = targetDistance(center, 3000, 20, 1, view);
    expect(near).toBeGreaterThan(0);
    expect(near).toBeLessThan(150);
    const rare = targetDistance(center, 3000, 20, 0.4, view);
    expect(rare).toBeGreaterThan(1800);
    expect(rare).toBeLessThanOrEqual(2200);
  });
});
