import {
  openStatus,
  type ApiErrorBody,
  type BindingCode,
  type NearbyResponse,
  type OpeningHours,
  type Session,
  type Station,
  type StationConflictBody,
  type StationHistoryEntry,
} from '@yz/shared';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loginAs, loginWechat, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * Hosts keeping their station true: hours (checked interval by interval), closures, notice,
 * amenities, phones, the one-tap "信息无误"; every write based on a version, stale ones refused with
 * the current station; every change in the history with who, when, before and after.
 */

let stack: TestStack;
const STATION = 'amap-B0J3R71OZC'; // the demo host's station in 都昌县
const OTHER = 'demo-341102-01'; // host-other's station in 琅琊区
const AT = { lat: 29.2712, lng: 116.2015 };
let host: Session;

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [
    makeStation({ id: STATION, name: '都昌县智能化工会户外劳动者驿站', location: AT }),
    makeStation({ id: OTHER, district: { code: '341102', name: '琅琊区' }, location: { lat: 32.3043, lng: 118.3165 } }),
  ]);
  host = await loginAs(stack.url, 'host');
});
afterAll(async () => {
  await stack.stop();
});

const get = async (id = STATION) => (await request<Station>(stack.url, 'GET', `/stations/${id}`)).body;
const put = <T = Station>(token: string, path: string, body: unknown) => request<T>(stack.url, 'PUT', path, { token, body });
const post = <T = Station>(token: string, path: string, body: unknown) => request<T>(stack.url, 'POST', path, { token, body });
const history = async (token: string, id = STATION, query = '') =>
  (await request<{ items: StationHistoryEntry[]; nextCursor: string | null }>(stack.url, 'GET', `/stations/${id}/history${query}`, { token })).body;

const day = (...intervals: { open: string; close: string; overnight?: boolean }[]) => intervals;
function hours(overrides: Partial<OpeningHours['weekly']> = {}, exceptions: OpeningHours['exceptions'] = []): OpeningHours {
  const weekday = day({ open: '08:30', close: '12:00' }, { open: '13:00', close: '17:30' });
  return { weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [], sun: [], ...overrides }, exceptions };
}

/** Binds a fresh WeChat user as a second host of the station, through a staff-issued code. */
async function secondHost(name: string, stationId = STATION): Promise<Session> {
  const staff = await loginAs(stack.url, 'district-staff');
  const code = (await post<BindingCode>(staff.token, '/binding-codes', { kind: 'host', stationId })).body.code;
  const user = (await loginWechat(stack.url, `${name}.1`)).body;
  expect((await post(user.token, '/bindings', { code })).status).toBe(200);
  return user;
}

describe('hours', () => {
  it('refuses hours that are not right, naming the day and the interval', async () => {
    const { version } = await get();
    const cases: [OpeningHours, string, string][] = [
      [hours({ mon: day({ open: '18:00', close: '08:00' }) }), 'hours.weekly.mon.0', '周一第 1 段：结束时间 08:00 不晚于开始时间 18:00；如果跨夜营业，请勾选“次日”'],
      [hours({ tue: day({ open: '08:00', close: '12:00' }, { open: '11:00', close: '14:00' }) }), 'hours.weekly.tue.1', '周二第 2 段与周二第 1 段时间重叠'],
      [hours({ wed: day({ open: '25:00', close: '26:00' }) }), 'hours.weekly.wed.0.open', '时间格式应为 HH:MM，例如 08:30'],
      [hours({ fri: day({ open: '20:00', close: '21:00', overnight: true }) }), 'hours.weekly.fri.0', '周五第 1 段：跨夜时段应在次日 20:00 之前结束'],
    ];
    for (const [body, field, message] of cases) {
      const res = await put<ApiErrorBody>(host.token, `/stations/${STATION}/hours`, { expectedVersion: version, hours: body });
      expect(res.status).toBe(400);
      expect(res.body.field).toBe(field);
      expect(res.body.message).toBe(message);
    }
    // Sunday 22:00 to Monday 07:00 overlaps Monday's 06:00 start, across the week's end.
    const wrap = await put<ApiErrorBody>(host.token, `/stations/${STATION}/hours`, {
      expectedVersion: version,
      hours: hours({ mon: day({ open: '06:00', close: '12:00' }), sun: day({ open: '22:00', close: '07:00', overnight: true }) }),
    });
    expect(wrap.status).toBe(400);
    expect(wrap.body.message).toBe('周一第 1 段与周日第 1 段时间重叠');
    // Nothing was written by any of them.
    expect((await get()).version).toBe(version);
  });

  it('saves weekly hours, an overnight span and a holiday closure; the finder shows them', async () => {
    const before = await get();
    const body = hours({ sat: day({ open: '22:00', close: '06:00', overnight: true }) }, [
      { from: '2026-10-01', to: '2026-10-07', intervals: [], reason: '国庆节' },
    ]);
    const res = await put(host.token, `/stations/${STATION}/hours`, { expectedVersion: before.version, hours: body });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(before.version + 1);
    expect(res.body.hours).toEqual(body);
    // A Saturday night at 23:00 Shanghai time is open; a day of the holiday is not.
    expect(openStatus(res.body, new Date('2026-11-28T15:00:00Z')).state).toBe('open');
    expect(openStatus(res.body, new Date('2026-10-03T02:00:00Z')).state).toBe('closed');
    const near = await request<NearbyResponse>(stack.url, 'GET', `/stations/nearby?lat=${AT.lat}&lng=${AT.lng}&radius=500`);
    expect(near.body.items.find((s) => s.id === STATION)?.hours).toEqual(body);
  });
});

describe('no lost edits', () => {
  it('two hosts saving at once: one wins, the other gets 409 with the current station, and re-applies', async () => {
    const second = await secondHost('zhou-second');
    const base = await get();
    const [a, b] = await Promise.all([
      put(host.token, `/stations/${STATION}/notice`, { expectedVersion: base.version, notice: '今天供应姜茶' }),
      put(second.token, `/stations/${STATION}/phones`, { expectedVersion: base.version, phones: ['0792-5222123', '13907920000'] }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    const conflict = loser.body as unknown as StationConflictBody;
    expect(conflict.code).toBe('STATION_VERSION_CONFLICT');
    expect(conflict.message).toContain(`第 ${base.version + 1} 版`);
    // The current station comes with the refusal, the winner's edit in it.
    expect(conflict.current).toEqual(winner.body);

    // Reload and re-apply: the loser's change on top of the winner's.
    const retry =
      loser === b
        ? await put(second.token, `/stations/${STATION}/phones`, { expectedVersion: conflict.current.version, phones: ['0792-5222123', '13907920000'] })
        : await put(host.token, `/stations/${STATION}/notice`, { expectedVersion: conflict.current.version, notice: '今天供应姜茶' });
    expect(retry.status).toBe(200);
    const final = await get();
    expect(final.version).toBe(base.version + 2);
    expect(final.notice).toBe('今天供应姜茶');
    expect(final.phones).toEqual(['0792-5222123', '13907920000']);
    // Both edits are in the history, each with its author.
    const entries = (await history(host.token)).items.slice(0, 2);
    expect(entries.map((e) => e.action).sort()).toEqual(['notice', 'phones']);
    expect(new Set(entries.map((e) => e.actorId))).toEqual(new Set(['demo-host', second.me.id]));
  });

  it('of many writers on one version exactly one succeeds', async () => {
    const base = await get();
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => put(host.token, `/stations/${STATION}/notice`, { expectedVersion: base.version, notice: `第 ${i} 条公告` })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);
    const winner = results.find((r) => r.status === 200)!.body;
    expect(await get()).toEqual(winner);
    expect((await history(host.token)).items[0]).toMatchObject({ version: base.version + 1, changes: [{ field: 'notice', after: winner.notice }] });
  });

  it('a write based on an old version is refused even when it changes another section', async () => {
    const base = await get();
    expect((await post(host.token, `/stations/${STATION}/verify`, { expectedVersion: base.version })).status).toBe(200);
    const stale = await put<StationConflictBody>(host.token, `/stations/${STATION}/amenities`, {
      expectedVersion: base.version,
      amenities: { ...base.amenities, toilet: 'yes' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(base.version + 1);
    expect(stale.body.current.amenities.toilet).toBe(base.amenities.toilet);
  });
});

describe('closures and the rest of a host\'s sections', () => {
  it('closes temporarily with a reason and expected reopening; the finder says closed; reopening ends it', async () => {
    const base = await get();
    const until = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const closed = await post(host.token, `/stations/${STATION}/closure`, { expectedVersion: base.version, reason: '水管检修', until });
    expect(closed.status).toBe(200);
    expect(closed.body.closure).toMatchObject({ reason: '水管检修', until });
    const near = await request<NearbyResponse>(stack.url, 'GET', `/stations/nearby?lat=${AT.lat}&lng=${AT.lng}&radius=500`);
    const row = near.body.items.find((s) => s.id === STATION)!;
    expect(openStatus(row).state).toBe('closed');
    expect(openStatus(row).closure?.reason).toBe('水管检修');

    const past = await post<ApiErrorBody>(host.token, `/stations/${STATION}/closure`, { expectedVersion: closed.body.version, reason: '检修', until: '2020-01-01T00:00:00+08:00' });
    expect(past.status).toBe(400);
    expect(past.body.code).toBe('CLOSURE_UNTIL_PAST');

    const reopened = await post(host.token, `/stations/${STATION}/reopen`, { expectedVersion: closed.body.version });
    expect(reopened.status).toBe(200);
    expect(reopened.body.closure).toBeNull();
    const again = await post<ApiErrorBody>(host.token, `/stations/${STATION}/reopen`, { expectedVersion: reopened.body.version });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NOT_CLOSED');
    const entries = (await history(host.token)).items;
    expect(entries[0]).toMatchObject({ action: 'reopen', changes: [{ field: 'closure', after: null }] });
    expect(entries[1]).toMatchObject({ action: 'closure', note: '水管检修', changes: [{ field: 'closure', before: null }] });
  });

  it('keeps amenities as yes / no / unknown, phones checked one by one, a notice that can be cleared', async () => {
    let s = await get();
    const amenities = { ...s.amenities, hot_water: 'yes', microwave: 'no', toilet: 'unknown' };
    s = (await put(host.token, `/stations/${STATION}/amenities`, { expectedVersion: s.version, amenities })).body;
    expect(s.amenities).toEqual(amenities);
    const bad = await put<ApiErrorBody>(host.token, `/stations/${STATION}/phones`, { expectedVersion: s.version, phones: ['0792-5222123', '打这个'] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ field: 'phones.1', message: '电话号码格式不正确' });
    const wrongAmenity = await put<ApiErrorBody>(host.token, `/stations/${STATION}/amenities`, { expectedVersion: s.version, amenities: { ...amenities, wifi: 'maybe' } });
    expect(wrongAmenity.status).toBe(400);
    s = (await put(host.token, `/stations/${STATION}/notice`, { expectedVersion: s.version, notice: '   ' })).body;
    expect(s.notice).toBeNull();
  });

  it('confirms the details in one tap: "last verified" moves, with a history entry', async () => {
    const s = await get();
    const res = await post(host.token, `/stations/${STATION}/verify`, { expectedVersion: s.version });
    expect(res.status).toBe(200);
    expect(Date.now() - Date.parse(res.body.lastVerifiedAt!)).toBeLessThan(60_000);
    expect((await history(host.token)).items[0]).toMatchObject({ action: 'verify', actorId: 'demo-host', actorRole: 'host', version: s.version + 1 });
    // Confirmed again at once (the same second, so the time shown does not move): still recorded.
    const again = await post(host.token, `/stations/${STATION}/verify`, { expectedVersion: s.version + 1 });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(s.version + 2);
    expect((await history(host.token)).items.slice(0, 2).map((e) => [e.action, e.version])).toEqual([
      ['verify', s.version + 2],
      ['verify', s.version + 1],
    ]);
  });

  it("refuses a host on another host's station", async () => {
    const other = await get(OTHER);
    const res = await put<ApiErrorBody>(host.token, `/stations/${OTHER}/notice`, { expectedVersion: other.version, notice: '不是我的' });
    expect(res.status).toBe(403);
    expect((await request(stack.url, 'GET', `/stations/${OTHER}/history`, { token: host.token })).status).toBe(403);
    expect((await get(OTHER)).version).toBe(other.version);
  });
});

describe('history', () => {
  it('keeps every change with who, when, before and after, newest first, page by page', async () => {
    const staff = await loginAs(stack.url, 'district-staff');
    const s = await get();
    const res = await put(staff.token, `/stations/${STATION}/phones`, { expectedVersion: s.version, phones: ['0792-5200000'] });
    expect(res.status).toBe(200);
    const first = await history(host.token, STATION, '?limit=3');
    expect(first.items).toHaveLength(3);
    expect(first.items[0]).toMatchObject({
      stationId: STATION,
      actorId: 'demo-staff-duchang',
      actorRole: 'staff',
      action: 'phones',
      version: s.version + 1,
      changes: [{ field: 'phones', before: s.phones, after: ['0792-5200000'] }],
    });
    expect(Math.abs(Date.parse(first.items[0]!.at) - Date.now())).toBeLessThan(60_000);
    const versions: number[] = first.items.map((e) => e.version);
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await history(host.token, STATION, `?limit=3&cursor=${encodeURIComponent(cursor)}`);
      versions.push(...page.items.map((e) => e.version));
      cursor = page.nextCursor;
    }
    // One entry per version after the first (the fixture was loaded raw), newest first, none missing.
    expect(versions).toEqual(Array.from({ length: s.version }, (_, i) => s.version + 1 - i));
  });
});

describe('photos', () => {
  // The smallest real JPEG and PNG signatures with some bytes after them.
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF photo bytes'), Buffer.from([0xff, 0xd9])]);
  const upload = async (token: string, version: number, bytes: Uint8Array, type: string, name = 'station.jpg') => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const res = await fetch(`${stack.url}/stations/${STATION}/photo?expectedVersion=${version}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Station & ApiErrorBody };
  };

  it('takes a JPEG the way wx.uploadFile sends it, stores it and serves it back', async () => {
    const s = await get();
    const res = await upload(host.token, s.version, jpeg, 'image/jpeg');
    expect(res.status).toBe(200);
    expect(res.body.photoUrl).toMatch(/^\/photos\/stations\/amap-B0J3R71OZC\/\d+-[0-9a-f]{8}\.jpg$/);
    const served = await fetch(`${stack.url}${res.body.photoUrl}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(jpeg);
    expect((await history(host.token)).items[0]).toMatchObject({ action: 'photo', changes: [{ field: 'photoUrl', before: null, after: res.body.photoUrl }] });
  });

  it('refuses what is not a JPEG, PNG or WebP image whatever it claims, and anything over 2 MB', async () => {
    const s = await get();
    const fake = await upload(host.token, s.version, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/jpeg');
    expect(fake.status).toBe(400);
    expect(fake.body.code).toBe('PHOTO_TYPE_UNSUPPORTED');
    const big = Buffer.concat([jpeg, Buffer.alloc(2 * 1024 * 1024)]);
    const tooBig = await upload(host.token, s.version, big, 'image/jpeg');
    expect(tooBig.status).toBe(413);
    const raw = await request<ApiErrorBody>(stack.url, 'POST', `/stations/${STATION}/photo?expectedVersion=${s.version}`, {
      token: host.token,
      rawBody: '',
    });
    expect(raw.status).toBe(400);
    expect((await get()).version).toBe(s.version);
  });

  it('a photo sent on a stale version is refused and not kept', async () => {
    const s = await get();
    const config = stack.platform.config.photos;
    if (config.kind !== 'disk') throw new Error('the test stack keeps photos on disk');
    const folder = path.join(config.dir, 'stations', STATION);
    const before = readdirSync(folder).sort();
    const res = await upload(host.token, s.version - 1, jpeg, 'image/jpeg');
    expect(res.status).toBe(409);
    expect(readdirSync(folder).sort()).toEqual(before);
    const removed = await request(stack.url, 'DELETE', `/stations/${STATION}/photo?expectedVersion=${s.version}`, { token: host.token });
    expect(removed.status).toBe(200);
    expect((removed.body as Station).photoUrl).toBeNull();
  });
});
