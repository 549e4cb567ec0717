import { LOCAL_MEMBER_PASS_PUBLIC_KEY, toShanghaiIso, type ApiErrorBody, type Application, type MemberPass, type MemberScanResult, type StationMemberScans } from '@yz/shared';
import { verifyMemberPass } from '@yz/shared/member-pass-verify';
import { MemberPassSigner } from '../../functions/src/membership/member-pass';
import { LOCAL_MEMBER_PASS_KEY } from '../../functions/src/platform/config';
import { loginAs, loginWechat, request } from '../helpers/api';
import { applicationBody } from '../helpers/membership';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * The member card's rotating code over HTTP: a member gets a signed code the host's app verifies
 * offline; the host reports the check and the station counts it once per member per window, like visits.
 */

const STATION = 'amap-B0J3R71OZC'; // hosted by `host`, in 都昌县 360428
const OTHER_STATION = 'demo-341102-01'; // hosted by `host-other`

let stack: TestStack;
let member: string;
let host: string;
let memberNo: string;
const signer = new MemberPassSigner(async () => LOCAL_MEMBER_PASS_KEY, LOCAL_MEMBER_PASS_PUBLIC_KEY);

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [
    makeStation({ id: STATION, name: '都昌县智能化工会户外劳动者驿站', district: { code: '360428', name: '都昌县' } }),
    makeStation({ id: OTHER_STATION, name: '琅琊大道服务站', district: { code: '341102', name: '琅琊区' }, location: { lat: 32.3, lng: 118.3 } }),
    makeStation({ id: 'scan-off', status: 'inactive', district: { code: '360428', name: '都昌县' } }),
  ]);
  member = (await loginWechat(stack.url, 'member-pass-zhou.1')).body.token;
  const submitted = await request<Application>(stack.url, 'POST', '/membership/applications', { token: member, body: applicationBody({ name: '周晓梅' }) });
  const staff = (await loginAs(stack.url, 'district-staff')).token;
  const approved = await request<Application>(stack.url, 'POST', `/membership/applications/${submitted.body.id}/decision`, {
    token: staff,
    body: { action: 'approve', version: submitted.body.version },
  });
  memberNo = approved.body.memberNo!;
  host = (await loginAs(stack.url, 'host')).token;
});
afterAll(async () => {
  await stack?.stop();
});

const scan = (token: string, stationId: string, body: Record<string, unknown>) =>
  request<MemberScanResult & ApiErrorBody>(stack.url, 'POST', `/stations/${stationId}/member-scans`, { token, body });

describe('the member code', () => {
  it('a member gets a code carrying the member number and masked name that verifies offline; others get NOT_A_MEMBER', async () => {
    const res = await request<MemberPass>(stack.url, 'GET', '/membership/me/pass', { token: member });
    expect(res.status).toBe(200);
    expect(res.body.content).toMatch(/^YZMEMBER:/);
    expect(res.body.image).toMatch(/^data:image\/png;base64,/);
    const check = verifyMemberPass(res.body.content, LOCAL_MEMBER_PASS_PUBLIC_KEY, Date.now());
    expect(check).toEqual({ ok: true, claims: expect.objectContaining({ no: memberNo, nm: '周**' }) });
    // Nothing personal beyond the masked name: not the full name, not the ID number.
    expect(Buffer.from(res.body.content.split('.')[1]!, 'base64url').toString('latin1')).not.toMatch(/\\u6653|idNumber|mobile/);

    const worker = (await loginAs(stack.url, 'worker')).token;
    const refused = await request<ApiErrorBody>(stack.url, 'GET', '/membership/me/pass', { token: worker });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'NOT_A_MEMBER', message: '入会审核通过后才有会员码' });
    expect((await request(stack.url, 'GET', '/membership/me/pass')).status).toBe(401);
  });
});

describe('member scans at a station', () => {
  it('count once per member per station in the window, and show in the station’s numbers', async () => {
    const { content } = (await request<MemberPass>(stack.url, 'GET', '/membership/me/pass', { token: member })).body;
    const first = await scan(host, STATION, { token: content });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ counted: true, memberNo, name: '周**' });
    const again = await scan(host, STATION, { token: content });
    expect(again.body).toMatchObject({ counted: false, memberNo });

    const counts = await request<StationMemberScans>(stack.url, 'GET', `/stations/${STATION}/member-scans?days=2`, { token: host });
    expect(counts.status).toBe(200);
    expect(counts.body.total).toBe(1);
    expect(counts.body.days).toHaveLength(2);
    expect(counts.body.days[1]).toEqual({ date: first.body.date, scans: 1 });
  });

  it('a scan checked offline counts when reported later, by the time it was checked', async () => {
    const checkedAt = new Date(Date.now() - 3 * 3600_000);
    const old = await signer.issue({ memberNo: '3604289999000001', maskedName: '赵*' }, new Date(checkedAt.getTime() - 20_000));
    const reported = await scan(host, STATION, { token: old.content, scannedAt: toShanghaiIso(checkedAt) });
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ counted: true, memberNo: '3604289999000001' });
  });

  it('refuse an old code, a forged one, a report too late or from the future, with Chinese messages', async () => {
    const stale = await signer.issue({ memberNo, maskedName: '周**' }, new Date(Date.now() - 3 * 60_000));
    const expired = await scan(host, STATION, { token: stale.content });
    expect(expired.status).toBe(400);
    expect(expired.body).toMatchObject({ code: 'MEMBER_PASS_EXPIRED', message: expect.stringContaining('已过期') });

    const fresh = (await request<MemberPass>(stack.url, 'GET', '/membership/me/pass', { token: member })).body.content;
    const [head, payload, sig] = fresh.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('latin1')) as Record<string, unknown>;
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, no: '3604280000000009' })).toString('base64url')}.${sig}`;
    const bad = await scan(host, STATION, { token: forged });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'MEMBER_PASS_INVALID', message: expect.stringContaining('签名校验失败') });
    expect((await scan(host, STATION, { token: 'YZCARD:not-a-member-code' })).body).toMatchObject({ code: 'MEMBER_PASS_INVALID' });

    const dayOld = new Date(Date.now() - 25 * 3600_000);
    const tooLate = await signer.issue({ memberNo, maskedName: '周**' }, dayOld);
    expect((await scan(host, STATION, { token: tooLate.content, scannedAt: toShanghaiIso(dayOld) })).body).toMatchObject({ code: 'MEMBER_PASS_EXPIRED' });
    const future = await scan(host, STATION, { token: fresh, scannedAt: toShanghaiIso(new Date(Date.now() + 3600_000)) });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ field: 'scannedAt' });
    expect((await scan(host, STATION, {})).body).toMatchObject({ field: 'token', message: '请扫描会员的电子会员证二维码' });
  });

  it('only the station’s hosts and its region’s staff report and read; an inactive station counts nothing', async () => {
    const { content } = (await request<MemberPass>(stack.url, 'GET', '/membership/me/pass', { token: member })).body;
    expect((await scan(host, OTHER_STATION, { token: content })).status).toBe(403);
    expect((await scan(member, STATION, { token: content })).status).toBe(403);
    expect((await request(stack.url, 'GET', `/stations/${STATION}/member-scans`, { token: member })).status).toBe(403);
    const staff = (await loginAs(stack.url, 'district-staff')).token;
    expect((await request(stack.url, 'GET', `/stations/${STATION}/member-scans`, { token: staff })).status).toBe(200);
    const off = await scan(staff, 'scan-off', { token: content });
    expect(off.status).toBe(409);
    expect(off.body).toMatchObject({ code: 'STATION_INACTIVE' });
  });
});
