import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { prepareFilters, type Station, type StationRow, type StationSummary } from '@yz/shared';
import { encodeGeohash } from '@yz/shared/geohash';
import { compareCodePoints, districtList, DistrictTiles, encodeDistrict, TILE_MANIFEST_PATH, TileManifest } from '@yz/shared/tiles';
import { TileClient, TilesUnavailable, type TileFetch } from '@yz/shared/tile-client';
import { TileCache } from '@yz/shared/tile-cache';
import { removeSavedDistrict, saveDistrict, utf8Bytes } from '@yz/shared/tile-offline';
import { TileBuilder, type TileFiles } from '../../../functions/src/tiles';
import { makeStation } from '../../helpers/stations';
import { memoryTileStore } from '../../helpers/tiles';
import { memoryFiles, memorySource } from '../../helpers/tile-memory';
import { summaryOf } from '../../../functions/src/stations/summary';

/**
 * District indexes (which tiles make a district), the district list on tiles, the offline download of
 * a district and the byte budget of stored tiles, on the real builder and client over in-memory files.
 */

const CHAOYANG = { code: '110105', name: '朝阳区' };
const HAIDIAN = { code: '110108', name: '海淀区' };
const near = (i: number, spread = 0.05) => ({ lat: 39.92 + ((i * 37) % 100) * spread * 0.01, lng: 116.45 + ((i * 53) % 100) * spread * 0.01 });

/** The edge in front of the files: 200 / 404, an ETag on the manifest, and a switch to cut the network. */
function edge(files: Map<string, string>) {
  const state = { online: true, fetched: [] as string[] };
  const fetchTile: TileFetch = async (path, etag) => {
    if (!state.online) throw new Error('network down');
    state.fetched.push(path);
    const text = files.get(path);
    if (text === undefined) return { status: 404 };
    const tag = path === TILE_MANIFEST_PATH ? `"${createHash('sha256').update(text).digest('hex')}"` : null;
    if (tag && etag === tag) return { status: 304 };
    return { status: 200, text, etag: tag };
  };
  return { state, fetchTile };
}

/** The district list the API answers (StationService.districtStations): the byDistrict index by name, then id. */
function apiOrder(stations: Station[], district: string): string[] {
  const key = (s: Station) => [Buffer.from(s.name, 'utf8'), Buffer.from(s.id, 'utf8')] as const;
  return stations
    .filter((s) => s.district.code === district && s.status !== 'inactive')
    .sort((a, b) => Buffer.compare(key(a)[0], key(b)[0]) || Buffer.compare(key(a)[1], key(b)[1]))
    .map((s) => s.id);
}

describe('the district index', () => {
  it('names the cells of the district’s stations on the map and carries those off it, whatever the order it is given', () => {
    const located = [makeStation({ id: 'st-a1', location: near(1) }), makeStation({ id: 'st-a2', location: near(2, 1) })].map(summaryOf);
    const unlocated = summaryOf(makeStation({ id: 'st-a3', location: null, status: 'needs_location' }));
    const text = encodeDistrict('110105', [unlocated, ...located])!;
    const index = DistrictTiles.parse(JSON.parse(text));
    expect(index.cells).toEqual([...new Set(located.map((r) => encodeGeohash(r.location!, 5)))].sort());
    expect(index.unlocated.map((r) => r.id)).toEqual(['st-a3']);
    expect(encodeDistrict('110105', [...located].reverse().concat(unlocated))).toBe(text);
    expect(encodeDistrict('110105', [])).toBeNull();
  });

  it('orders names as DynamoDB orders an index key: by UTF-8 bytes, not UTF-16 units', () => {
    const text = fc.oneof(fc.string({ unit: fc.constantFrom('驿', '站', 'a', 'Ｂ', '\uE000', '\uFFFD', '𠀀', '𪚥'), maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 6 }));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const want = Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
        expect(Math.sign(compareCodePoints<string>((s) => s)(a, b))).toBe(want);
      }),
      { numRuns: 3000 },
    );
  });

  it('lists a district’s stations passing the filters, by name then id, as the API does', () => {
    const stations = [
      makeStation({ id: 'st-b', name: '同名驿站', location: near(3), district: CHAOYANG }),
      makeStation({ id: 'st-a', name: '同名驿站', location: near(4), district: CHAOYANG }),
      makeStation({ id: 'st-c', name: '𠀀驿站', location: near(5), district: CHAOYANG }),
      makeStation({ id: 'st-d', name: '\uFFFD驿站', location: null, status: 'needs_location', district: CHAOYANG }),
      makeStation({ id: 'st-e', name: '海淀驿站', location: near(6), district: HAIDIAN }),
      makeStation({ id: 'st-f', name: '其他驿站', location: near(7), district: CHAOYANG, type: 'union_center' }),
    ];
    const all = districtList(stations.map(summaryOf), CHAOYANG.code, prepareFilters({}, new Date()));
    expect(all.map((s) => s.id)).toEqual(apiOrder(stations, CHAOYANG.code));
    const unions = districtList(stations.map(summaryOf), CHAOYANG.code, prepareFilters({ type: ['union_center'] }, new Date()));
    expect(unions.map((s) => s.id)).toEqual(['st-f']);
  });
});

describe('district browse and the offline download on tiles', () => {
  let stations: Station[];
  let files: ReturnType<typeof memoryFiles>;
  let builder: TileBuilder;

  beforeEach(async () => {
    // Enough in one spot that its cell is split into finer tiles, some in a neighbouring district.
    stations = Array.from({ length: 300 }, (_, i) =>
      makeStation({ id: `s-${String(i).padStart(3, '0')}`, name: `驿站${(i * 7919) % 97}`, location: near(i, i < 200 ? 0.02 : 1), district: i % 5 === 0 ? HAIDIAN : CHAOYANG }),
    );
    stations.push(makeStation({ id: 's-off', name: '待定位驿站', location: null, status: 'needs_location', district: CHAOYANG }));
    stations.push(makeStation({ id: 's-gone', name: '已撤销驿站', location: near(9), status: 'inactive', district: CHAOYANG }));
    files = memoryFiles();
    builder = new TileBuilder(memorySource(() => stations), files);
    await builder.rebuildAll(new Date('2026-12-01T08:00:00+08:00'));
  });

  const manifestOf = () => TileManifest.parse(JSON.parse(files.files.get(TILE_MANIFEST_PATH)!));

  it('browses a district from its tiles in the API’s order, and follows a station that moves district', async () => {
    const { fetchTile } = edge(files.files);
    const client = new TileClient(fetchTile, memoryTileStore());
    const got = await client.browseDistrict({ districtCode: CHAOYANG.code }, new Date());
    expect(got.items.map((s) => s.id)).toEqual(apiOrder(stations, CHAOYANG.code));
    expect(got.items.find((s) => s.id === 's-off')?.location).toBeNull();
    expect(got.offline).toBe(false);

    // s-001 moves to 海淀区 far away; s-off gets a location; a new station appears.
    const before = stations.find((s) => s.id === 's-001')!;
    const moved = { ...before, district: HAIDIAN, location: { lat: 40.03, lng: 116.3 } };
    const located = { ...stations.find((s) => s.id === 's-off')!, status: 'active' as const, location: { lat: 39.9, lng: 116.6 } };
    const added = makeStation({ id: 's-new', name: '新驿站', location: { lat: 39.8, lng: 116.5 }, district: CHAOYANG });
    stations = stations.map((s) => (s.id === moved.id ? moved : s.id === located.id ? located : s)).concat(added);
    const cells = [before, moved, located, added].flatMap((s) => (s.location ? [encodeGeohash(s.location, 5)] : []));
    await builder.rebuildCells(cells, new Date(), [CHAOYANG.code, HAIDIAN.code]);
    const fresh = new TileClient(fetchTile, memoryTileStore());
    const chaoyang = await fresh.browseDistrict({ districtCode: CHAOYANG.code }, new Date());
    expect(chaoyang.items.map((s) => s.id)).toEqual(apiOrder(stations, CHAOYANG.code));
    expect(chaoyang.items.map((s) => s.id)).not.toContain('s-001');
    expect((await fresh.browseDistrict({ districtCode: HAIDIAN.code }, new Date())).items.map((s) => s.id)).toEqual(apiOrder(stations, HAIDIAN.code));
  });

  it('builds every district index at the first change after a manifest from before district indexes', async () => {
    const old = manifestOf() as Record<string, unknown>;
    delete old.districts;
    files.files.set(TILE_MANIFEST_PATH, JSON.stringify(old));
    const report = await builder.rebuildCells([encodeGeohash(stations[0]!.location!, 5)], new Date(), [stations[0]!.district.code]);
    expect(report.stations).toBe(stations.filter((s) => s.status === 'active' && s.location).length);
    const { fetchTile } = edge(files.files);
    // 朝阳区 was not touched: it has its index all the same.
    expect(stations[0]!.district.code).not.toBe(CHAOYANG.code);
    const chaoyang = await new TileClient(fetchTile, memoryTileStore()).browseDistrict({ districtCode: CHAOYANG.code }, new Date());
    expect(chaoyang.items.map((s) => s.id)).toEqual(apiOrder(stations, CHAOYANG.code));
  });

  it('downloads a district with its progress and size, answers there with the network cut, and frees it when removed', async () => {
    const { state, fetchTile } = edge(files.files);
    let now = Date.parse('2026-12-01T09:00:00+08:00');
    const store = memoryTileStore();
    const client = new TileClient(fetchTile, store, () => now);
    const progress: [number, number, number][] = [];
    const saved = await saveDistrict(client, CHAOYANG, (done, total, bytes) => progress.push([done, total, bytes]));
    expect(saved.stations).toBe(apiOrder(stations, CHAOYANG.code).length);
    expect(progress[0]).toEqual([0, saved.files.length, 0]);
    expect(progress.at(-1)).toEqual([saved.files.length, saved.files.length, saved.bytes]);
    expect(saved.bytes).toBe(saved.files.reduce((sum, n) => sum + utf8Bytes(files.files.get(n)!), 0));
    expect(saved.builtAt).toBe(manifestOf().builtAt);
    expect(await client.savedDistricts()).toEqual([saved]);

    state.online = false;
    now += 3_600_000;
    const phone = new TileClient(fetchTile, store, () => now);
    const offline = await phone.browseDistrict({ districtCode: CHAOYANG.code, q: '驿站1' }, new Date());
    expect(offline.offline).toBe(true);
    expect(offline.builtAt).toBe(saved.builtAt);
    const want = districtList(stations.map(summaryOf), CHAOYANG.code, prepareFilters({ q: '驿站1' }, new Date()));
    expect(offline.items).toEqual(want);
    const inside = stations.find((s) => s.district.code === CHAOYANG.code && s.location && s.status === 'active')!;
    const search = await phone.search({ ...inside.location!, radius: 300, limit: 5 }, new Date());
    expect(search.offline).toBe(true);
    expect(search.items.map((s) => s.id)).toContain(inside.id);
    await expect(saveDistrict(phone, HAIDIAN)).rejects.toBeInstanceOf(TilesUnavailable);

    await removeSavedDistrict(phone, CHAOYANG.code);
    expect(await phone.savedDistricts()).toEqual([]);
    for (const name of saved.files) expect(store.map.has(`tiles:${name}`)).toBe(false);
  });

  it('keeps the saved district’s tiles as they were saved when a newer manifest names tiles not kept', async () => {
    const { state, fetchTile } = edge(files.files);
    let now = Date.parse('2026-12-01T09:00:00+08:00');
    const store = memoryTileStore();
    const client = new TileClient(fetchTile, store, () => now);
    const saved = await saveDistrict(client, CHAOYANG);
    // A station's hours change: new tiles, a new manifest the phone reads but never fetches the tiles of.
    const edited = stations.find((s) => s.district.code === CHAOYANG.code && s.location)!;
    stations = stations.map((s) => (s.id === edited.id ? { ...s, name: `${s.name}（新）` } : s));
    await builder.rebuildCells([encodeGeohash(edited.location!, 5)], new Date('2026-12-01T10:00:00+08:00'), [CHAOYANG.code]);
    now += 60_000;
    client.forgetMemory();
    await client.search({ lat: 0.5, lng: 0.5, radius: 10, limit: 1 }, new Date());
    state.online = false;
    client.forgetMemory();
    const offline = await client.browseDistrict({ districtCode: CHAOYANG.code }, new Date());
    expect(offline.offline).toBe(true);
    expect(offline.builtAt).toBe(saved.builtAt);
    expect(offline.items.map((s) => s.name)).not.toContain(`${edited.name}（新）`);
    expect(offline.items).toHaveLength(saved.stations);
  });
});

const storedChars = (map: Map<string, string>) => [...map.entries()].filter(([k]) => /^tiles:[tmd]\//.test(k)).reduce((sum, [, v]) => sum + v.length, 0);

describe('the byte budget of stored tiles', () => {
  const text = (n: number) => 'x'.repeat(n);

  it('drops the least recently used files once over budget, never a pinned one', async () => {
    const store = memoryTileStore();
    let now = 0;
    const pinned = new Set(['t/pinned']);
    const cache = new TileCache(store, async () => pinned, () => now, 1000);
    await cache.put('t/pinned', text(400));
    now = 1;
    await cache.put('t/a', text(300));
    now = 2;
    await cache.put('t/b', text(200));
    now = 3;
    expect(await cache.get('t/a')).not.toBeNull(); // a is now newer than b
    now = 4;
    await cache.put('t/c', text(300)); // 1200 > 1000: b goes (pinned is older but kept)
    expect(store.map.has('tiles:t/b')).toBe(false);
    expect([...store.map.keys()].filter((k) => k.startsWith('tiles:t/')).sort()).toEqual(['tiles:t/a', 'tiles:t/c', 'tiles:t/pinned']);
    expect(storedChars(store.map)).toBe(1000);
    now = 5;
    await cache.put('t/d', text(900)); // only the newest and the pinned remain, over budget: the pinned one stays
    expect([...store.map.keys()].filter((k) => k.startsWith('tiles:t/')).sort()).toEqual(['tiles:t/d', 'tiles:t/pinned']);
    // The sizes and last uses outlive the client: a new one over the same store drops the same way.
    await cache.flush();
    const again = new TileCache(store, async () => pinned, () => now, 1000);
    now = 6;
    await again.put('t/e', text(100));
    expect([...store.map.keys()].filter((k) => k.startsWith('tiles:t/')).sort()).toEqual(['tiles:t/e', 'tiles:t/pinned']);
  });

  it('tells a download’s size in UTF-8 bytes', () => {
    expect(utf8Bytes('a驿𠀀é')).toBe(1 + 3 + 4 + 2);
    expect(utf8Bytes('驿站')).toBe(Buffer.byteLength('驿站', 'utf8'));
  });

  it('keeps a client’s stored tiles within the budget while searching, and a saved district whole', async () => {
    const stations = Array.from({ length: 400 }, (_, i) => makeStation({ id: `b-${i}`, location: near(i, 3), district: i % 2 ? CHAOYANG : HAIDIAN }));
    const files = memoryFiles();
    await new TileBuilder(memorySource(() => stations), files).rebuildAll();
    const { fetchTile } = edge(files.files);
    const store = memoryTileStore();
    const budget = 20_000;
    const client = new TileClient(fetchTile, store, Date.now, budget);
    const saved = await saveDistrict(client, CHAOYANG);
    const savedChars = saved.files.reduce((sum, n) => sum + files.files.get(n)!.length, 0);
    expect(savedChars).toBeGreaterThan(budget);
    for (let i = 0; i < 60; i += 1) await client.search({ ...near(i * 7, 3), radius: 2000, limit: 5 }, new Date());
    for (const name of saved.files) expect(store.map.has(`tiles:${name}`)).toBe(true);
    // Everything beyond the saved district fits the budget's room, give or take the newest file.
    const biggest = Math.max(...[...files.files.values()].map((t) => t.length));
    expect(storedChars(store.map)).toBeLessThanOrEqual(Math.max(budget, savedChars) + biggest);
  });

  it('writes nothing to the phone’s storage for a search over tiles it already holds in memory', async () => {
    const stations = Array.from({ length: 200 }, (_, i) => makeStation({ id: `w-${i}`, location: near(i, 3), district: CHAOYANG }));
    const files = memoryFiles();
    await new TileBuilder(memorySource(() => stations), files).rebuildAll();
    const { fetchTile } = edge(files.files);
    const store = memoryTileStore();
    const writes: string[] = [];
    const counted = { ...store, set: async (key: string, value: string) => void (writes.push(key), await store.set(key, value)) };
    const client = new TileClient(fetchTile, counted);
    const query = { ...near(10, 3), radius: 2000, limit: 5 };
    await client.search(query, new Date());
    expect(writes).toContain('tiles:usage');
    writes.length = 0;
    await client.search(query, new Date());
    expect(writes).toEqual([]);
  });
});
