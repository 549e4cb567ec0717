import fc from 'fast-check';
import {
  AMENITIES,
  STATION_TYPES,
  alwaysOpenHours,
  distanceMeters,
  failedFilters,
  prepareFilters,
  type LatLng,
  type NearbyResponse,
  type Station,
  type StationFilters,
} from '@yz/shared';
import { ManifestShard, TILE_MAX_PRECISION, TILE_MAX_ROWS, Tile, TileManifest } from '@yz/shared/tiles';
import { seededRandom } from '../../dev/src/random';
import { loginAs, request } from '../helpers/api';
import { destination, randomPointNear } from '../helpers/geo';
import { getJson } from '../helpers/http';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';
import { filterableStation } from '../helpers/stations';
import { TileClient } from '@yz/shared/tile-client';
import { httpTileFetch, memoryTileStore, tileClientFor } from '../helpers/tiles';

/**
 * Station tiles against DynamoDB Local: built from the stations stream, served at /tiles/ with the
 * edge's headers, searched by the app's client with the same answers as the nearby API and a brute
 * force over every station, and fresh after a host's edit. "Open now" is made independent of the
 * clock: stations are open round the clock, closed every day, or under a temporary closure.
 */

const CITY: LatLng = { lat: 30.2741, lng: 120.1551 }; // Hangzhou
const DENSE: LatLng = destination(CITY, 2500, 60); // a district dense enough that its cell is split
const HOST_STATION = 'amap-B0J3R71OZC'; // the demo host's station in 都昌县
const HOST_AT = { lat: 29.2712, lng: 116.2015 };

let stack: TestStack;
let stations: Station[];

beforeAll(async () => {
  stack = await startTestStack({ tiles: true });
  const rand = seededRandom(170017);
  const around = (i: number) => (i < 220 ? randomPointNear(DENSE, 900, rand) : randomPointNear(CITY, 12_000, rand));
  stations = Array.from({ length: 520 }, (_, i) => {
    const roll = rand();
    const unplaced = roll > 0.93 && roll <= 0.96;
    const location = unplaced ? null : around(i);
    const status = unplaced ? 'needs_location' : roll > 0.96 ? 'inactive' : 'active';
    return makeStation({ id: `tile-${String(i).padStart(3, '0')}`, location, status, ...filterableStation(i, roll, rand) });
  });
  // Two stations at the very same spot, so ties are broken by id.
  const twin = stations[300]!.location!;
  stations.push(makeStation({ id: 'tile-twin-b', location: twin }), makeStation({ id: 'tile-twin-a', location: twin }));
  stations.push(makeStation({ id: HOST_STATION, name: '都昌县智能化工会户外劳动者驿站', location: HOST_AT, hours: alwaysOpenHours() }));
  await putStations(stack, stations);
  await stack.tiles!.settle();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

const tileUrl = (path: string) => `${stack.url}/tiles/${path}`;

describe('/tiles/ as the edge serves it', () => {
  it('sends the manifest compressed, briefly cached, with an ETag that answers 304', async () => {
    const res = await fetch(tileUrl('manifest.json'), { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('public, max-age=30, must-revalidate');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    const manifest = TileManifest.parse(await res.json());
    expect(Object.keys(manifest.shards).length).toBeGreaterThan(0);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^".+-br"$/);
    const again = await fetch(tileUrl('manifest.json'), { headers: { 'accept-encoding': 'br', 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('sends tiles gzip-compressed to a client without brotli, cached for good; unknown names are 404', async () => {
    const manifest = TileManifest.parse(await (await fetch(tileUrl('manifest.json'))).json());
    const shard = ManifestShard.parse(await (await fetch(tileUrl(Object.values(manifest.shards)[0]!))).json());
    const name = Object.values(shard.tiles)[0]!;
    const res = await fetch(tileUrl(name), { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Tile.parse(await res.json()).rows.length).toBeGreaterThan(0);
    expect((await fetch(tileUrl('t/wtmkq.000000000000.json'))).status).toBe(404);
    expect((await fetch(tileUrl('../stations.json'))).status).toBe(404);
  });

  it('splits a dense cell so no tile holds more than the limit, and every station on the map is in exactly one tile', async () => {
    const manifest = TileManifest.parse(await (await fetch(tileUrl('manifest.json'))).json());
    const seen = new Map<string, string>();
    let split = false;
    for (const shardName of Object.values(manifest.shards)) {
      const shard = ManifestShard.parse(await (await fetch(tileUrl(shardName))).json());
      for (const [cell, name] of Object.entries(shard.tiles)) {
        const tile = Tile.parse(await (await fetch(tileUrl(name))).json());
        expect(tile.cell).toBe(cell);
        if (cell.length > 5) split = true;
        if (cell.length < TILE_MAX_PRECISION) expect(tile.rows.length).toBeLessThanOrEqual(TILE_MAX_ROWS);
        for (const row of tile.rows) {
          expect(seen.has(row.id)).toBe(false);
          seen.set(row.id, cell);
        }
      }
    }
    expect(split).toBe(true);
    const onMap = stations.filter((s) => s.status === 'active' && s.location).map((s) => s.id);
    expect([...seen.keys()].sort()).toEqual(onMap.sort());
  });
});

const filtersArb: fc.Arbitrary<StationFilters> = fc.record(
  {
    amenities: fc.subarray([...AMENITIES], { maxLength: 3 }),
    type: fc.subarray([...STATION_TYPES.slice(0, 6)], { maxLength: 3 }),
    openNow: fc.boolean(),
    q: fc.constantFrom('延安路', '爱心', 'Ｂ', '户外 劳动者', '湖滨路1', '不存在的路'),
  },
  { requiredKeys: [] },
);

const queryArb = fc.record({
  bearing: fc.double({ min: 0, max: 360, noNaN: true, maxExcluded: true }),
  distance: fc.double({ min: 0, max: 14_000, noNaN: true }),
  nearDense: fc.boolean(),
  radius: fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.double({ min: 1, max: 5_000, noNaN: true })),
  limit: fc.integer({ min: 1, max: 50 }),
  filters: filtersArb,
});

function queryString(q: { radius: number; limit: number; filters: StationFilters }, center: LatLng): string {
  const parts = [`lat=${center.lat}`, `lng=${center.lng}`, `radius=${q.radius}`, `limit=${q.limit}`, 'locatedBy=city'];
  if (q.filters.amenities?.length) parts.push(`amenities=${q.filters.amenities.join(',')}`);
  if (q.filters.type?.length) parts.push(`type=${q.filters.type.join(',')}`);
  if (q.filters.openNow !== undefined) parts.push(`openNow=${q.filters.openNow}`);
  if (q.filters.q !== undefined) parts.push(`q=${encodeURIComponent(q.filters.q)}`);
  return parts.join('&');
}

function bruteForce(center: LatLng, radius: number, limit: number, filters: StationFilters, now: Date) {
  const f = prepareFilters(filters, now);
  return stations
    .filter((s) => s.status === 'active' && s.location && failedFilters(s, f).length === 0)
    .map((s) => ({ id: s.id, exact: distanceMeters(center, s.location!) }))
    .filter((s) => s.exact <= radius)
    .sort((a, b) => a.exact - b.exact || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => ({ id: s.id, distanceMeters: Math.round(s.exact) }));
}

describe('the search on tiles', () => {
  it('answers exactly as the nearby API, rows, order and relax hints, over random points and filters', async () => {
    const client = tileClientFor(stack.url);
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(queryArb, async (q) => {
        const center = destination(q.nearDense ? DENSE : CITY, q.distance, q.bearing);
        const now = new Date();
        const api = await getJson<NearbyResponse>(stack.url, `/stations/nearby?${queryString(q, center)}`);
        expect(api.status).toBe(200);
        const tiles = await client.search({ ...center, radius: q.radius, limit: q.limit, ...q.filters }, now);
        expect(tiles.items).toEqual(api.body.items);
        expect(tiles.relax).toEqual(api.body.relax);
        expect(tiles.radius).toBe(api.body.radius);
        compared += 1;
      }),
      { numRuns: 300, seed: 17 },
    );
    expect(compared).toBe(300);
  }, 300_000);

  it('answers exactly as a brute force over every station, at thousands of points', async () => {
    const client = tileClientFor(stack.url);
    let mismatches = 0;
    await fc.assert(
      fc.asyncProperty(queryArb, async (q) => {
        const center = destination(q.nearDense ? DENSE : CITY, q.distance, q.bearing);
        const now = new Date();
        const got = await client.search({ ...center, radius: q.radius, limit: q.limit, ...q.filters }, now);
        const want = bruteForce(center, q.radius, q.limit, q.filters, now);
        const same = JSON.stringify(got.items.map((i) => ({ id: i.id, distanceMeters: i.distanceMeters }))) === JSON.stringify(want);
        if (!same) mismatches += 1;
        expect(same).toBe(true);
      }),
      { numRuns: 2000, seed: 1717 },
    );
    expect(mismatches).toBe(0);
  }, 400_000);
});

describe('freshness', () => {
  it("shows a host's edit in a fresh search within 60 seconds, and a station taken off the map leaves the tiles", async () => {
    const host = await loginAs(stack.url, 'host');
    const current = (await request<Station>(stack.url, 'GET', `/stations/${HOST_STATION}`)).body;
    const notice = `今天下午停水，热水暂停供应 ${Date.now() % 1000}`;
    const edited = Date.now();
    const res = await request<Station>(stack.url, 'PUT', `/stations/${HOST_STATION}/notice`, {
      token: host.token,
      body: { expectedVersion: current.version, notice },
    });
    expect(res.status).toBe(200);
    let seenAfter: number | null = null;
    while (Date.now() - edited < 60_000) {
      // A phone that has never searched here: empty store, so it reads the manifest as it is now.
      const answer = await tileClientFor(stack.url, memoryTileStore()).search({ ...HOST_AT, radius: 500, limit: 5 }, new Date());
      if (answer.items.find((i) => i.id === HOST_STATION)?.notice === notice) {
        seenAfter = Date.now() - edited;
        break;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(seenAfter).not.toBeNull();
    expect(seenAfter!).toBeLessThan(60_000);

    const admin = await loginAs(stack.url, 'admin');
    const latest = (await request<Station>(stack.url, 'GET', `/stations/${HOST_STATION}`)).body;
    const off = await request<Station>(stack.url, 'POST', `/stations/${HOST_STATION}/deactivate`, {
      token: admin.token,
      body: { expectedVersion: latest.version, reason: '驿站已搬迁' },
    });
    expect(off.status).toBe(200);
    await stack.tiles!.settle();
    const after = await tileClientFor(stack.url).search({ ...HOST_AT, radius: 500, limit: 5 }, new Date());
    expect(after.items.map((i) => i.id)).not.toContain(HOST_STATION);
  }, 120_000);
});

describe('the app client', () => {
  it('revalidates the manifest with its ETag and answers from stored tiles, saying how old, when the network is gone', async () => {
    const store = memoryTileStore();
    let now = Date.now();
    let online = true;
    const calls: { path: string; etag: string | null; status: number }[] = [];
    const http = httpTileFetch(stack.url);
    const client = new TileClient(
      async (path, etag) => {
        if (!online) throw new Error('network down');
        const res = await http(path, etag);
        calls.push({ path, etag, status: res.status });
        return res;
      },
      store,
      () => now,
    );
    const query = { ...CITY, radius: 3000, limit: 20 };
    const first = await client.search(query, new Date());
    expect(first.offline).toBe(false);
    expect(first.fetchedBytes).toBeGreaterThan(0);
    now += 31_000;
    client.forgetMemory();
    const second = await client.search(query, new Date());
    expect(calls.at(-1)).toMatchObject({ path: 'manifest.json', status: 304 });
    expect(second.fetchedBytes).toBe(0);
    expect(second.items).toEqual(first.items);
    online = false;
    now += 31_000;
    client.forgetMemory();
    const offline = await client.search(query, new Date());
    expect(offline.offline).toBe(true);
    expect(offline.builtAt).toBe(first.builtAt);
    expect(offline.items).toEqual(first.items);
    // A station 11 km out lies in a tile the 3 km search never needed: not stored, so no answer offline.
    const far = stations.find((s) => s.status === 'active' && s.location && distanceMeters(CITY, s.location) > 11_000)!;
    await expect(client.search({ ...far.location!, radius: 100, limit: 20 }, new Date())).rejects.toThrow('没有网络');
  }, 60_000);
});
