import type { ApiErrorBody, BindingCode, NearbyResponse, Session, Station, StationHistoryEntry } from '@yz/shared';
import { loginAs, loginWechat, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * Staff manage the stations of their region: create, edit, deactivate (off the map, history kept),
 * re-activate, see and change who hosts them. Staff of one district cannot touch another's.
 */

let stack: TestStack;
let staff: Session;
const LANGYA = 'demo-341102-01';
const POINT = { lat: 29.2795, lng: 116.2101 };

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [makeStation({ id: LANGYA, district: { code: '341102', name: '琅琊区' }, location: { lat: 32.3043, lng: 118.3165 } })]);
  staff = await loginAs(stack.url, 'district-staff');
});
afterAll(async () => {
  await stack.stop();
});

const call = <T = Station>(token: string, method: string, path: string, body?: unknown) => request<T>(stack.url, method, path, { token, body });
const nearbyIds = async (p = POINT) =>
  (await request<NearbyResponse>(stack.url, 'GET', `/stations/nearby?lat=${p.lat}&lng=${p.lng}&radius=1000`)).body.items.map((s) => s.id);

const newStation = {
  name: '芙蓉社区户外劳动者驿站',
  address: '都昌镇芙蓉路 133 号',
  districtCode: '360428',
  location: POINT,
  type: 'community',
  hostOrganisation: '芙蓉社区',
  phones: ['0792-5222123'],
};

describe('creating and editing', () => {
  let created: Station;

  it('staff create a station in their district: on the map at once, with its first history entry', async () => {
    const res = await call(staff.token, 'POST', '/stations', newStation);
    expect(res.status).toBe(201);
    created = res.body;
    expect(created).toMatchObject({
      name: newStation.name,
      district: { code: '360428', name: '都昌县' },
      status: 'active',
      version: 1,
      hours: null,
      phones: ['0792-5222123'],
    });
    expect(new Set(Object.values(created.amenities))).toEqual(new Set(['unknown']));
    expect(await nearbyIds()).toContain(created.id);
    const history = await call<{ items: StationHistoryEntry[] }>(staff.token, 'GET', `/stations/${created.id}/history`);
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({ action: 'create', actorId: 'demo-staff-duchang', actorRole: 'staff', version: 1 });
    expect(history.body.items[0]!.changes.map((c) => c.field)).toEqual(expect.arrayContaining(['name', 'address', 'location', 'status']));
  });

  it('refuses the same station twice, however it is typed', async () => {
    const again = await call<ApiErrorBody & { existingId?: string }>(staff.token, 'POST', '/stations', {
      ...newStation,
      name: ' 芙蓉社区户外劳动者驿站 ',
      address: '江西省九江市都昌县都昌镇芙蓉路１３３号',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'STATION_DUPLICATE', existingId: created.id });
  });

  it('refuses a district outside the region, an unknown district and a location outside China', async () => {
    expect((await call(staff.token, 'POST', '/stations', { ...newStation, districtCode: '341102' })).status).toBe(403);
    // A code inside the city's scope that is no district at all.
    const city = await loginAs(stack.url, 'city-staff');
    const unknown = await call<ApiErrorBody>(city.token, 'POST', '/stations', { ...newStation, districtCode: '360499' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('DISTRICT_UNKNOWN');
    const abroad = await call<ApiErrorBody>(staff.token, 'POST', '/stations', { ...newStation, name: '海外', location: { lat: 48.85, lng: 2.35 } });
    expect(abroad.status).toBe(400);
    expect(abroad.body.message).toContain('不在中国境内');
  });

  it('a station without a location waits off the map until staff locate it', async () => {
    const res = await call(staff.token, 'POST', '/stations', { ...newStation, name: '待定位驿站', location: null });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('needs_location');
    expect(await nearbyIds()).not.toContain(res.body.id);
    const located = await call(staff.token, 'PUT', `/stations/${res.body.id}/profile`, {
      expectedVersion: 1,
      name: '待定位驿站',
      address: newStation.address,
      districtCode: '360428',
      location: { lat: POINT.lat + 0.001, lng: POINT.lng },
      type: 'community',
      hostOrganisation: null,
    });
    expect(located.status).toBe(200);
    expect(located.body.status).toBe('active');
    expect(await nearbyIds()).toContain(res.body.id);
  });

  it('city staff see the whole city; district staff of elsewhere see nothing of it', async () => {
    const city = await loginAs(stack.url, 'city-staff');
    const list = await call<{ items: Station[] }>(city.token, 'GET', '/admin/stations?regionCode=3604');
    expect(list.status).toBe(200);
    expect(list.body.items.map((s) => s.name)).toEqual(expect.arrayContaining(['芙蓉社区户外劳动者驿站', '待定位驿站']));
    const other = await loginAs(stack.url, 'district-staff-other');
    expect((await call(other.token, 'GET', '/admin/stations?regionCode=360428')).status).toBe(403);
    expect((await call(other.token, 'GET', `/stations/${created.id}/history`)).status).toBe(403);
    // Staff may not move a station into a district they do not serve.
    const s = (await request<Station>(stack.url, 'GET', `/stations/${created.id}`)).body;
    const { phones: _phones, ...profile } = newStation;
    const moved = await call(staff.token, 'PUT', `/stations/${created.id}/profile`, { ...profile, expectedVersion: s.version, districtCode: '341102' });
    expect(moved.status).toBe(403);
    expect((await call(other.token, 'PUT', `/stations/${LANGYA}/notice`, { expectedVersion: 1, notice: '琅琊' })).status).toBe(200);
    expect((await call(staff.token, 'PUT', `/stations/${LANGYA}/notice`, { expectedVersion: 2, notice: '都昌' })).status).toBe(403);
  });

  it('pages through a district and filters by status', async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await call(staff.token, 'POST', '/stations', { ...newStation, name: `分页驿站 ${i}`, location: null })).status).toBe(201);
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: Station[]; nextCursor: string | null } } = await call(
        staff.token,
        'GET',
        `/admin/stations?regionCode=360428&status=needs_location&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      names.push(...page.body.items.map((s) => s.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names).toEqual(['分页驿站 0', '分页驿站 1', '分页驿站 2', '分页驿站 3', '分页驿站 4']);
  });
});

describe('deactivating', () => {
  it('takes the station off the map but keeps it, and its history, for staff; activating brings it back', async () => {
    const s = (await call(staff.token, 'POST', '/stations', { ...newStation, name: '将停用的驿站', location: { lat: POINT.lat - 0.001, lng: POINT.lng } })).body;
    expect(await nearbyIds()).toContain(s.id);
    const off = await call(staff.token, 'POST', `/stations/${s.id}/deactivate`, { expectedVersion: s.version, reason: '场地收回' });
    expect(off.status).toBe(200);
    expect(off.body.status).toBe('inactive');
    expect(await nearbyIds()).not.toContain(s.id);
    const page = await request<Station>(stack.url, 'GET', `/stations/${s.id}`);
    expect(page.body.status).toBe('inactive');
    const history = (await call<{ items: StationHistoryEntry[] }>(staff.token, 'GET', `/stations/${s.id}/history`)).body.items;
    expect(history.map((e) => e.action)).toEqual(['deactivate', 'create']);
    expect(history[0]).toMatchObject({ note: '场地收回', changes: [{ field: 'status', before: 'active', after: 'inactive' }] });
    const twice = await call<ApiErrorBody>(staff.token, 'POST', `/stations/${s.id}/deactivate`, { expectedVersion: off.body.version, reason: '再停' });
    expect(twice.body.code).toBe('ALREADY_INACTIVE');
    // A host cannot deactivate or re-activate.
    const host = await loginAs(stack.url, 'host');
    expect((await call(host.token, 'POST', `/stations/${s.id}/activate`, { expectedVersion: off.body.version })).status).toBe(403);

    const on = await call(staff.token, 'POST', `/stations/${s.id}/activate`, { expectedVersion: off.body.version });
    expect(on.status).toBe(200);
    expect(on.body.status).toBe('active');
    expect(await nearbyIds()).toContain(s.id);
  });
});

describe('hosts', () => {
  it('lists the hosts staff bound with codes, and forgets one when unbound', async () => {
    const s = (await call(staff.token, 'POST', '/stations', { ...newStation, name: '有负责人的驿站' })).body;
    const code = (await call<BindingCode>(staff.token, 'POST', '/binding-codes', { kind: 'host', stationId: s.id })).body.code;
    const user: Session = (await loginWechat(stack.url, 'host-li.1')).body;
    expect((await call(user.token, 'POST', '/bindings', { code })).status).toBe(200);
    const hosts = await call<{ items: { userId: string; name: string | null }[] }>(staff.token, 'GET', `/stations/${s.id}/hosts`);
    // A typed code asks no name: staff see the host as 未留称呼.
    expect(hosts.body.items).toEqual([{ userId: user.me.id, name: null }]);
    // The binding is not part of the station: a write keeps it, and the station's version did not move.
    const after = await call(user.token, 'PUT', `/stations/${s.id}/notice`, { expectedVersion: s.version, notice: '欢迎歇脚' });
    expect(after.status).toBe(200);
    expect((await call<{ items: unknown[] }>(staff.token, 'GET', `/stations/${s.id}/hosts`)).body.items).toHaveLength(1);
    expect(after.body).not.toHaveProperty('hostIds');

    expect((await call(staff.token, 'DELETE', `/stations/${s.id}/hosts/${user.me.id}`)).status).toBe(204);
    expect((await call<{ items: unknown[] }>(staff.token, 'GET', `/stations/${s.id}/hosts`)).body.items).toEqual([]);
    expect((await call(user.token, 'PUT', `/stations/${s.id}/notice`, { expectedVersion: after.body.version, notice: '不再是我的' })).status).toBe(403);
  });

  it('a deleted account leaves the host lists of its stations', async () => {
    const s = (await call(staff.token, 'POST', '/stations', { ...newStation, name: '负责人注销的驿站' })).body;
    const code = (await call<BindingCode>(staff.token, 'POST', '/binding-codes', { kind: 'host', stationId: s.id })).body.code;
    const user: Session = (await loginWechat(stack.url, 'host-leaving.1')).body;
    await call(user.token, 'POST', '/bindings', { code });
    expect((await call(user.token, 'DELETE', '/me')).status).toBe(204);
    expect((await call<{ items: unknown[] }>(staff.token, 'GET', `/stations/${s.id}/hosts`)).body.items).toEqual([]);
  });
});
