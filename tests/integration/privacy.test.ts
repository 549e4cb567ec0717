import type { Application, AuditPage, HardshipFile, MemberExport, MyHardship } from '@yz/shared';
import { HARDSHIP_CONSENT_VERSION, VOLUNTEER_CONSENT_VERSION } from '@yz/shared';
import { newWechatUser, request } from '../helpers/api';
import { applyBody, fileBody } from '../helpers/hardship';
import { applicationBody, makeIdNumber, uniqueIdNumber } from '../helpers/membership';
import { stackWithStaff } from '../helpers/stack';

/**
 * The outside test's privacy holes, over HTTP on DynamoDB Local: no response without a reveal carries a
 * birth date or a whole ID number or mobile; another person's ID number answers one neutral refusal;
 * the consent version and hidden characters are refused alike on every route.
 */

const env = stackWithStaff();

const person = () => newWechatUser(env.stack.url, 'privacy');
const api = <T = Record<string, unknown>>(method: string, path: string, token: string | null, body?: unknown) =>
  request<T>(env.stack.url, method, path, { token: token ?? undefined, ...(body === undefined ? {} : { body }) });

/** The raw text must not give the person away: no birth date in either form, no whole number. */
function expectNothingOf(text: string, who: { idNumber: string; mobile: string }) {
  const ymd = who.idNumber.slice(6, 14);
  expect(text).not.toContain(ymd);
  expect(text).not.toContain(`${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`);
  expect(text).not.toContain(who.idNumber);
  expect(text).not.toContain(who.mobile);
}

describe('masking judged per response', () => {
  test('application views, the queue, the member export and the data export carry no birth date and no whole number', async () => {
    const idNumber = makeIdNumber({ region: '360428', birth: '19850505', seq: '222' });
    const mobile = '13812345678';
    const applicant = await person();
    const submitted = await api<Application>('POST', '/membership/applications', applicant.token, applicationBody({ idNumber, mobile }));
    expect(submitted.status).toBe(201);
    expect(submitted.body.age).toBeGreaterThanOrEqual(41);
    const id = submitted.body.id;
    const texts: string[] = [JSON.stringify(submitted.body)];
    texts.push(JSON.stringify((await api('GET', '/membership/me', applicant.token)).body));
    texts.push(JSON.stringify((await api('GET', `/membership/applications/${id}`, applicant.token)).body));
    texts.push(JSON.stringify((await api('GET', `/membership/applications/${id}`, env.staff.districtStaff)).body));
    texts.push(JSON.stringify((await api('GET', '/membership/queue?regionCode=360428&limit=100', env.staff.districtStaff)).body));
    const approved = await api<Application>('POST', `/membership/applications/${id}/decision`, env.staff.districtStaff, { action: 'approve', version: 1 });
    expect(approved.status).toBe(200);
    texts.push(JSON.stringify(approved.body));
    const exported = await api<MemberExport>('POST', '/membership/exports', env.staff.districtStaff, { regionCode: '360428', reveal: false });
    expect(exported.status).toBe(200);
    expect(exported.body.csv.split('\n')[0]).toContain('年龄');
    expect(exported.body.csv.split('\n')[0]).not.toContain('出生日期');
    texts.push(exported.body.csv);
    texts.push(JSON.stringify((await api('GET', '/me/data', applicant.token)).body));
    for (const text of texts) expectNothingOf(text, { idNumber, mobile });
    // The audited reveal still gives the whole number.
    const revealed = await api<{ value: string }>('POST', `/membership/applications/${id}/reveal`, env.staff.districtStaff, { field: 'idNumber' });
    expect(revealed.body.value).toBe(idNumber);
  });

  test('the hardship file for staff, the paired helper by card scan, and the worker own data carry no birth date', async () => {
    const helper = await person();
    const worker = await person();
    const body = fileBody({ helperUserId: helper.me.id });
    const basic = body.basic as { idNumber: string; mobile: string };
    const filed = await api<HardshipFile>('POST', '/hardship/files', env.staff.admin, body);
    expect(filed.status).toBe(201);
    const code = await api<{ code: string }>('POST', `/hardship/files/${filed.body.id}/binding-code`, env.staff.admin);
    expect((await api('POST', '/bindings', worker.token, { code: code.body.code })).status).toBe(200);
    const mine = await api<MyHardship>('GET', '/hardship/me', worker.token);
    const scanned = await api('POST', '/hardship/card-scans', helper.token, { token: mine.body.file!.card!.content });
    expect(scanned.status).toBe(200);
    const texts = [
      JSON.stringify(filed.body),
      JSON.stringify((await api('GET', `/hardship/files/${filed.body.id}`, env.staff.admin)).body),
      JSON.stringify(scanned.body),
      JSON.stringify(mine.body),
      JSON.stringify((await api('GET', '/me/data', worker.token)).body),
    ];
    for (const text of texts) expectNothingOf(text, basic);
    expect(filed.body.basic).toMatchObject({ idNumberMasked: '******************', age: expect.any(Number) });
  });
});

describe('existence oracles', () => {
  test('a stranger learns the same about a member, an applicant and a filed worker; a fresh number succeeds', async () => {
    const memberBody = applicationBody();
    const member = await person();
    const app = await api<Application>('POST', '/membership/applications', member.token, memberBody);
    expect((await api('POST', `/membership/applications/${app.body.id}/decision`, env.staff.districtStaff, { action: 'approve', version: 1 })).status).toBe(200);
    const applicantBody = applicationBody();
    expect((await api('POST', '/membership/applications', (await person()).token, applicantBody)).status).toBe(201);
    const filed = fileBody();
    expect((await api('POST', '/hardship/files', env.staff.admin, filed)).status).toBe(201);

    const stranger = await person();
    const asMember = await api('POST', '/membership/applications', stranger.token, applicationBody({ idNumber: memberBody.idNumber }));
    const asApplicant = await api('POST', '/membership/applications', stranger.token, applicationBody({ idNumber: applicantBody.idNumber }));
    const asFiled = await api('POST', '/hardship/applications', stranger.token, applyBody({ idNumber: (filed.basic as { idNumber: string }).idNumber }));
    for (const res of [asMember, asApplicant, asFiled]) {
      expect(res.status).toBe(409);
      expect(res.body).toEqual(asMember.body);
    }
    expect(asMember.body).toEqual({ code: 'ID_NUMBER_UNAVAILABLE', message: expect.stringContaining('12351') });
    const fresh = await api('POST', '/membership/applications', stranger.token, applicationBody());
    expect(fresh.status).toBe(201);

    // The owner's own record is still named plainly.
    const own = await api('POST', '/membership/applications', member.token, applicationBody({ idNumber: memberBody.idNumber }));
    expect(own.body.code).toBe('ALREADY_MEMBER');

    // Staff see the flag in the holder's region, with the keyed hash and never the number.
    const audit = await api<AuditPage>('GET', '/audit?regionCode=360428&limit=100', env.staff.districtStaff);
    const flags = audit.body.items.filter((e) => e.action === 'id.conflict' && e.actorId === stranger.me.id);
    expect(flags).toHaveLength(2);
    expect(flags.map((e) => e.targetId)).toContain(app.body.id);
    expect(JSON.stringify(flags)).not.toContain(String(memberBody.idNumber));
    expect(flags[0]!.detail.idHash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('five conflicts a day, then 429 for every ID number of that account, a fresh one too', async () => {
    const holderBody = applicationBody();
    expect((await api('POST', '/membership/applications', (await person()).token, holderBody)).status).toBe(201);
    const prober = await person();
    for (let i = 0; i < 5; i += 1) {
      expect((await api('POST', '/membership/applications', prober.token, applicationBody({ idNumber: holderBody.idNumber }))).status).toBe(409);
    }
    const sixth = await api('POST', '/membership/applications', prober.token, applicationBody({ idNumber: holderBody.idNumber }));
    expect(sixth.status).toBe(429);
    expect(sixth.body.message).toContain('明天再试');
    const fresh = await api('POST', '/membership/applications', prober.token, applicationBody({ idNumber: uniqueIdNumber() }));
    expect(fresh.status).toBe(429);
    expect((await api('POST', '/hardship/applications', prober.token, applyBody())).status).toBe(429);
  });
});

describe('one consent-version rule', () => {
  test('a made-up version is 400 CONSENT_OUTDATED on membership, hardship and volunteer, and nothing is stored', async () => {
    const who = await person();
    const membership = await api('POST', '/membership/applications', who.token, applicationBody({ consentVersion: 'bogus' }));
    const hardship = await api('POST', '/hardship/applications', who.token, { ...applyBody(), consentVersion: 'bogus' });
    const volunteer = await api('POST', '/volunteers', who.token, { name: '陈爱心', mobile: '13912345678', consent: true, consentVersion: 'bogus' });
    for (const res of [membership, hardship, volunteer]) expect(res.body).toMatchObject({ code: 'CONSENT_OUTDATED', field: 'consentVersion' });
    expect([membership.status, hardship.status, volunteer.status]).toEqual([400, 400, 400]);
    expect((await api<{ applications: unknown[] }>('GET', '/membership/me', who.token)).body.applications).toEqual([]);
    expect((await api<MyHardship>('GET', '/hardship/me', who.token)).body.file).toBeNull();
    expect(HARDSHIP_CONSENT_VERSION).toBeTruthy();
    expect(VOLUNTEER_CONSENT_VERSION).toBeTruthy();
  });
});

describe('hidden characters', () => {
  const BAD = { NUL: '\u0000', ANSI: '\u001b[2J', RLO: '\u202E', zeroWidth: '\u200B', BOM: '\uFEFF', loneSurrogate: '\uD800' };

  test.each(Object.entries(BAD))('%s is refused with 400 on several write routes, and nothing is written', async (_kind, bad) => {
    const who = await person();
    const membership = await api('POST', '/membership/applications', who.token, applicationBody({ employer: `顺丰${bad}速运` }));
    const hardship = await api('POST', '/hardship/applications', who.token, {
      ...applyBody(),
      cause: { categories: ['low_income'], detail: `一人养家${bad}孩子上学` },
    });
    const filed = await api('POST', '/hardship/files', env.staff.admin, { ...fileBody(), housing: { type: 'rented', note: `老旧${bad}小区` } });
    for (const res of [membership, hardship, filed]) {
      expect(res.status).toBe(400);
      expect(String(res.body.message)).toContain('请勿输入特殊或不可见字符');
    }
    expect((await api<{ applications: unknown[] }>('GET', '/membership/me', who.token)).body.applications).toEqual([]);
    expect((await api<MyHardship>('GET', '/hardship/me', who.token)).body.file).toBeNull();
  });
});
