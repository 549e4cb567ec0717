import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ApiErrorBody, ProblemReport, RegionVisits, ReportPage, StationVisits, VisitResult } from '@yz/shared';
import { loginAs, loginWechat, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/** Problem reports reach the station's hosts and district staff; QR visits count once per person per window. */

const STATION_A = 'amap-B0J3R71OZC'; // hosted by `host`, in 都昌县 360428
const STATION_B = 'demo-341102-01'; // hosted by `host-other`, in 琅琊区 341102

let stack: TestStack;
let worker: string;
beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [
    makeStation({ id: STATION_A, name: '都昌县智能化工会户外劳动者驿站', district: { code: '360428', name: '都昌县' } }),
    makeStation({ id: STATION_B, name: '琅琊大道服务站', district: { code: '341102', name: '琅琊区' }, location: { lat: 32.3, lng: 118.3 } }),
    makeStation({ id: 'visit-off', status: 'inactive' }),
  ]);
  worker = (await loginAs(stack.url, 'worker')).token;
});
afterAll(async () => {
  await stack?.stop();
});

describe('problem reports', () => {
  it('a signed-in worker reports a problem; the station’s host and the district’s staff see it, others do not', async () => {
    const created = await request<ProblemReport>(stack.url, 'POST', `/stations/${STATION_A}/reports`, {
      token: worker,
      body: { kind: 'amenity_missing', amenity: 'hot_water', text: '饮水机坏了' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ stationId: STATION_A, stationName: '都昌县智能化工会户外劳动者驿站', districtCode: '360428', kind: 'amenity_missing', amenity: 'hot_water', text: '饮水机坏了', status: 'open' });
    expect(created.body).not.toHaveProperty('reporterId');
    await request(stack.url, 'POST', `/stations/${STATION_A}/reports`, { token: worker, body: { kind: 'wrong_hours' } });
    await request(stack.url, 'POST', `/stations/${STATION_B}/reports`, { token: worker, body: { kind: 'closed' } });

    const host = (await loginAs(stack.url, 'host')).token;
    const forHost = await request<ReportPage>(stack.url, 'GET', `/stations/${STATION_A}/reports`, { token: host });
    expect(forHost.body.items.map((r) => r.kind)).toEqual(['wrong_hours', 'amenity_missing']); // newest first
    const staff = (await loginAs(stack.url, 'district-staff')).token;
    const forStaff = await request<ReportPage>(stack.url, 'GET', '/reports?regionCode=360428', { token: staff });
    expect(forStaff.body.items.map((r) => r.stationId)).toEqual([STATION_A, STATION_A]);
    const city = (await loginAs(stack.url, 'city-staff')).token;
    expect((await request<ReportPage>(stack.url, 'GET', '/reports?regionCode=3604', { token: city })).body.items).toHaveLength(2);
    const other = (await loginAs(stack.url, 'district-staff-other')).token;
    const theirs = await request<ReportPage>(stack.url, 'GET', '/reports?regionCode=341102', { token: other });
    expect(theirs.body.items.map((r) => r.kind)).toEqual(['closed']);
    expect((await request(stack.url, 'GET', '/reports?regionCode=360428', { token: other })).status).toBe(403);

    const paged = await request<ReportPage>(stack.url, 'GET', `/stations/${STATION_A}/reports?limit=1`, { token: host });
    expect(paged.body.items).toHaveLength(1);
    const next = await request<ReportPage>(stack.url, 'GET', `/stations/${STATION_A}/reports?limit=1&cursor=${paged.body.nextCursor}`, { token: host });
    expect(next.body.items.map((r) => r.kind)).toEqual(['amenity_missing']);
  });

  it('asks for what a report needs, in Chinese, and needs a signed-in user', async () => {
    const noAmenity = await request<ApiErrorBody>(stack.url, 'POST', `/stations/${STATION_A}/reports`, { token: worker, body: { kind: 'amenity_missing' } });
    expect(noAmenity.status).toBe(400);
    expect(noAmenity.body).toMatchObject({ field: 'amenity', message: '请选择是哪项设施没有或坏了' });
    const noText = await request<ApiErrorBody>(stack.url, 'POST', `/stations/${STATION_A}/reports`, { token: worker, body: { kind: 'other', text: '  ' } });
    expect(noText.body).toMatchObject({ field: 'text', message: '请简单说明遇到了什么问题' });
    const long = await request<ApiErrorBody>(stack.url, 'POST', `/stations/${STATION_A}/reports`, { token: worker, body: { kind: 'other', text: '很'.repeat(201) } });
    expect(long.body.message).toBe('说明不能超过 200 个字');
    const missing = await request<ApiErrorBody>(stack.url, 'POST', '/stations/no-such-station/reports', { token: worker, body: { kind: 'closed' } });
    expect(missing.status).toBe(404);
    expect((await request(stack.url, 'POST', `/stations/${STATION_A}/reports`, { body: { kind: 'closed' } })).status).toBe(401);
  });
});

describe('a reporter’s own data', () => {
  it('lists their reports in their data export, and unlinks them when the account is deleted', async () => {
    const session = (await loginWechat(stack.url, 'reporter-carol.1')).body.token;
    const made = await request<ProblemReport>(stack.url, 'POST', `/stations/${STATION_B}/reports`, { token: session, body: { kind: 'wrong_hours', text: '周日不开门' } });
    const exported = await request<{ records: { problemReports: ProblemReport[] } }>(stack.url, 'GET', '/me/data', { token: session });
    expect(exported.body.records.problemReports).toEqual([made.body]);
    expect((await request(stack.url, 'DELETE', '/me', { token: session })).status).toBe(204);
    const stored = await stack.platform.db.doc.send(
      new QueryCommand({ TableName: stack.platform.db.table('reports'), KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': made.body.id } }),
    );
    expect(stored.Items).toHaveLength(1);
    expect(stored.Items![0]).not.toHaveProperty('reporterId');
    expect(stored.Items![0]!.text).toBe('周日不开门');
  });
});

describe('QR visits', () => {
  it('counts a person once per station within the window, however many times they scan, even all at once', async () => {
    const alice = (await loginWechat(stack.url, 'visit-alice.1')).body.token;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => request<VisitResult>(stack.url, 'POST', `/stations/${STATION_A}/visits`, { token: alice })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(results.filter((r) => r.body.counted)).toHaveLength(1);
    const bob = (await loginWechat(stack.url, 'visit-bob.1')).body.token;
    expect((await request<VisitResult>(stack.url, 'POST', `/stations/${STATION_A}/visits`, { token: bob })).body.counted).toBe(true);
    expect((await request<VisitResult>(stack.url, 'POST', `/stations/${STATION_B}/visits`, { token: bob })).body.counted).toBe(true);

    const host = (await loginAs(stack.url, 'host')).token;
    const daily = await request<StationVisits>(stack.url, 'GET', `/stations/${STATION_A}/visits?days=7`, { token: host });
    expect(daily.status).toBe(200);
    expect(daily.body.days).toHaveLength(7);
    expect(daily.body.days[6]!.visits).toBe(2);
    expect(daily.body.total).toBe(2);

    const staff = (await loginAs(stack.url, 'city-staff')).token;
    const region = await request<RegionVisits>(stack.url, 'GET', '/visits?regionCode=3604&days=3', { token: staff });
    expect(region.body.total).toBe(2);
    // No board posts here: the station's board figures are all zero.
    expect(region.body.stations).toEqual([
      {
        stationId: STATION_A,
        stationName: '都昌县智能化工会户外劳动者驿站',
        districtCode: '360428',
        visits: 2,
        board: { eventsHeld: 0, placesReserved: 0, checkedIn: 0, jobsPosted: 0, phoneReveals: 0 },
      },
    ]);
    const other = (await loginAs(stack.url, 'district-staff-other')).token;
    expect((await request<RegionVisits>(stack.url, 'GET', '/visits?regionCode=341102', { token: other })).body.total).toBe(1);
  });

  it('keeps no more than the counting window about who scanned: the marker expires', async () => {
    const out = await stack.platform.db.doc.send(new ScanCommand({ TableName: stack.platform.db.table('visits') }));
    const markers = (out.Items ?? []).filter((i) => String(i.pk).startsWith('seen#'));
    expect(markers.length).toBeGreaterThan(0);
    for (const m of markers) expect(Number(m.expiresAtEpoch) - Date.now() / 1000).toBeLessThanOrEqual(5 * 3600 + 60);
    const counters = await stack.platform.db.doc.send(
      new QueryCommand({ TableName: stack.platform.db.table('visits'), KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `station#${STATION_A}` } }),
    );
    for (const c of counters.Items ?? []) expect(Object.keys(c).join(',')).not.toMatch(/user|openid/i);
  });

  it('opens without counting for someone not signed in, and refuses a deactivated station', async () => {
    expect((await request(stack.url, 'POST', `/stations/${STATION_A}/visits`)).status).toBe(401);
    const off = await request<ApiErrorBody>(stack.url, 'POST', '/stations/visit-off/visits', { token: worker });
    expect(off.status).toBe(409);
    expect(off.body.code).toBe('STATION_INACTIVE');
  });
});
