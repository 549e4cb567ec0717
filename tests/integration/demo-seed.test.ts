import { isOnWall, NearbyResponse, Station, type HardshipFile, type PostView, type MyHardship, type WallPage } from '@yz/shared';
import { getFileRef } from '../../functions/src/hardship/ref';
import { allDemoStations } from '../../dev/src/demo';
import { demoWishItems } from '../../dev/src/demo/wishes';
import { loginAs, request } from '../helpers/api';
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

  it('puts a few jobs and events on the demo stations\' notice boards, through the board\'s own rules', async () => {
    const langya = await getJson<{ items: PostView[] }>(stack.url, '/stations/demo-341102-01/board');
    expect(langya.body.items.map((p) => (p.kind === 'event' ? p.title : p.employer)).sort()).toEqual(['夏送清凉', '环卫工人爱心早餐'].sort());
    const jingxi = await getJson<{ items: PostView[] }>(stack.url, '/stations/demo-451081-01/board');
    expect(jingxi.body.items.filter((p) => p.kind === 'job')).toHaveLength(2);
    const duchang = await getJson<{ items: PostView[] }>(stack.url, '/stations/amap-B0J3R71OZC/board');
    expect(duchang.body.items).toEqual([expect.objectContaining({ kind: 'event', category: 'health', capacity: 30 })]);
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

  it('puts demo wishes on the wall in several cities and states, the persona 刘阿姨 among them', async () => {
    const wall = await getJson<WallPage>(stack.url, '/wishes?limit=50');
    expect(wall.status).toBe(200);
    const onWall = demoWishItems(new Date()).filter((w) => isOnWall(w.status));
    expect(wall.body.items.map((w) => w.id).sort()).toEqual(onWall.map((w) => w.id).sort());
    expect(new Set(wall.body.items.map((w) => w.status))).toEqual(new Set(['open', 'claimed', 'delivered', 'fulfilled', 'thanked']));
    const cities = await getJson<{ items: { name: string }[] }>(stack.url, '/wishes/cities');
    expect(cities.body.items.map((c) => c.name)).toEqual(expect.arrayContaining(['北海市', '百色市', '南宁市']));
    expect(wall.body.items.find((w) => w.id === 'w_demo_liu_cooker')).toMatchObject({ label: '环卫工人 · 北海', status: 'open' });
    // The persona sees their own, and may post one more (one active of two).
    const liu = await loginAs(stack.url, 'hardship');
    const mine = await request<{ items: { id: string }[]; openCount: number }>(stack.url, 'GET', '/wishes/mine', { token: liu.token });
    expect(mine.body.items.map((w) => w.id).sort()).toEqual(['w_demo_liu_coat', 'w_demo_liu_cooker']);
    expect(mine.body.openCount).toBe(1);
    // The volunteer persona is registered and holds a claim.
    const chen = await loginAs(stack.url, 'volunteer');
    const claims = await request<{ items: { id: string; mine: boolean }[] }>(stack.url, 'GET', '/wishes/claimed', { token: chen.token });
    expect(claims.body.items.map((w) => w.id)).toContain('w_demo_beihai_skates');
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

describe('the demo hardship file', () => {
  it('is on file in 北海市海城区 and bound to the hardship persona, who sees it with a card', async () => {
    expect(await getFileRef(stack.platform.db, 'hf_demo_liu')).toMatchObject({
      status: 'on_file',
      districtCode: '450502',
      occupation: 'sanitation',
      userId: 'demo-hardship',
    });
    const persona = await loginAs(stack.url, 'hardship');
    expect(persona.me).toMatchObject({ id: 'demo-hardship', hardshipFileId: 'hf_demo_liu' });
    expect(persona.me.roles).toContain('hardship');
    const mine = await request<MyHardship>(stack.url, 'GET', '/hardship/me', { token: persona.token });
    expect(mine.body.file).toMatchObject({ id: 'hf_demo_liu', status: 'on_file', assistanceTotalFen: 230000 });
    expect(mine.body.file?.assistance).toHaveLength(2);
    expect(mine.body.file?.card?.content).toMatch(/^YZCARD:/);
    const staffView = await request<HardshipFile>(stack.url, 'GET', '/hardship/files/hf_demo_liu', { token: (await loginAs(stack.url, 'admin')).token });
    expect(staffView.body.helper?.name).toBe('黄志强');
  });
});
