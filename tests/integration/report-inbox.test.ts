import type { ApiErrorBody, ProblemReport, ReportPage } from '@yz/shared';
import { loginAs, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/** The host's inbox of problem reports: each answered and closed; the worker sees the answer. */

const STATION_A = 'amap-B0J3R71OZC'; // hosted by `host`, in 都昌县 360428
const STATION_B = 'demo-341102-01'; // hosted by `host-other`, in 琅琊区 341102

let stack: TestStack;
let worker: string;
let host: string;
beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [
    makeStation({ id: STATION_A, name: '都昌县智能化工会户外劳动者驿站', district: { code: '360428', name: '都昌县' } }),
    makeStation({ id: STATION_B, name: '琅琊大道服务站', district: { code: '341102', name: '琅琊区' }, location: { lat: 32.3, lng: 118.3 } }),
  ]);
  worker = (await loginAs(stack.url, 'worker')).token;
  host = (await loginAs(stack.url, 'host')).token;
});
afterAll(async () => {
  await stack?.stop();
});

async function report(stationId: string, body: object): Promise<ProblemReport> {
  const res = await request<ProblemReport>(stack.url, 'POST', `/stations/${stationId}/reports`, { token: worker, body });
  expect(res.status).toBe(201);
  return res.body;
}

const reply = (token: string, stationId: string, reportId: string, body: object) =>
  request<ProblemReport & ApiErrorBody>(stack.url, 'POST', `/stations/${stationId}/reports/${reportId}/reply`, { token, body });

it('the host answers a report, then closes it; the open inbox empties and the worker reads the answer', async () => {
  const r = await report(STATION_A, { kind: 'amenity_missing', amenity: 'hot_water', text: '饮水机不出热水' });
  const open = await request<ReportPage>(stack.url, 'GET', `/stations/${STATION_A}/reports?status=open`, { token: host });
  expect(open.body.items.map((x) => x.id)).toContain(r.id);

  const answered = await reply(host, STATION_A, r.id, { message: '已报修，明天上午修好', resolve: false });
  expect(answered.status).toBe(200);
  expect(answered.body).toMatchObject({ status: 'open', resolvedAt: null, reply: { message: '已报修，明天上午修好', by: 'host' } });

  const closed = await reply(host, STATION_A, r.id, { message: '热水已经修好了', resolve: true });
  expect(closed.body).toMatchObject({ status: 'resolved', reply: { message: '热水已经修好了', by: 'host' } });
  expect(closed.body.resolvedAt).toBe(closed.body.reply!.at);

  const stillOpen = await request<ReportPage>(stack.url, 'GET', `/stations/${STATION_A}/reports?status=open`, { token: host });
  expect(stillOpen.body.items.map((x) => x.id)).not.toContain(r.id);
  const resolved = await request<ReportPage>(stack.url, 'GET', `/stations/${STATION_A}/reports?status=resolved`, { token: host });
  expect(resolved.body.items.map((x) => x.id)).toContain(r.id);

  const mine = await request<ReportPage>(stack.url, 'GET', '/me/reports', { token: worker });
  expect(mine.body.items.find((x) => x.id === r.id)).toMatchObject({ status: 'resolved', reply: { message: '热水已经修好了' } });
});

it('staff of the district answer as the union', async () => {
  const r = await report(STATION_A, { kind: 'wrong_hours' });
  const staff = (await loginAs(stack.url, 'district-staff')).token;
  const res = await reply(staff, STATION_A, r.id, { message: '已请驿站更新开放时间', resolve: true });
  expect(res.body).toMatchObject({ status: 'resolved', reply: { by: 'staff' } });
});

it('a host cannot answer through their own station a report about another station, nor at all on a station not theirs', async () => {
  const onB = await report(STATION_B, { kind: 'closed' });
  // Host A names their own station with B's report: the report is not found there.
  const sideways = await reply(host, STATION_A, onB.id, { message: '试试', resolve: true });
  expect(sideways.status).toBe(404);
  expect(sideways.body.code).toBe('REPORT_NOT_FOUND');
  // Host A on station B: refused before anything is looked up.
  expect((await reply(host, STATION_B, onB.id, { message: '试试', resolve: true })).status).toBe(403);
  const untouched = await request<ReportPage>(stack.url, 'GET', `/stations/${STATION_B}/reports`, { token: (await loginAs(stack.url, 'host-other')).token });
  expect(untouched.body.items.find((x) => x.id === onB.id)).toMatchObject({ status: 'open', reply: null });
});

it('an empty or over-long answer, or a missing decision, is a 400 naming the field', async () => {
  const r = await report(STATION_A, { kind: 'closed' });
  const empty = await reply(host, STATION_A, r.id, { message: '  ', resolve: true });
  expect(empty.status).toBe(400);
  expect(empty.body.field).toBe('message');
  const long = await reply(host, STATION_A, r.id, { message: '好'.repeat(201), resolve: true });
  expect(long.body.field).toBe('message');
  const undecided = await reply(host, STATION_A, r.id, { message: '收到' });
  expect(undecided.body.field).toBe('resolve');
});
