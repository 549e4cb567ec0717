import fc from 'fast-check';
import ngeohash from 'ngeohash';
import { coverCircle, encodeGeohash, geohashBox, minDistanceToBox } from '@yz/shared/geohash';
import { splitIntoTiles, tilesFor, TILE_MAX_PRECISION, type ManifestShard } from '@yz/shared/tiles';
import { makeStation } from '../../helpers/stations';
import { nearbyRowOf } from '../../../functions/src/stations/store';

/** shared/src/geohash.ts is written out for the weapp's size budget: it must agree with ngeohash. */

const point = fc.record({ lat: fc.double({ min: 3.5, max: 53.6, noNaN: true }), lng: fc.double({ min: 73.4, max: 135.1, noNaN: true }) });

describe('geohash', () => {
  it('encodes and decodes cells exactly as ngeohash', () => {
    fc.assert(
      fc.property(point, fc.integer({ min: 1, max: 9 }), (p, precision) => {
        const hash = encodeGeohash(p, precision);
        expect(hash).toBe(ngeohash.encode(p.lat, p.lng, precision));
        expect(geohashBox(hash)).toEqual(ngeohash.decode_bbox(hash));
      }),
      { numRuns: 2000 },
    );
  });

  it('covers a circle with every cell ngeohash finds over the circle, and only cells the circle reaches', () => {
    // Fine cells only for small circles: a 20 km circle holds some 70,000 geohash-7 cells.
    const sized = fc.oneof(
      fc.tuple(fc.double({ min: 1, max: 20_000, noNaN: true }), fc.integer({ min: 3, max: 5 })),
      fc.tuple(fc.double({ min: 1, max: 1_500, noNaN: true }), fc.integer({ min: 6, max: 7 })),
    );
    fc.assert(
      fc.property(point, sized, (center, [radius, precision]) => {
        const mine = new Set(coverCircle(center, radius, precision).map((c) => c.hash));
        const dLat = radius / 110_000;
        const dLng = dLat / Math.cos((center.lat * Math.PI) / 180) + 1e-9;
        const theirs = ngeohash
          .bboxes(center.lat - dLat, center.lng - dLng, center.lat + dLat, center.lng + dLng, precision)
          .filter((h) => minDistanceToBox(center, geohashBox(h)) <= radius);
        for (const h of theirs) expect(mine.has(h)).toBe(true);
        for (const h of mine) expect(minDistanceToBox(center, geohashBox(h))).toBeLessThanOrEqual(radius);
      }),
      { numRuns: 200 },
    );
  });
});

describe('tiles', () => {
  it('splits a dense cell into children until each holds the limit, and finds the split tiles a circle reaches', () => {
    const centre = { lat: 30.2741, lng: 120.1551 };
    const rows = Array.from({ length: 50 }, (_, i) =>
      nearbyRowOf({ ...makeStation({ id: `sp-${i}` }), location: { lat: centre.lat + (i % 7) * 0.004, lng: centre.lng + Math.floor(i / 7) * 0.004 } }),
    );
    const cell = encodeGeohash(centre, 5);
    const inCell = rows.filter((r) => encodeGeohash(r.location, 5) === cell);
    const tiles = splitIntoTiles(cell, inCell, 10);
    expect(tiles.every((t) => t.rows.length <= 10 || t.cell.length === TILE_MAX_PRECISION)).toBe(true);
    expect(tiles.some((t) => t.cell.length > 5)).toBe(true);
    expect(tiles.flatMap((t) => t.rows.map((r) => r.id)).sort()).toEqual(inCell.map((r) => r.id).sort());
    const shard: ManifestShard = { v: 1, shard: cell.slice(0, 3), tiles: Object.fromEntries(tiles.map((t) => [t.cell, `t/${t.cell}.000000000000.json`])) };
    const wanted = tilesFor(centre, 300, [shard]).map((t) => t.name);
    // Every tile holding a row within 300 m is among them.
    for (const t of tiles) {
      const near = t.rows.some((r) => Math.hypot((r.location.lat - centre.lat) * 111_000, (r.location.lng - centre.lng) * 96_000) < 290);
      if (near) expect(wanted).toContain(`t/${t.cell}.000000000000.json`);
    }
  });
});
