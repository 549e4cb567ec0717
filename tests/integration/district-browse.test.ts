import { alwaysOpenHours, type DistrictStationsPage, type RegionList } from '@yz/shared';
import type { ApiErrorBody } from '@yz/shared';
import { getJson } from '../helpers/http';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/** Browse by district (按区县浏览) through the byDistrict index, and the region names the app shows. */

let stack: TestStack;
const LANGYA = { code: '341102', name: '琅琊区' };
const NANQIAO = { code: '341103', name: '南谯区' };

beforeAll(async () => {
  stack = await startTestStack();
  const names = ['丰乐大道驿站', '琅琊大道爱心驿站', '醉翁路劳动者港湾', '清流路驿站', '会峰路爱心驿站', '世纪大道驿站', '龙蟠大道环卫休息站'];
  await putStations(stack, [
    ...names.map((name, i) =>
      makeStation({
        id: `dist-${i}`,
        name,
        address: `安徽省滁州市琅琊区${name.slice(0, 3)}${i + 1}号`,
        district: LANGYA,
        location: { lat: 32.3 + i * 0.002, lng: 118.31 },
        hours: i % 2 === 0 ? alwaysOpenHours() : null,
      }),
    ),
    makeStation({ id: 'dist-off', name: '已停用驿站', district: LANGYA, status: 'inactive' }),
    makeStation({ id: 'dist-unlocated', name: '待定位驿站', district: LANGYA, location: null, status: 'needs_location' }),
    makeStation({ id: 'dist-other', name: '南谯区驿站', district: NANQIAO, location: { lat: 32.28, lng: 118.29 } }),
  ]);
});
afterAll(async () => {
  await stack?.stop();
});

const page = (query: string) => getJson<DistrictStationsPage>(stack.url, `/stations?${query}`);

describe('GET /stations?districtCode=', () => {
  it("lists a district's stations by name, page by page, without the deactivated ones", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Awaited<ReturnType<typeof page>> = await page(`districtCode=341102&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      expect(Number(res.headers.get('x-yz-items-read'))).toBeGreaterThan(0);
      seen.push(...res.body.items.map((i) => i.name));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toContain('待定位驿站');
    expect(seen).not.toContain('已停用驿站');
    expect(seen).not.toContain('南谯区驿站');
  });

  it('searches a district by keyword without a location, with the same filters as nearby', async () => {
    const res = await page(`districtCode=341102&q=${encodeURIComponent('爱心')}`);
    expect(res.body.items.map((i) => i.name).sort()).toEqual(['会峰路爱心驿站', '琅琊大道爱心驿站']);
    expect(res.body.nextCursor).toBeNull();
    const street = await page(`districtCode=341102&q=${encodeURIComponent('醉翁')}`);
    expect(street.body.items.map((i) => i.id)).toEqual(['dist-2']);
    const open = await page('districtCode=341102&openNow=1');
    expect(open.body.items.map((i) => i.id).sort()).toEqual(['dist-0', 'dist-2', 'dist-4', 'dist-6']);
  });

  it('refuses a cursor it did not make, or one from another district', async () => {
    const bad = await getJson<ApiErrorBody>(stack.url, '/stations?districtCode=341102&cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_CURSOR', field: 'cursor' });
    const first = await page('districtCode=341102&limit=2');
    const other = await getJson<ApiErrorBody>(stack.url, `/stations?districtCode=341103&cursor=${first.body.nextCursor}`);
    expect(other.status).toBe(400);
    const missing = await getJson<ApiErrorBody>(stack.url, '/stations?districtCode=3411');
    expect(missing.status).toBe(400);
    expect(missing.body.message).toBe('区县代码应为 6 位数字');
  });
});

describe('GET /regions', () => {
  it('lists provinces, a province\u2019s cities and a city\u2019s districts with GB/T 2260 codes', async () => {
    const provinces = await getJson<RegionList>(stack.url, '/regions');
    expect(provinces.body.items).toHaveLength(31);
    expect(provinces.body.items).toContainEqual({ code: '36', name: '江西省', leaf: false });
    const cities = await getJson<RegionList>(stack.url, '/regions?parent=36');
    expect(cities.body.items).toContainEqual({ code: '3604', name: '九江市', leaf: false });
    const districts = await getJson<RegionList>(stack.url, '/regions?parent=3604');
    expect(districts.body.items).toContainEqual({ code: '360428', name: '都昌县', leaf: true });
    expect(districts.body.path).toEqual([
      { code: '36', name: '江西省' },
      { code: '3604', name: '九江市' },
    ]);
    // A city without districts is its own single district.
    const dongguan = await getJson<RegionList>(stack.url, '/regions?parent=4419');
    expect(dongguan.body.items).toEqual([{ code: '441900', name: '东莞市', leaf: true }]);
  });

  it('answers 404 for a code that is no region, 400 for one that is no code', async () => {
    expect((await getJson<ApiErrorBody>(stack.url, '/regions?parent=99')).body.code).toBe('REGION_NOT_FOUND');
    expect((await getJson<ApiErrorBody>(stack.url, '/regions?parent=360428')).status).toBe(400);
  });
});
