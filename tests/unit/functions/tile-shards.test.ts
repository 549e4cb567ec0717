import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { encodeGeohash } from '@yz/shared/geohash';
import { ManifestShard, searchTiles, SHARD_MAX_ENTRIES, Tile, TILE_MANIFEST_PATH, TileManifest, TILE_MIN_PRECISION } from '@yz/shared/tiles';
import { TileClient } from '@yz/shared/tile-client';
import type { StationRow } from '@yz/shared';
import { TileBuilder } from '../../../functions/src/tiles';
import type { TileFiles } from '../../../functions/src/tiles/files';
import { nearbyRowOf } from '../../../functions/src/stations/store';
import { makeStation } from '../../helpers/stations';
import { memoryTileStore } from '../../helpers/tiles';
import { seededRandom } from '../../../dev/src/random';

/**
 * A dense area lists more tiles than one shard should hold: its geohash-3 shard is split into child
 * shards (geohash-4, then -5). The builder keeps the tree right through incremental rebuilds, and the
 * app's search walks it to exactly the answer a search over every tile gives.
 */

class MemoryTileFiles implements TileFiles {
  readonly files = new Map<string, string>();
  async read(name: string) {
    return this.files.get(name) ?? null;
  }
  async write(name: string, text: string) {
    this.files.set(name, text);
  }
}

const CENTRE = { lat: 31.2304, lng: 121.4737 };
const rand = seededRandom(11);
/** About 6,000 stations spread over ±0.6° around the centre: several hundred tiles in one geohash-3. */
const rows: StationRow[] = Array.from({ length: 6000 }, (_, i) =>
  nearbyRowOf({
    ...makeStation({ id: `dense-${String(i).padStart(5, '0')}` }),
    location: { lat: CENTRE.lat + (rand() - 0.5) * 1.2 * rand(), lng: CENTRE.lng + (rand() - 0.5) * 1.2 * rand() },
  }),
);

function sourceOf(list: StationRow[]) {
  return {
    rowsInCell: async (cell: string) => list.filter((r) => encodeGeohash(r.location, TILE_MIN_PRECISION) === cell),
    allRows: async function* () {
      yield list;
    },
  };
}

async function shardTree(files: MemoryTileFiles) {
  const manifest = TileManifest.parse(JSON.parse(files.files.get(TILE_MANIFEST_PATH)!));
  const shards: ManifestShard[] = [];
  const walk = (name: string) => {
    const shard = ManifestShard.parse(JSON.parse(files.files.get(name)!));
    shards.push(shard);
    for (const child of Object.values(shard.shards ?? {})) walk(child);
  };
  for (const name of Object.values(manifest.shards)) walk(name);
  return shards;
}

const tilesOf = (files: MemoryTileFiles) =>
  [...files.files.entries()].filter(([name]) => name.startsWith('t/')).map(([, text]) => Tile.parse(JSON.parse(text)));

describe('split shards', () => {
  it('split a dense geohash-3 into child shards, each listing at most the limit, and the leaves list every tile once', async () => {
    const files = new MemoryTileFiles();
    await new TileBuilder(sourceOf(rows), files).rebuildAll();
    const shards = await shardTree(files);
    const leaves = shards.filter((s) => !s.shards);
    expect(shards.some((s) => s.shards)).toBe(true);
    for (const leaf of leaves) expect(Object.keys(leaf.tiles).length <= SHARD_MAX_ENTRIES || leaf.shard.length === TILE_MIN_PRECISION).toBe(true);
    for (const shard of shards.filter((s) => s.shards)) expect(shard.tiles).toEqual({});
    const listed = leaves.flatMap((l) => Object.keys(l.tiles));
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.sort()).toEqual(tilesOf(files).map((t) => t.cell).sort());
  });

  it('keep the same tree when cells are rebuilt one change at a time as when everything is built again', async () => {
    const changed = rows.map((r, i) => (i % 97 === 0 ? { ...r, location: { lat: r.location.lat + 0.05, lng: r.location.lng - 0.03 } } : r));
    const incremental = new MemoryTileFiles();
    await new TileBuilder(sourceOf(rows), incremental).rebuildAll();
    const moved = changed.flatMap((r, i) => (i % 97 === 0 ? [encodeGeohash(rows[i]!.location, 5), encodeGeohash(r.location, 5)] : []));
    await new TileBuilder(sourceOf(changed), incremental).rebuildCells(moved);
    const whole = new MemoryTileFiles();
    await new TileBuilder(sourceOf(changed), whole).rebuildAll();
    const root = (f: MemoryTileFiles) => TileManifest.parse(JSON.parse(f.files.get(TILE_MANIFEST_PATH)!)).shards;
    expect(root(incremental)).toEqual(root(whole));
  });

  it('lead the app through the tree to exactly the answer a search over every tile gives', async () => {
    const files = new MemoryTileFiles();
    await new TileBuilder(sourceOf(rows), files).rebuildAll();
    const everything = tilesOf(files);
    const client = new TileClient(async (name) => {
      const text = files.files.get(name);
      return text ? { status: 200, text, etag: createHash('md5').update(text).digest('hex') } : { status: 404 };
    }, memoryTileStore());
    const now = new Date('2026-12-02T10:00:00+08:00');
    await fc.assert(
      fc.asyncProperty(
        fc.record({ dLat: fc.double({ min: -0.6, max: 0.6, noNaN: true }), dLng: fc.double({ min: -0.6, max: 0.6, noNaN: true }), radius: fc.integer({ min: 200, max: 10_000 }), limit: fc.integer({ min: 1, max: 50 }) }),
        async ({ dLat, dLng, radius, limit }) => {
          const query = { lat: CENTRE.lat + dLat, lng: CENTRE.lng + dLng, radius, limit };
          const got = await client.search(query, now);
          const want = searchTiles(everything, query, now);
          expect(got.items.map((i) => `${i.id}@${i.distanceMeters}`)).toEqual(want.items.map((i) => `${i.id}@${i.distanceMeters}`));
        },
      ),
      { numRuns: 300 },
    );
  });
});
