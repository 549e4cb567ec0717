import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { toShanghaiIso, unknownAmenities, type DataHealth, type OpeningHours, type Station } from '@yz/shared';
import { loginAs, loginWechat, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * Data health (数据质量) for staff: the counts per district, rolled up for city and province staff, the
 * stations that most need attention, and the same as CSV. The expected figures are worked out by hand
 * from the stations below, not from the code under test.
 */

let stack: TestStack;
const DAY = 86_400_000;
const daysAgo = (n: number) => toShanghaiIso(new Date(Date.now() - n * DAY));
const HOURS: OpeningHours = {
  weekly: { mon: [{ open: '08:00', close: '18:00' }], tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
  exceptions: [],
};
const KNOWN = { ...unknownAmenities(), hot_water: 'yes', toilet: 'no', phone_charging: 'yes' } as const;
const DUCHANG = { code: '360428', name: '都昌县' };
const GONGQING = { code: '360482', name: '共青城市' };
const DONGHU = { code: '360102', name: '东湖区' };

const at = (district: { code: string; name: string }, id: string, name: string, o: Partial<Station> = {}) => makeStation({ id, name, district, ...o });

// 都昌县 (360428): five kept stations and one deactivated.
const healthy = at(DUCHANG, 'dh-healthy', '甲 健康驿站', { hours: HOURS, phones: ['0792-1234567'], amenities: KNOWN, lastVerifiedAt: daysAgo(5) });
const stale = at(DUCHANG, 'dh-stale', '乙 陈旧驿站', { hours: HOURS, phones: ['0792-7654321'], lastVerifiedAt: daysAgo(100) });
const reported = at(DUCHANG, 'dh-reported', '丙 反馈驿站');
const workerSeen = at(DUCHANG, 'dh-worker', '丁 师傅确认驿站', { hours: { ...HOURS, weekly: { ...HOURS.weekly, mon: null, sat: [{ open: '09:00', close: '12:00' }] } } });
const unlocated = at(DUCHANG, 'dh-unlocated', '戊 待定位驿站', { status: 'needs_location', location: null, phones: ['13800000000'] });
const gone = at(DUCHANG, 'dh-gone', '己 停用驿站', { status: 'inactive' });
// 共青城市 (360482), same city; 东湖区 (360102), another city of the province.
const gongqing = at(GONGQING, 'dh-gongqing', '共青驿站', { phones: ['0792-1111111'], lastVerifiedAt: daysAgo(40) });
const donghu = at(DONGHU, 'dh-donghu', '东湖驿站', { location: { lat: 28.68, lng: 115.9 } });

let provinceToken = '';

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [healthy, stale, reported, workerSeen, unlocated, gone, gongqing, donghu]);
  const db = stack.platform.db;
  const set = (id: string, expression: string, values: Record<string, unknown>) =>
    db.doc.send(new UpdateCommand({ TableName: db.table('stations'), Key: { id }, UpdateExpression: expression, ExpressionAttributeValues: values }));
  // Bound hosts, as the accounts domain records them on the station.
  await set(healthy.id, 'ADD hostIds :u', { ':u': new Set(['u-host-1']) });
  await set(gongqing.id, 'ADD hostIds :u', { ':u': new Set(['u-host-2']) });
  // Two workers at 丁 confirm it open and answer the key amenities alike: a worker's confirmation counts
  // as verification, and their settled verdict makes the amenities known.
  for (const n of [1, 2]) {
    const seen = (await loginWechat(stack.url, `health-worker-${n}.1`)).body;
    for (const [question, answer] of [['open', 'yes'], ['hot_water', 'yes'], ['toilet', 'yes'], ['phone_charging', 'no']] as const) {
      const r = await request(stack.url, 'POST', `/stations/${workerSeen.id}/confirmations`, {
        token: seen.token,
        body: { question, answer, deviceId: `health-device-${n}`, position: workerSeen.location },
      });
      if (r.status !== 201) throw new Error(`confirmation: ${r.status}`);
    }
  }

  const worker = await loginAs(stack.url, 'worker');
  const report = (id: string) => request<{ id: string }>(stack.url, 'POST', `/stations/${id}/reports`, { token: worker.token, body: { kind: 'wrong_hours' } });
  for (const r of [await report(reported.id), await report(reported.id), await report(stale.id)]) if (r.status !== 201) throw new Error(`report: ${r.status}`);
  // The stale station's report is dealt with: it no longer counts.
  const staff = await loginAs(stack.url, 'district-staff');
  const open = await request<{ items: { id: string; stationId: string }[] }>(stack.url, 'GET', '/reports?regionCode=360428', { token: staff.token });
  const staleReport = open.body.items.find((r) => r.stationId === stale.id)!;
  const closed = await request(stack.url, 'POST', `/stations/${stale.id}/reports/${staleReport.id}/reply`, { token: staff.token, body: { message: '已核实', resolve: true } });
  if (closed.status !== 200) throw new Error(`reply: ${closed.status}`);

  // Province staff (江西省): an account an admin grants the province to.
  const person = (await loginWechat(stack.url, 'health-province.1')).body;
  const admin = await loginAs(stack.url, 'admin');
  const granted = await request(stack.url, 'POST', '/admin/staff', { token: admin.token, body: { userId: person.me.id, regionCode: '36' } });
  if (granted.status !== 200 && granted.status !== 201) throw new Error(`grant: ${granted.status}`);
  provinceToken = person.token;
}, 120_000);
afterAll(async () => {
  await stack.stop();
});

const health = (token: string, regionCode: string) => request<DataHealth>(stack.url, 'GET', `/admin/data-health?regionCode=${regionCode}`, { token });

test('district staff see their district: each count, and the stations that most need attention in order', async () => {
  const res = await health((await loginAs(stack.url, 'district-staff')).token, '360428');
  expect(res.status).toBe(200);
  expect(res.body.regionName).toBe('都昌县');
  // Deactivated 己 is left out: five stations.
  expect(res.body.totals).toEqual({
    stations: 5,
    onMap: 4, // all but 戊
    withHours: 3, // 甲 乙 丁 (丁 has only Saturday; its unknown days do not matter)
    withPhone: 3, // 甲 乙 戊
    withHost: 1, // 甲
    amenitiesConfirmed: 2, // 甲 (its own setting), 丁 (two workers agree)
    verified30: 2, // 甲 (host, 5 days), 丁 (workers, today)
    verified90: 2, // 乙 is 100 days old
    withOpenReports: 1, // 丙; 乙's report was resolved
    openReports: 2,
  });
  expect(res.body.districts.map((d) => d.code)).toEqual(['360428']);
  // 丙: 2 reports (20) + never verified (6) + no hours (4) + no phone (3) + no host (2) + amenities (1) = 36
  // 戊: never verified (6) + no location (4) + no hours (4) + no host (2) + amenities (1) = 17
  // 乙: stale (5) + no host (2) + amenities (1) = 8;  丁: no phone (3) + no host (2) = 5
  // 甲 has nothing to fix and is not listed.
  expect(res.body.attention.map((s) => [s.name, s.score])).toEqual([
    ['丙 反馈驿站', 36],
    ['戊 待定位驿站', 17],
    ['乙 陈旧驿站', 8],
    ['丁 师傅确认驿站', 5],
  ]);
  expect(res.body.attention[0]).toMatchObject({ id: reported.id, openReports: 2, verifiedAt: null, districtName: '都昌县' });
  expect(res.body.attention[0]!.problems).toEqual(['open_reports', 'never_verified', 'no_hours', 'no_phone', 'no_host', 'amenities_unknown']);
  expect(res.body.attention.find((s) => s.id === workerSeen.id)!.verifiedAt).not.toBeNull();
});

test('city staff get their city rolled up, one row per district; province staff the whole province', async () => {
  const city = await health((await loginAs(stack.url, 'city-staff')).token, '3604');
  expect(city.status).toBe(200);
  expect(city.body.districts.map((d) => [d.code, d.stations, d.verified90])).toEqual([
    ['360428', 5, 2],
    ['360482', 1, 1],
  ]);
  expect(city.body.totals).toMatchObject({ stations: 6, withPhone: 4, withHost: 2, verified30: 2, verified90: 3, openReports: 2 });

  const province = await health(provinceToken, '36');
  expect(province.status).toBe(200);
  expect(province.body.regionName).toBe('江西省');
  expect(province.body.districts.map((d) => d.code)).toEqual(['360102', '360428', '360482']);
  expect(province.body.totals).toMatchObject({ stations: 7, onMap: 6, withHost: 2 });
  expect(province.body.attention.map((s) => s.id)).toContain(donghu.id);

  // Wrong level or region: refused.
  expect((await health((await loginAs(stack.url, 'district-staff')).token, '3604')).status).toBe(403);
  expect((await health((await loginAs(stack.url, 'city-staff')).token, '36')).status).toBe(403);
  expect((await health((await loginAs(stack.url, 'district-staff-other')).token, '360428')).status).toBe(403);
  expect((await health((await loginAs(stack.url, 'host')).token, '360428')).status).toBe(403);
  const bad = await request<{ code: string; message: string }>(stack.url, 'GET', '/admin/data-health?regionCode=3', { token: provinceToken });
  expect(bad.status).toBe(400);
});

test('the export is the same data as CSV: one row per station, most urgent first', async () => {
  const staff = await loginAs(stack.url, 'city-staff');
  const res = await fetch(`${stack.url}/admin/data-health/export?regionCode=3604`, { headers: { authorization: `Bearer ${staff.token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/csv/);
  expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toMatch(/数据质量-九江市-/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = new TextDecoder().decode(bytes.slice(3)).trim().split('\r\n');
  expect(lines[0]).toBe('区县,驿站,驿站编号,在地图上,有开放时间,有电话,有负责人,设施已确认,最近核实,30天内核实,90天内核实,未处理反馈,关注分,需要处理');
  expect(lines).toHaveLength(1 + 6);
  expect(lines[1]).toMatch(/^都昌县,丙 反馈驿站,dh-reported,是,否,否,否,否,从未核实,否,否,2,36,有未处理的问题反馈；从未核实；/);
  const gq = lines.find((l) => l.includes('dh-gongqing'))!;
  expect(gq).toBe(`共青城市,共青驿站,dh-gongqing,是,否,是,是,否,${gongqing.lastVerifiedAt!.slice(0, 10)},否,是,0,5,没有开放时间；热水、厕所、充电未确认`);
  expect(lines.some((l) => l.includes('dh-gone'))).toBe(false);

  // District staff may not export the city.
  const district = await loginAs(stack.url, 'district-staff');
  expect((await fetch(`${stack.url}/admin/data-health/export?regionCode=3604`, { headers: { authorization: `Bearer ${district.token}` } })).status).toBe(403);
});
