import { Station, alwaysOpenHours, contract, routeNames } from '@yz/shared';
import { getJson } from '../helpers/http';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

describe('GET /stations/{id}', () => {
  it('returns the whole station exactly as written', async () => {
    const station = makeStation({
      id: 'full-record_01',
      name: '长风街工会户外劳动者服务站',
      address: '山西省太原市小店区长风街 88 号',
      district: { code: '140105', name: '小店区' },
      location: { lat: 37.7365, lng: 112.5652 },
      type: 'union_center',
      amenities: { ...makeStation().amenities, hot_water: 'yes', toilet: 'no', microwave: 'unknown' },
      hours: {
        weekly: { ...alwaysOpenHours().weekly, sat: [{ open: '08:00', close: '12:00' }, { open: '22:00', close: '06:00', overnight: true }], sun: [] },
        exceptions: [{ from: '2026-10-01', to: '2026-10-07', intervals: [], reason: '国庆' }],
      },
      hoursNote: '节假日以门口公告为准',
      closure: { reason: '设备检修', since: '2026-11-20T08:00:00+08:00', until: '2026-12-01T08:00:00+08:00' },
      phones: ['0351-7654321', '138 0000 0000'],
      hostOrganisation: '小店区总工会',
      notice: '冬季提供姜茶',
      photoUrl: 'https://example.test/photo.jpg',
      lastVerifiedAt: '2026-11-24T10:00:00+08:00',
      version: 3,
    });
    await putStations(stack, [station]);

    const res = await getJson<Station>(stack.url, '/stations/full-record_01');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(station);
    // No index attributes leak into the API shape, and every field the shape requires is there (the
    // workers' confirmations are absent until the first answer).
    const shape = Object.keys(Station.shape);
    expect(Object.keys(res.body).filter((k) => !shape.includes(k))).toEqual([]);
    const required = shape.filter((k) => !Station.shape[k as keyof typeof Station.shape].safeParse(undefined).success);
    expect(required.filter((k) => !(k in res.body))).toEqual([]);
    expect(required.length).toBeGreaterThan(15);
  });

  it('returns a station that has no location yet, with location null', async () => {
    const station = makeStation({ id: 'unlocated-1', status: 'needs_location', location: null });
    await putStations(stack, [station]);
    const res = await getJson<Station>(stack.url, '/stations/unlocated-1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(station);
  });

  it('returns the latest version after a rewrite', async () => {
    const station = makeStation({ id: 'rewritten-1', name: '旧名字' });
    await putStations(stack, [station]);
    await putStations(stack, [{ ...station, name: '新名字', version: 2 }]);
    expect((await getJson<Station>(stack.url, '/stations/rewritten-1')).body).toMatchObject({ name: '新名字', version: 2 });
  });
});

describe('GET /openapi.json', () => {
  it('serves the OpenAPI document of the contract, pointing at this server', async () => {
    const res = await getJson<{ openapi: string; servers: { url: string }[]; paths: Record<string, Record<string, { operationId: string }>> }>(
      stack.url,
      '/openapi.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.servers).toEqual([{ url: stack.url }]);
    for (const name of routeNames) {
      const route = contract[name];
      expect(res.body.paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(name);
    }
    // Exactly the contract's paths: the test stack runs with the development flag, so dev routes are listed.
    expect(Object.keys(res.body.paths).sort()).toEqual([...new Set(routeNames.map((n) => contract[n].path))].sort());
  });
});
