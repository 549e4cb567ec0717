import { ApiErrorBody } from '@yz/shared';
import { getJson } from '../helpers/http';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [makeStation({ id: 'known-station' })]);
});
afterAll(async () => {
  await stack?.stop();
});

const CHINESE = /[\u4e00-\u9fff]/;
const OK = 'lat=29.2731&lng=116.2041';

describe('errors the client can act on', () => {
  it.each([
    ['missing lat', 'lng=116.2041', 'MISSING_PARAMETER', '缺少纬度', 'lat'],
    ['no query at all', '', 'MISSING_PARAMETER', '缺少纬度', 'lat'],
    ['lat out of range', 'lat=91&lng=116.2041', 'INVALID_PARAMETER', '纬度必须在 -90 到 90 之间', 'lat'],
    ['non-numeric lng', 'lat=29.2731&lng=east', 'INVALID_PARAMETER', '经度必须是数字', 'lng'],
    ['radius 0', `${OK}&radius=0`, 'INVALID_PARAMETER', '搜索半径（米）必须在 1 到 20000 之间', 'radius'],
    ['negative radius', `${OK}&radius=-100`, 'INVALID_PARAMETER', '搜索半径（米）必须在 1 到 20000 之间', 'radius'],
    ['radius over the maximum', `${OK}&radius=20001`, 'INVALID_PARAMETER', '搜索半径（米）必须在 1 到 20000 之间', 'radius'],
    ['limit over the maximum', `${OK}&limit=51`, 'INVALID_PARAMETER', '返回数量必须在 1 到 50 之间', 'limit'],
    ['fractional limit', `${OK}&limit=2.5`, 'INVALID_PARAMETER', '返回数量必须是整数', 'limit'],
    ['a point outside China', 'lat=51.5072&lng=-0.1276', 'OUT_OF_SERVICE_AREA', '这个位置不在服务范围内（仅限中国境内），请重新定位或选择城市', 'lat'],
    ['an unknown amenity', `${OK}&amenities=hot_water,sauna`, 'UNKNOWN_AMENITY', '没有“sauna”这个设施，请从热水、饮用水、微波炉等选项中选择', 'amenities'],
    ['an unknown station type', `${OK}&type=casino`, 'UNKNOWN_STATION_TYPE', '没有“casino”这个驿站类型，请从工会服务站、社区、企业等选项中选择', 'type'],
    ['an over-long keyword', `${OK}&q=${encodeURIComponent('江西省九江市都昌县东湖大道与迎宾大道交叉口')}`, 'KEYWORD_TOO_LONG', '关键词最多 20 个字，请只输入驿站名称或街道名称中的几个字', 'q'],
    ['open-now that is not a yes or no', `${OK}&openNow=maybe`, 'INVALID_PARAMETER', '“现在开放”只能是 true 或 false', 'openNow'],
  ])('GET /stations/nearby with %s is a 400 naming the field', async (_, query, code, message, field) => {
    const res = await getJson<ApiErrorBody>(stack.url, `/stations/nearby?${query}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code, message, field });
    expect(res.body.issues?.[0]).toEqual({ field, message });
    expect(ApiErrorBody.safeParse(res.body).success).toBe(true);
  });

  it('lists every problem of a request, the first one leading', async () => {
    const res = await getJson<ApiErrorBody>(stack.url, '/stations/nearby?lat=abc&radius=0&limit=100');
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('lat');
    expect(res.body.issues?.map((i) => i.field)).toEqual(['lat', 'lng', 'radius', 'limit']);
  });

  it('answers 404 STATION_NOT_FOUND for an id nobody has', async () => {
    const res = await getJson<ApiErrorBody>(stack.url, '/stations/no-such-station');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'STATION_NOT_FOUND', message: '没有找到这个驿站，它可能已被删除' });
  });

  it.each([['ab'], ['has.dot'], ['%E9%A9%BF%E7%AB%99'], ['x'.repeat(65)], ['a%2Fb%2Fc']])('answers 400 for the malformed id %s', async (id) => {
    const res = await getJson<ApiErrorBody>(stack.url, `/stations/${id}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_PARAMETER', message: '驿站编号格式不正确', field: 'id' });
  });

  it.each([['/nope'], ['/'], ['/station'], ['/stations/known-station/extra'], ['/v1/stations/nearby']])('answers 404 ROUTE_NOT_FOUND as JSON for %s', async (path) => {
    const res = await getJson<ApiErrorBody>(stack.url, path);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ code: 'ROUTE_NOT_FOUND', message: '没有这个接口' });
  });

  it('answers a method the route does not have with ROUTE_NOT_FOUND', async () => {
    const res = await fetch(`${stack.url}/stations/nearby?${OK}`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'ROUTE_NOT_FOUND', message: '没有这个接口' });
  });
});

describe('malformed requests', () => {
  const garbage = [
    // Percent-encoding that does not decode, in the query and in the path.
    '/stations/nearby?lat=%E0%A4%A&lng=%',
    '/stations/nearby?lat=%%%&lng=116',
    '/stations/nearby?%ZZ=1&lat=29.27&lng=116.2',
    '/stations/%E0%A4%A',
    '/stations/%',
    '/stations/%00abc',
    '/stations/%FF%FE%FD',
    '/%C0%AE%C0%AE/stations',
    // Huge, tiny and odd numbers.
    '/stations/nearby?lat=1e308&lng=1e308',
    '/stations/nearby?lat=1e400&lng=-1e400',
    '/stations/nearby?lat=29.27&lng=116.2&radius=1e-300',
    '/stations/nearby?lat=29.27&lng=116.2&radius=Infinity',
    '/stations/nearby?lat=NaN&lng=NaN',
    '/stations/nearby?lat=0x1D&lng=116.2&limit=0x10',
    '/stations/nearby?lat=29.27&lng=116.2&limit=9999999999999999999999',
    `/stations/nearby?lat=${'9'.repeat(400)}&lng=116.2`,
    '/stations/nearby?lat=-0&lng=-0',
    // Empty and repeated values.
    '/stations/nearby?lat=&lng=',
    '/stations/nearby?lat&lng',
    '/stations/nearby?lat=29.27&lng=116.2&radius=&limit=',
    '/stations/nearby?lat=29.27&lat=30&lng=116.2',
    '/stations/nearby?lat=29.27&lng=116.2&limit=5&limit=6',
    '/stations/nearby?lat[]=29&lng[]=116',
    '/stations/nearby?lat=29.27,116.2&lng=116.2',
    '/stations/nearby?lat=%2029.27%20&lng=%09116.2',
    '/stations/nearby?__proto__=1&constructor=2&lat=29.27&lng=116.2',
    '/stations/nearby?lat=29.27&lng=116.2&radius=true',
    `/stations/nearby?lat=29.27&lng=116.2&x=${'y'.repeat(6000)}`,
    // Paths that look like others.
    '/stations/nearby/',
    '/stations//',
    '/stations/nearby%20',
    '/STATIONS/NEARBY?lat=29.27&lng=116.2',
    '/stations/__proto__',
    '/stations/constructor',
    '/openapi.json/x',
  ];

  it('never answers with a 5xx, and always with a JSON error or a result', async () => {
    for (const path of garbage) {
      const res = await fetch(`${stack.url}${path}`);
      const text = await res.text();
      const context = `${path} → ${res.status} ${text.slice(0, 200)}`;
      expect([context, res.status < 500]).toEqual([context, true]);
      const body: unknown = JSON.parse(text);
      if (res.status >= 400) {
        const error = ApiErrorBody.safeParse(body);
        expect([context, error.success]).toEqual([context, true]);
        expect([context, CHINESE.test(error.data?.message ?? '')]).toEqual([context, true]);
      }
    }
  });
});
