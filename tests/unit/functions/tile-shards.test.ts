import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Station } from '@yz/shared';
import { encodeGeohash } from '@yz/shared/geohash';
import { ManifestShard, searchTiles, SHARD_MAX_ENTRIES, Tile, TILE_MANIFEST_PATH, TileManifest, TILE_MIN_PRECISION } from '@yz/shared/tiles';
import { TileClient } from '@yz/shared/tile-client';
import { TileBuilder } from '../../../functions/src/tiles';
import { seededRandom } from '../../../dev/src/random';
import { makeStation } from '../../helpers/stations';
import { memoryTileStore } from '../../helpers/tiles';
import { memoryFiles, memorySource } from '../../helpers/tile-memory';

/**
 * A dense area lists more tiles than one shard should hold: its geohash-3 shard is split into child
 * shards (geohash-4, then -5). The builder keeps the tree right through incremental rebuilds, and the
 * app's search and district browse walk it to exactly the answer a read of every tile gives.
 */

type Files = ReturnType<typeof memoryFiles>;

const CENTRE = { lat: 31.2304, lng: 121.4737 };
const rand = seededRandom(11);
/** About 6,000 stations spread over ±0.6° around the centre: several hundred tiles in one geohash-3. */
const stations: Station[] = Array.from({ length: 6000 }, (_, i) =>
  makeStation({
    id: `dense-${String(i).padStart(5, '0')}`,
    location: { lat: CENTRE.lat + (rand() - 0.5) * 1.2 * rand(), lng: CENTRE.lng + (rand() - 0.5) * 1.2 * rand() },
  }),
);

async function built(list: Station[]): Promise<Files> {
  const files = memoryFiles();
  await new TileBuilder(memorySource(() => list), files).rebuildAll();
  return files;
}

const manifestOf = (files: Files) => TileManifest.parse(JSON.parse(files.files.get(TILE_MANIFEST_PATH)!));

function shardTree(files: Files): ManifestShard[] {
  const shards: ManifestShard[] = [];
  const walk = (name: string) => {
    const shard = ManifestShard.parse(JSON.parse(files.files.get(name)!));
    shards.push(shard);
    for (const child of Object.values(shard.shards ?? {})) walk(child);
  };
  for (const name of Object.values(manifestOf(files).shards)) walk(name);
  return shards;
}

const tilesOf = (files: Files) =>
  [...files.files.entries()].filter(([name]) => name.startsWith('t/')).map(([, text]) => Tile.parse(JSON.parse(text)));

const clientOver = (files: Files) =>
  new TileClient(async (name) => {
    const text = files.files.get(name);
    return text ? { status: 200, text, etag: createHash('sha256').update(text).digest('hex') } : { status: 404 };
  }, memoryTileStore());

describe('split shards', () => {
  it('split a dense geohash-3 into child shards, each listing at most the limit, and the leaves list every tile once', async () => {
    const files = await built(stations);
    const shards = shardTree(files);
    const leaves = shards.filter((s) => !s.shards);
    expect(shards.some((s) => s.shards)).toBe(true);
    for (const leaf of leaves) expect(Object.keys(leaf.tiles).length <= SHARD_MAX_ENTRIES || leaf.shard.length === TILE_MIN_PRECISION).toBe(true);
    for (const shard of shards.filter((s) => s.shards)) expect(shard.tiles).toEqual({});
    const listed = leaves.flatMap((l) => Object.keys(l.tiles));
    expect(new Set(listed).size).toBe(listed.length);
    expect(listed.sort()).toEqual(tilesOf(files).map((t) => t.cell).sort());
  });

  it('keep the same tree when cells are rebuilt one change at a time as when everything is built again', async () => {
    const changed = stations.map((s, i) => (i % 97 === 0 ? { ...s, location: { lat: s.location!.lat + 0.05, lng: s.location!.lng - 0.03 } } : s));
    const incremental = await built(stations);
    const moved = changed.flatMap((s, i) => (i % 97 === 0 ? [encodeGeohash(stations[i]!.location!, 5), encodeGeohash(s.location!, 5)] : []));
    await new TileBuilder(memorySource(() => changed), incremental).rebuildCells(moved);
    const whole = await built(changed);
    expect(manifestOf(incremental).shards).toEqual(manifestOf(whole).shards);
  });

  it('lead the app through the tree to exactly the answer a search over every tile gives', async () => {
    const files = await built(stations);
    const everything = tilesOf(files);
    const client = clientOver(files);
    const now = new Date('2026-12-02T10:00:00+08:00');
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          dLat: fc.double({ min: -0.6, max: 0.6, noNaN: true }),
          dLng: fc.double({ min: -0.6, max: 0.6, noNaN: true }),
          radius: fc.integer({ min: 200, max: 10_000 }),
          limit: fc.integer({ min: 1, max: 50 }),
        }),
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

  it("find every tile of a district through the tree, and keep every shard file on the way for offline use", async () => {
    const files = await built(stations);
    const district = stations[0]!.district.code;
    const plan = (await clientOver(files).districtPlan(district))!;
    const want = tilesOf(files)
      .filter((t) => t.rows.some((r) => r.district.code === district))
      .map((t) => t.cell)
      .sort();
    expect(plan.tiles.map((name) => name.split('/')[1]!.split('.')[0]!).sort()).toEqual(want);
    const splitShards = shardTree(files).filter((s) => s.shards);
    expect(plan.shards.filter((name) => splitShards.some((s) => manifestOf(files).shards[s.shard] === name)).length).toBeGreaterThan(0);
  });
});
