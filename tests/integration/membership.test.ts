import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { tables, physicalTableName, type TableName } from '@yz/functions';
import type { Application, AuditPage, MemberExport, MyMembership, QueuePage, Session } from '@yz/shared';
import { newWechatUser, request } from '../helpers/api';
import { applicationBody, makeIdNumber, uniqueIdNumber } from '../helpers/membership';
import { stackWithStaff } from '../helpers/stack';

/** 网上入会 end to end over HTTP on DynamoDB Local: the form's rules, one application per person, the review. */

const env = stackWithStaff();

const newApplicant = () => newWechatUser(env.stack.url, 'applicant');

async function submit(token: string, body: Record<string, unknown>) {
  return request<Application & { code?: string; message?: string; field?: string }>(env.stack.url, 'POST', '/membership/applications', { token, body });
}

async function submitted(overrides: Record<string, unknown> = {}) {
  const applicant = await newApplicant();
  const body = applicationBody(overrides);
  const res = await submit(applicant.token, body);
  expect(res.status).toBe(201);
  return { applicant, app: res.body as Application, body };
}

async function decideOn(token: string, app: Pick<Application, 'id' | 'version'>, action: string, note?: string) {
  return request<Application & { code?: string; message?: string; current?: { status: string; version: number } }>(
    env.stack.url,
    'POST',
    `/membership/applications/${app.id}/decision`,
    { token, body: { action, version: app.version, ...(note ? { note } : {}) } },
  );
}

describe('submitting an application', () => {
  test('is stored masked, with gender and age (never the birth date) taken from the ID number', async () => {
    const idNumber = makeIdNumber({ region: '110105', birth: '19491231', seq: '002' });
    expect(idNumber).toBe('11010519491231002X');
    const { app } = await submitted({ idNumber: idNumber.toLowerCase(), mobile: '138 1234 5678' });
    expect(app).toMatchObject({
      status: 'submitted',
      version: 1,
      idNumberMasked: '******************',
      mobileMasked: '138****5678',
      gender: 'female',
      age: expect.any(Number),
      districtCode: '360428',
      regionName: '江西省 九江市 都昌县',
      memberNo: null,
    });
    expect(app.timeline).toEqual([expect.objectContaining({ from: null, to: 'submitted', by: 'applicant' })]);
    expect(JSON.stringify(app)).not.toContain('13812345678');
    expect(JSON.stringify(app)).not.toContain(idNumber);
    expect(JSON.stringify(app)).not.toContain('1949-12-31');
    expect(app.age).toBeGreaterThanOrEqual(76);
  });

  test.each([
    ['a wrong check digit', { idNumber: '110105194912310021' }, 'idNumber', '校验位'],
    ['a 15-digit legacy number', { idNumber: '110105491231002' }, 'idNumber', '请使用 18 位身份证号'],
    ['an impossible birth date', { idNumber: makeIdNumber({ birth: '19900230' }) }, 'idNumber', '出生日期'],
    ['an applicant under 16', { idNumber: makeIdNumber({ birth: `${new Date().getFullYear() - 10}0101` }) }, 'idNumber', '未满 16 周岁'],
    ['a short mobile', { mobile: '1381234123' }, 'mobile', '手机号'],
    ['no consent', { consent: false }, 'consent', '敏感个人信息'],
    ['an employer missing', { employer: undefined }, 'employer', '工作单位'],
    ['an unknown occupation', { occupation: 'astronaut' }, 'occupation', '职业'],
  ])('refuses %s with a Chinese message naming the field', async (_label, overrides, field, words) => {
    const applicant = await newApplicant();
    const res = await submit(applicant.token, applicationBody(overrides));
    expect(res.status).toBe(400);
    expect(res.body.field).toBe(field);
    expect(res.body.message).toContain(words);
  });

  test('refuses a district code that is not a real district, checked against the region table', async () => {
    const applicant = await newApplicant();
    const res = await submit(applicant.token, applicationBody({ districtCode: '360499' }));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: 'districtCode' });
    expect(res.body.message).toContain('工作地区');
  });

  test('flexible employment needs no employer', async () => {
    const { app } = await submitted({ employmentType: 'flexible', employer: undefined, occupation: 'food_delivery' });
    expect(app.employer).toBeNull();
  });
});

describe('one open application per person', () => {
  test('a second application with the same ID number is refused while the first is open', async () => {
    const { applicant, body, app } = await submitted();
    const again = await submit(applicant.token, { ...body, name: '王小明' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'APPLICATION_EXISTS', applicationId: app.id });
    // Someone else using the same number learns only that it is unavailable.
    const stranger = await newApplicant();
    const theirs = await submit(stranger.token, body);
    expect(theirs.status).toBe(409);
    expect(theirs.body.code).toBe('ID_NUMBER_UNAVAILABLE');
    expect(theirs.body).not.toHaveProperty('applicationId');
  });

  test('20 submissions of one ID number at the same instant yield exactly one application', async () => {
    const idNumber = uniqueIdNumber();
    const people = await Promise.all(Array.from({ length: 20 }, () => newApplicant()));
    const results = await Promise.all(people.map((p) => submit(p.token, applicationBody({ idNumber }))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const queue = await request<QueuePage>(env.stack.url, 'GET', '/membership/queue?regionCode=360428&limit=100', { token: env.staff.districtStaff });
    const winner = results.find((r) => r.status === 201)!.body as { id: string };
    expect(queue.body.items.filter((a) => a.id === winner.id)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => (r.body as { code: string }).code === 'ID_NUMBER_UNAVAILABLE')).toBe(true);
  });

  test('a rejection frees the ID number; a member is told they already are one', async () => {
    const { applicant, body, app } = await submitted();
    expect((await decideOn(env.staff.districtStaff, app, 'reject', '材料不全')).status).toBe(200);
    const second = await submit(applicant.token, body);
    expect(second.status).toBe(201);
    expect((await decideOn(env.staff.districtStaff, second.body, 'approve')).status).toBe(200);
    const third = await submit(applicant.token, { ...body, idNumber: uniqueIdNumber() });
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('ALREADY_MEMBER');
    const stranger = await newApplicant();
    const copy = await submit(stranger.token, body);
    expect(copy.body.code).toBe('ID_NUMBER_UNAVAILABLE');
  });
});

describe('the review state machine', () => {
  test('approve: member number, join date, the member role, the e-card; then nothing else is allowed', async () => {
    const { applicant, app } = await submitted({ name: '李大壮' });
    const approved = await decideOn(env.staff.districtStaff, app, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', version: 2 });
    expect(approved.body.memberNo).toMatch(/^360428\d{4}\d{6}$/);
    expect(approved.body.joinDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(approved.body.timeline.map((t) => [t.from, t.to, t.by])).toEqual([
      [null, 'submitted', 'applicant'],
      ['submitted', 'approved', 'staff'],
    ]);
    const me = await request<Session['me']>(env.stack.url, 'GET', '/me', { token: applicant.token });
    expect(me.body.roles).toContain('member');
    const mine = await request<MyMembership>(env.stack.url, 'GET', '/membership/me', { token: applicant.token });
    expect(mine.body.card).toEqual({
      memberNo: approved.body.memberNo,
      name: '李大壮',
      unionName: '都昌县总工会',
      joinDate: approved.body.joinDate,
      districtCode: '360428',
      regionName: '江西省 九江市 都昌县',
      occupation: 'courier',
    });
    for (const action of ['approve', 'reject', 'return']) {
      const res = await decideOn(env.staff.districtStaff, approved.body, action, '再看看');
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'INVALID_TRANSITION', current: { status: 'approved', version: 2 } });
    }
  });

  test('reject needs a reason and is final', async () => {
    const { app } = await submitted();
    const noReason = await decideOn(env.staff.districtStaff, app, 'reject');
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ field: 'note' });
    const rejected = await decideOn(env.staff.districtStaff, app, 'reject', '非本辖区从业人员');
    expect(rejected.body).toMatchObject({ status: 'rejected', note: '非本辖区从业人员' });
    const approve = await decideOn(env.staff.districtStaff, rejected.body, 'approve');
    expect(approve.status).toBe(409);
    expect(approve.body.code).toBe('INVALID_TRANSITION');
    expect(approve.body.message).toContain('不能再批准');
  });

  test('return → the applicant corrects and resubmits → approve; only a returned application can be resubmitted', async () => {
    const { applicant, app, body } = await submitted();
    const early = await request<{ code: string }>(env.stack.url, 'PUT', `/membership/applications/${app.id}`, {
      token: applicant.token,
      body: { ...body, version: 1 },
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('INVALID_TRANSITION');
    const returned = await decideOn(env.staff.districtStaff, app, 'return', '请填写完整的工作单位名称');
    expect(returned.body).toMatchObject({ status: 'returned', note: '请填写完整的工作单位名称', version: 2 });
    const resubmitted = await request<Application>(env.stack.url, 'PUT', `/membership/applications/${app.id}`, {
      token: applicant.token,
      body: { ...body, employer: '顺丰速运有限公司都昌营业部', version: 2 },
    });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body).toMatchObject({ status: 'submitted', version: 3, employer: '顺丰速运有限公司都昌营业部', note: null });
    const approved = await decideOn(env.staff.cityStaff, resubmitted.body, 'approve');
    expect(approved.body.status).toBe('approved');
    expect(approved.body.timeline.map((t) => t.to)).toEqual(['submitted', 'returned', 'submitted', 'approved']);
    expect(approved.body.timeline[1]).toMatchObject({ note: '请填写完整的工作单位名称', by: 'staff' });
  });

  test('a decision on a stale version is refused with the current state', async () => {
    const { app } = await submitted();
    await decideOn(env.staff.districtStaff, app, 'return', '请补充');
    const stale = await decideOn(env.staff.districtStaff, { id: app.id, version: 1 }, 'return', '再补充');
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'INVALID_TRANSITION', current: { status: 'returned', version: 2 } });
  });

  test('two staff deciding at once: exactly one wins, the other gets 409 with the current state', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { app } = await submitted();
      const [a, b] = await Promise.all([decideOn(env.staff.districtStaff, app, 'approve'), decideOn(env.staff.cityStaff, app, 'reject', '重复申请')]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      const winner = a.status === 200 ? a : b;
      expect(loser.body.current).toEqual({ status: winner.body.status, version: 2 });
    }
  });

  test('batch approve checks each item: region, state and version, reported per item', async () => {
    const one = await submitted();
    const two = await submitted();
    const elsewhere = await submitted({ districtCode: '341102', idNumber: uniqueIdNumber('341102') });
    const done = await submitted();
    await decideOn(env.staff.districtStaff, done.app, 'reject', '不符合条件');
    const res = await request<{ results: { id: string; ok: boolean; code?: string; memberNo?: string }[]; approved: number; failed: number }>(
      env.stack.url,
      'POST',
      '/membership/applications/batch-approve',
      {
        token: env.staff.districtStaff,
        body: { items: [one.app, two.app, elsewhere.app, done.app].map((a) => ({ id: a.id, version: a.version })) },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.approved).toBe(2);
    expect(res.body.failed).toBe(2);
    expect(res.body.results.map((r) => [r.id, r.ok, r.code ?? null])).toEqual([
      [one.app.id, true, null],
      [two.app.id, true, null],
      [elsewhere.app.id, false, 'FORBIDDEN'],
      [done.app.id, false, 'INVALID_TRANSITION'],
    ]);
    expect(res.body.results[0]!.memberNo).not.toBe(res.body.results[1]!.memberNo);
    const untouched = await request<Application>(env.stack.url, 'GET', `/membership/applications/${elsewhere.app.id}`, { token: env.staff.admin });
    expect(untouched.body.status).toBe('submitted');
  });
});

describe('routing to the district, visibility to the city and province above', () => {
  test('district staff see their district, city staff theirs, other districts are refused', async () => {
    const { app } = await submitted({ occupation: 'security_guard' });
    const inQueue = async (token: string, region: string, extra = '') => {
      const res = await request<QueuePage>(env.stack.url, 'GET', `/membership/queue?regionCode=${region}&limit=100${extra}`, { token });
      return { status: res.status, ids: res.status === 200 ? res.body.items.map((a) => a.id) : [] };
    };
    expect((await inQueue(env.staff.districtStaff, '360428')).ids).toContain(app.id);
    expect((await inQueue(env.staff.cityStaff, '3604')).ids).toContain(app.id);
    expect((await inQueue(env.staff.cityStaff, '360428')).ids).toContain(app.id);
    expect((await inQueue(env.staff.admin, '36')).ids).toContain(app.id);
    expect((await inQueue(env.staff.otherDistrictStaff, '360428')).status).toBe(403);
    expect((await inQueue(env.staff.otherDistrictStaff, '341102')).ids).not.toContain(app.id);
    // Filters: occupation, status, date.
    expect((await inQueue(env.staff.districtStaff, '360428', '&occupation=security_guard')).ids).toContain(app.id);
    expect((await inQueue(env.staff.districtStaff, '360428', '&occupation=courier')).ids).not.toContain(app.id);
    expect((await inQueue(env.staff.districtStaff, '360428', '&status=approved')).ids).not.toContain(app.id);
    const today = app.submittedAt.slice(0, 10);
    expect((await inQueue(env.staff.districtStaff, '360428', `&from=${today}&to=${today}`)).ids).toContain(app.id);
    expect((await inQueue(env.staff.districtStaff, '360428', '&from=2020-01-01&to=2020-12-31')).ids).not.toContain(app.id);
    expect((await inQueue(env.staff.districtStaff, '360428', `&status=all&from=${today}`)).ids).toContain(app.id);
    // The application itself, and deciding on it.
    expect((await request(env.stack.url, 'GET', `/membership/applications/${app.id}`, { token: env.staff.otherDistrictStaff })).status).toBe(403);
    expect((await decideOn(env.staff.otherDistrictStaff, app, 'approve')).status).toBe(403);
    const stranger = await newApplicant();
    expect((await request(env.stack.url, 'GET', `/membership/applications/${app.id}`, { token: stranger.token })).status).toBe(403);
  });

  test('the queue pages with a cursor, oldest waiting first', async () => {
    const region = '341102';
    const made: string[] = [];
    for (let i = 0; i < 3; i += 1) made.push((await submitted({ districtCode: region, idNumber: uniqueIdNumber(region) })).app.id);
    const token = env.staff.otherDistrictStaff;
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: QueuePage } = await request<QueuePage>(env.stack.url, 'GET', `/membership/queue?regionCode=${region}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token });
      seen.push(...res.body.items.map((a) => a.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => made.includes(id))).toEqual(made);
  });
});

describe('personal data at rest', () => {
  async function rawItems(table: TableName): Promise<string[]> {
    const out: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await env.stack.platform.db.raw.send(
        new ScanCommand({ TableName: physicalTableName(env.stack.tablePrefix, table), ExclusiveStartKey: start as never }),
      );
      for (const item of page.Items ?? []) out.push(JSON.stringify(item));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  test('no table holds a plaintext ID number or mobile, in any attribute', async () => {
    const idNumber = makeIdNumber({ region: '360428', birth: '19851111', seq: '357' });
    const mobile = '15907921234';
    const { app } = await submitted({ idNumber, mobile });
    await decideOn(env.staff.districtStaff, app, 'approve');
    await request(env.stack.url, 'POST', `/membership/applications/${app.id}/reveal`, { token: env.staff.districtStaff, body: { field: 'idNumber' } });
    await request(env.stack.url, 'POST', '/membership/exports', { token: env.staff.districtStaff, body: { regionCode: '360428', reveal: true } });
    const names = Object.keys(tables) as TableName[];
    let checked = 0;
    for (const table of names) {
      for (const item of await rawItems(table)) {
        checked += 1;
        expect(item).not.toContain(idNumber);
        expect(item).not.toContain(idNumber.slice(0, 17));
        expect(item).not.toContain(mobile);
      }
    }
    const apps = (await rawItems('applications')).filter((i) => i.includes(app.id));
    expect(apps).toHaveLength(1);
    // What is there instead: the masked forms and a ciphertext.
    expect(apps[0]).toContain('******************');
    expect(apps[0]).toContain('159****1234');
    expect(JSON.parse(apps[0]!).pii.S.length).toBeGreaterThan(100);
    expect(checked).toBeGreaterThan(5);
  });

  test('staff reveal one field of an application in their region, and the reveal is audited without the value', async () => {
    const idNumber = uniqueIdNumber();
    const { app } = await submitted({ idNumber, mobile: '13698765432' });
    const res = await request<{ field: string; value: string }>(env.stack.url, 'POST', `/membership/applications/${app.id}/reveal`, {
      token: env.staff.districtStaff,
      body: { field: 'idNumber', purpose: '核实身份' },
    });
    expect(res.body).toEqual({ field: 'idNumber', value: idNumber });
    const mobile = await request<{ value: string }>(env.stack.url, 'POST', `/membership/applications/${app.id}/reveal`, { token: env.staff.cityStaff, body: { field: 'mobile' } });
    expect(mobile.body.value).toBe('13698765432');
    expect((await request(env.stack.url, 'POST', `/membership/applications/${app.id}/reveal`, { token: env.staff.otherDistrictStaff, body: { field: 'idNumber' } })).status).toBe(403);
    const audit = await request<AuditPage>(env.stack.url, 'GET', '/audit?regionCode=360428&limit=100', { token: env.staff.districtStaff });
    const reveals = audit.body.items.filter((e) => e.action === 'pii.reveal' && e.targetId === app.id);
    expect(reveals.map((e) => [e.actorId, e.detail.field])).toEqual(
      expect.arrayContaining([
        ['demo-staff-duchang', 'idNumber'],
        ['demo-staff-jiujiang', 'mobile'],
      ]),
    );
    expect(reveals).toHaveLength(2);
    expect(JSON.stringify(audit.body)).not.toContain(idNumber);
  });
});

describe('the applicant\'s own data', () => {
  test('导出我的数据 lists their applications and card, masked, with no ciphertext', async () => {
    const idNumber = uniqueIdNumber();
    const { applicant, app } = await submitted({ idNumber, mobile: '13566667777' });
    await decideOn(env.staff.districtStaff, app, 'approve');
    const data = await request<{ records: Record<string, Record<string, unknown>[]> }>(env.stack.url, 'GET', '/me/data', { token: applicant.token });
    expect(data.status).toBe(200);
    expect(data.body.records.membershipApplications).toEqual([
      expect.objectContaining({ id: app.id, status: 'approved', idMasked: app.idNumberMasked, mobileMasked: '135****7777' }),
    ]);
    expect(data.body.records.memberCard).toEqual([expect.objectContaining({ unionName: '都昌县总工会', idNumberMasked: app.idNumberMasked })]);
    const text = JSON.stringify(data.body);
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain('13566667777');
    expect(text).not.toContain('"pii"');
    expect(text).not.toContain('idHash');
  });

  test('deleting the account withdraws open applications and frees the ID number; decided ones keep their decision', async () => {
    const open = await submitted();
    const decided = await submitted();
    expect((await decideOn(env.staff.districtStaff, decided.app, 'return', '请补充工作单位')).status).toBe(200);
    const approved = await submitted();
    expect((await decideOn(env.staff.districtStaff, approved.app, 'approve')).status).toBe(200);
    for (const { applicant } of [open, decided, approved]) {
      expect((await request(env.stack.url, 'DELETE', '/me', { token: applicant.token })).status).toBe(204);
    }

    // Staff see the open and the returned one as 已撤回, kept in the timeline; the approved one stays.
    const read = (id: string) => request<Application>(env.stack.url, 'GET', `/membership/applications/${id}`, { token: env.staff.districtStaff });
    for (const { app } of [open, decided]) {
      const now = await read(app.id);
      expect(now.body.status).toBe('withdrawn');
      expect(now.body.timeline.at(-1)).toMatchObject({ to: 'withdrawn', by: 'applicant', note: '申请人注销了账号' });
    }
    expect((await read(approved.app.id)).body.status).toBe('approved');
    const queue = await request<QueuePage>(env.stack.url, 'GET', '/membership/queue?regionCode=360428&status=submitted', { token: env.staff.districtStaff });
    expect(queue.body.items.map((a) => a.id)).not.toContain(open.app.id);

    // The ID number is free again: the same person, back with a new account, may apply.
    const again = await submit((await newApplicant()).token, open.body);
    expect(again.status).toBe(201);
    // Nothing more can happen to a withdrawn application.
    const late = await decideOn(env.staff.districtStaff, { id: open.app.id, version: (await read(open.app.id)).body.version }, 'approve');
    expect([late.status, late.body.code]).toEqual([409, 'INVALID_TRANSITION']);
  });
});

describe('exporting the member roll', () => {
  test('CSV with a BOM, masked unless revealed, one audit entry per export with the count', async () => {
    const region = '341102';
    const idNumber = uniqueIdNumber(region);
    const { app } = await submitted({ districtCode: region, idNumber, employer: '=HYPERLINK("x")', mobile: '13711112222' });
    expect(app.employer).toBe('=HYPERLINK("x")');
    await decideOn(env.staff.otherDistrictStaff, app, 'approve');
    const masked = await request<MemberExport>(env.stack.url, 'POST', '/membership/exports', { token: env.staff.otherDistrictStaff, body: { regionCode: region } });
    expect(masked.status).toBe(200);
    expect(masked.body.csv.startsWith('\uFEFF会员编号,姓名')).toBe(true);
    expect(masked.body.revealed).toBe(false);
    expect(masked.body.count).toBeGreaterThanOrEqual(1);
    expect(masked.body.csv).toContain('137****2222');
    expect(masked.body.csv).not.toContain(idNumber);
    // A formula in a cell is neutralised for spreadsheets.
    expect(masked.body.csv).toContain(`"'=HYPERLINK(""x"")"`);
    const full = await request<MemberExport>(env.stack.url, 'POST', '/membership/exports', { token: env.staff.otherDistrictStaff, body: { regionCode: region, reveal: true } });
    expect(full.body.csv).toContain(idNumber);
    expect(full.body.csv).toContain('13711112222');
    const audit = await request<AuditPage>(env.stack.url, 'GET', `/audit?regionCode=${region}`, { token: env.staff.otherDistrictStaff });
    const exports = audit.body.items.filter((e) => e.action === 'members.export');
    expect(exports.map((e) => e.detail)).toEqual([
      { count: String(full.body.count), revealed: 'yes' },
      { count: String(masked.body.count), revealed: 'no' },
    ]);
    expect((await request(env.stack.url, 'POST', '/membership/exports', { token: env.staff.districtStaff, body: { regionCode: region } })).status).toBe(403);
  });
});

describe('regions', () => {
  test('provinces, then cities, then districts; unknown parents are 404', async () => {
    const provinces = await request<{ items: { code: string; name: string; leaf: boolean }[] }>(env.stack.url, 'GET', '/regions');
    expect(provinces.body.items).toHaveLength(31);
    expect(provinces.body.items).toContainEqual({ code: '36', name: '江西省', leaf: false });
    const cities = await request<{ items: { code: string; name: string }[] }>(env.stack.url, 'GET', '/regions?parent=36');
    expect(cities.body.items).toContainEqual({ code: '3604', name: '九江市', leaf: false });
    const districts = await request<{ items: { code: string; name: string }[] }>(env.stack.url, 'GET', '/regions?parent=3604');
    expect(districts.body.items).toContainEqual({ code: '360428', name: '都昌县', leaf: true });
    const beijing = await request<{ items: { code: string; name: string }[] }>(env.stack.url, 'GET', '/regions?parent=11');
    expect(beijing.body.items).toEqual([{ code: '1101', name: '北京市', leaf: false }]);
    expect((await request(env.stack.url, 'GET', '/regions?parent=9999')).status).toBe(404);
  });
});
