import { NearbyResponse, Station } from '@yz/shared';
import { allDemoStations } from '../../functions/src/local/demo';
import { getJson } from '../helpers/http';
import { bruteForceNearby } from '../helpers/nearby';
import { startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ seed: true });
});
afterAll(async () => {
  await stack?.stop();
});

const DUCHANG = { lat: 29.2731, lng: 116.2041 };

describe('the demo data loader', () => {
  const demo = allDemoStations();

  it('loads every demo station into fresh tables', () => {
    expect(stack.seeded).toBe(demo.length);
    expect(demo.filter((s) => s.id.startsWith('amap-')).length).toBeGreaterThan(10);
  });

  it("finds the real Duchang stations around Duchang's centre", async () => {
    const res = await getJson<NearbyResponse>(stack.url, `/stations/nearby?lat=${DUCHANG.lat}&lng=${DUCHANG.lng}&radius=20000&limit=50`);
    expect(res.status).toBe(200);
    const found = res.body.items.map((item) => item.id);
    expect(found.length).toBeGreaterThan(5);
    for (const id of found) expect(id).toMatch(/^amap-/);
    expect(res.body.items.map((item) => ({ id: item.id, distanceMeters: item.distanceMeters }))).toEqual(
      bruteForceNearby(demo, { ...DUCHANG, radius: 20000, limit: 50 }),
    );
    // The listing's research notes never reach people.
    for (const item of res.body.items) expect(item.name).not.toMatch(/amap/i);
  });

  it('serves a loaded station in full', async () => {
    const station = demo.find((s) => s.id.startsWith('demo-'))!;
    const res = await getJson<Station>(stack.url, `/stations/${station.id}`);
    expect(res.status).toBe(200);
    expect(Station.parse(res.body)).toMatchObject({ id: station.id, name: station.name, location: station.location, hours: station.hours });
  });

  it('does not load the demo again into tables that already exist', async () => {
    const again = await startTestStack({ seed: true, tablePrefix: stack.tablePrefix });
    try {
      expect(again.seeded).toBe(0);
    } finally {
      await again.stop();
    }
  });
});
