import fc from 'fast-check';
import { AMENITIES, STATION_TYPES, type DistrictStationsPage, type LatLng, type Station, type StationFilters } from '@yz/shared';
import { encodeGeohash } from '@yz/shared/geohash';
import { DistrictDirectory, DistrictTiles, TILE_MIN_PRECISION, TileManifest } from '@yz/shared/tiles';
import { seededRandom } from '../../dev/src/random';
import { loginAs, request } from '../helpers/api';
import { randomPointNear } from '../helpers/geo';
import { getJson } from '../helpers/http';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';
import { filterableStation } from '../helpers/stations';
import { memoryTileStore, tileClientFor } from '../helpers/tiles';

/**
 * District indexes on tiles against DynamoDB Local: the district list read from tiles is the API's
 * district list (rows and order, every filter), and the index follows a station that is added, moves
 * to another district and is taken off the map, through the stations stream and the tile builder.
 */

const DUCHANG = { code: '360428', name: '都昌县' };
const WUNING = { code: '360423', name: '武宁县' };
const DUCHANG_AT: LatLng = { lat: 29.2731, lng: 116.2041 };
const WUNING_AT: LatLng = { lat: 29.2565, lng: 115.1005 };

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ tiles: true });
  const rand = seededRandom(170170);
  const stations: Station[] = Array.from({ length: 260 }, (_, i) => {
    const roll = rand();
    const district = i % 4 === 0 ? WUNING : DUCHANG;
    const unplaced = roll > 0.9 && roll <= 0.95;
    const location = unplaced ? null : randomPointNear(district === WUNING ? WUNING_AT : DUCHANG_AT, i < 150 ? 1500 : 15_000, rand);
    const status = unplaced ? 'needs_location' : roll > 0.95 ? 'inactive' : 'active';
    return makeStation({ id: `dist-${String(i).padStart(3, '0')}`, district, location, status, ...filterableStation(i, roll, rand) });
  });
  // Names that tie (ordered by id in the index), and names beyond U+FFFF (UTF-8 order, not UTF-16).
  stations.push(makeStation({ id: 'dist-twin-b', name: '同名驿站', location: DUCHANG_AT }), makeStation({ id: 'dist-twin-a', name: '同名驿站', location: DUCHANG_AT }));
  stations.push(makeStation({ id: 'dist-ext-a', name: '𠀀户外驿站', location: DUCHANG_AT }), makeStation({ id: 'dist-ext-b', name: '\uFF21户外驿站', location: DUCHANG_AT }));
  await putStations(stack, stations);
  await stack.tiles!.settle();
}, 120_000);
afterAll(async () => {
  await stack?.stop();
}, 60_000);

/** Every page of the API's district list, following its cursor. */
async function apiDistrictList(districtCode: string, filters: StationFilters) {
  const items: DistrictStationsPage['items'] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ districtCode, limit: '37' });
    if (filters.amenities?.length) params.set('amenities', filters.amenities.join(','));
    if (filters.type?.length) params.set('type', filters.type.join(','));
    if (filters.openNow !== undefined) params.set('openNow', String(filters.openNow));
    if (filters.q !== undefined) params.set('q', filters.q);
    if (cursor) params.set('cursor', cursor);
    const res = await getJson<DistrictStationsPage>(stack.url, `/stations?${params.toString()}`);
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}

const filtersArb: fc.Arbitrary<StationFilters> = fc.record(
  {
    amenities: fc.subarray([...AMENITIES], { maxLength: 2 }),
    type: fc.subarray([...STATION_TYPES.slice(0, 6)], { maxLength: 3 }),
    openNow: fc.boolean(),
    q: fc.constantFrom('延安路', '爱心', '户外', '驿站', '不存在的路'),
  },
  { requiredKeys: [] },
);

describe('the district list on tiles', () => {
  it('is the API’s district list, rows and order, over random filters', async () => {
    const client = tileClientFor(stack.url);
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(DUCHANG, WUNING), filtersArb, async (district, filters) => {
        const api = await apiDistrictList(district.code, filters);
        const tiles = await client.browseDistrict({ districtCode: district.code, ...filters }, new Date());
        expect(tiles.items).toEqual(api);
        compared += 1;
      }),
      { numRuns: 40, seed: 1717 },
    );
    expect(compared).toBe(40);
    const all = await client.browseDistrict({ districtCode: DUCHANG.code }, new Date());
    expect(all.items.some((s) => s.location === null)).toBe(true);
    expect(all.items.map((s) => s.id)).toEqual(expect.arrayContaining(['dist-twin-a', 'dist-ext-a', 'dist-ext-b']));
    // A district without stations: no index, an empty list, as the API says.
    expect((await client.browseDistrict({ districtCode: '110105' }, new Date())).items).toEqual(await apiDistrictList('110105', {}));
  }, 120_000);
});

/** The district's index as a phone with nothing stored reads it now. */
async function indexOf(districtCode: string): Promise<DistrictTiles | null> {
  const get = async (path: string) => (await fetch(`${stack.url}/tiles/${path}`)).json();
  const manifest = TileManifest.parse(await get('manifest.json'));
  const directoryName = manifest.districts[districtCode.slice(0, 2)];
  if (!directoryName) return null;
  const name = DistrictDirectory.parse(await get(directoryName)).districts[districtCode];
  return name ? DistrictTiles.parse(await get(name)) : null;
}

const encode = (p: LatLng) => encodeGeohash(p, TILE_MIN_PRECISION);

/** Waits for the stream's build (never a full rebuild): until `done` holds, at most 60 s. */
async function until(done: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await done())) {
    if (Date.now() - started > 60_000) throw new Error('the tiles did not follow within 60 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

const listed = async (district: string, id: string) =>
  (await tileClientFor(stack.url, memoryTileStore()).browseDistrict({ districtCode: district }, new Date())).items.some((s) => s.id === id);

describe('the district index follows station writes through the stream', () => {
  it('adds a new station, moves it to another district, gives a located one its place, and drops a deactivated one', async () => {
    const admin = await loginAs(stack.url, 'admin');
    const builds = stack.tiles!.builds.length;
    const created = await request<Station>(stack.url, 'POST', '/stations', {
      token: admin.token,
      body: { name: '武宁县新开户外驿站', address: '江西省九江市武宁县新宁镇测试路 1 号', districtCode: WUNING.code, location: { lat: 29.3, lng: 115.3 }, type: 'community', hostOrganisation: null },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await until(() => listed(WUNING.code, id));
    expect((await indexOf(WUNING.code))!.cells).toContain(encode({ lat: 29.3, lng: 115.3 }));

    // Moved to 都昌县, to a spot far from its other stations: a new cell in 都昌县's index, none left in 武宁县's.
    const far = { lat: 29.05, lng: 116.6 };
    const moved = await request<Station>(stack.url, 'PUT', `/stations/${id}/profile`, {
      token: admin.token,
      body: { expectedVersion: created.body.version, name: created.body.name, address: created.body.address, districtCode: DUCHANG.code, location: far, type: 'community', hostOrganisation: null },
    });
    expect(moved.status).toBe(200);
    await until(async () => (await listed(DUCHANG.code, id)) && !(await listed(WUNING.code, id)));
    expect((await indexOf(DUCHANG.code))!.cells).toContain(encode(far));
    expect((await indexOf(WUNING.code))!.cells).not.toContain(encode({ lat: 29.3, lng: 115.3 }));

    // Taken off the map: gone from the list and from the index (its cell held no other 都昌县 station).
    const off = await request<Station>(stack.url, 'POST', `/stations/${id}/deactivate`, {
      token: admin.token,
      body: { expectedVersion: moved.body.version, reason: '驿站已搬迁' },
    });
    expect(off.status).toBe(200);
    await until(async () => !(await listed(DUCHANG.code, id)));
    expect((await indexOf(DUCHANG.code))!.cells).not.toContain(encode(far));
    // Each step was the stream's own build of the cells and districts it touched.
    expect(stack.tiles!.builds.slice(builds).some((b) => b.districtsWritten > 0 && b.cells <= 2)).toBe(true);
  }, 180_000);
});
