import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  FILE_ACTIONS,
  FILE_STATUSES,
  FILE_TRANSITIONS,
  HardshipFile as HardshipFileSchema,
  type AuditPage,
  type BindingCode,
  type FileAction,
  type FileListPage,
  type FileStatus,
  type HardshipFile,
  type Me,
  type MyHardship,
} from '@yz/shared';
import type * as z from 'zod';
import { getFileRef } from '../../functions/src/hardship/ref';
import { loginAs, newWechatUser, request } from '../helpers/api';
import { applyBody, fileBody, hardshipWorkerOnFile } from '../helpers/hardship';
import { stackWithStaff } from '../helpers/stack';

/** 困难职工档案 over HTTP on DynamoDB Local: the file's lifecycle, encryption, masking and audit. */

type Answer = HardshipFile & { code?: string; message?: string; current?: { status: string; version: number } };

const env = stackWithStaff();

const newPerson = () => newWechatUser(env.stack.url, 'hardship');

const api = <T = Answer>(method: string, path: string, token: string | null, body?: unknown) => request<T>(env.stack.url, method, path, { token, body });

/** A file filed by 都昌县's staff (360428), on file. */
async function filed(overrides: Parameters<typeof fileBody>[0] = {}) {
  const body = fileBody({ districtCode: '360428', ...overrides });
  const res = await api('POST', '/hardship/files', env.staff.districtStaff, body);
  expect(res.status).toBe(201);
  return { file: res.body, body };
}

async function move(file: Pick<HardshipFile, 'id' | 'version'>, action: FileAction, note?: string, token = env.staff.districtStaff) {
  return api('POST', `/hardship/files/${file.id}/status`, token, { action, version: file.version, ...(note ? { note } : {}) });
}

/** A file in the given status: filed (and moved), or a worker's own application. */
async function fileIn(status: FileStatus): Promise<HardshipFile> {
  if (status === 'applied') {
    const worker = await newPerson();
    const res = await api<MyHardship>('POST', '/hardship/applications', worker.token, applyBody({ districtCode: '360428' }));
    expect(res.status).toBe(201);
    const read = await api('GET', `/hardship/files/${res.body.file!.id}`, env.staff.districtStaff);
    return read.body;
  }
  const { file } = await filed();
  if (status === 'on_file') return file;
  const moved = await move(file, status === 'lifted' ? 'lift' : 'close', '家庭收入已稳定');
  expect(moved.status).toBe(200);
  return moved.body;
}

async function audit(regionCode: string) {
  const res = await api<AuditPage>('GET', `/audit?regionCode=${regionCode}&limit=100`, env.staff.admin);
  expect(res.status).toBe(200);
  return res.body.items;
}

async function rawItem(id: string) {
  const out = await env.stack.platform.db.doc.send(new GetCommand({ TableName: env.stack.platform.db.table('hardshipFiles'), Key: { id } }));
  return out.Item!;
}

describe('filing a worker', () => {
  test('stores the six parts encrypted: no ID number, mobile, name or address in the raw item', async () => {
    const { file, body } = await filed();
    const basic = body.basic as { idNumber: string; mobile: string; name: string; address: string };
    const raw = JSON.stringify(await rawItem(file.id));
    for (const secret of [basic.idNumber, basic.idNumber.slice(6, 14), basic.mobile, basic.name, basic.address, '黄志强', '透析']) {
      expect(raw).not.toContain(secret);
    }
    // What other domains read stays plain.
    expect(await getFileRef(env.stack.platform.db, file.id)).toEqual({
      id: file.id,
      status: 'on_file',
      districtCode: '360428',
      cityCode: '3604',
      provinceCode: '36',
      occupation: 'sanitation',
      userId: null,
      helperUserId: null,
    });
  });

  test('answers the file masked, on file, with a card and its first timeline entry', async () => {
    const { file, body } = await filed();
    const basic = body.basic as { idNumber: string; mobile: string };
    expect(HardshipFileSchema.parse(file)).toBeTruthy();
    expect(file).toMatchObject({
      status: 'on_file',
      version: 1,
      source: 'staff',
      regionName: '江西省 九江市 都昌县',
      bound: false,
      card: { active: true },
      basic: { name: '刘桂芳', idNumberMasked: '******************', mobileMasked: '139****2345' },
      income: { householdMonthlyFen: 320000, perCapitaMonthlyFen: 80000 },
      plan: { steps: [{ text: '申请医疗救助', due: '2027-01-15', done: false }, { text: '子女助学金', due: '2027-03-01', done: false }] },
    });
    expect(file.timeline).toEqual([{ at: file.createdAt, from: null, to: 'on_file', by: 'staff' }]);
    const text = JSON.stringify(file);
    expect(text).not.toContain(basic.idNumber);
    expect(text).not.toContain(basic.mobile);
  });

  test('refuses a second file for the same ID number, and a district that is no district', async () => {
    const { body } = await filed();
    const again = await api('POST', '/hardship/files', env.staff.districtStaff, body);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('HARDSHIP_FILE_EXISTS');
    const bad = await api('POST', '/hardship/files', env.staff.admin, { ...fileBody(), districtCode: '450599' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/区县/);
  });

  test('without the written consent, nothing is filed', async () => {
    const res = await api('POST', '/hardship/files', env.staff.districtStaff, { ...fileBody({ districtCode: '360428' }), consent: false });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('书面同意');
  });
});

describe('every read by staff is audited, and full numbers only through the audited reveal', () => {
  test('GET writes hardship.read; reveal writes pii.reveal and answers the full value', async () => {
    const { file, body } = await filed();
    const basic = body.basic as { idNumber: string; mobile: string };
    const read = await api('GET', `/hardship/files/${file.id}`, env.staff.cityStaff);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain(basic.idNumber);
    const id = await api<{ field: string; value: string }>('POST', `/hardship/files/${file.id}/reveal`, env.staff.districtStaff, { field: 'idNumber', purpose: '核实身份' });
    expect(id.body).toEqual({ field: 'idNumber', value: basic.idNumber });
    const mobile = await api<{ field: string; value: string }>('POST', `/hardship/files/${file.id}/reveal`, env.staff.districtStaff, { field: 'mobile' });
    expect(mobile.body).toEqual({ field: 'mobile', value: basic.mobile });
    const entries = (await audit('360428')).filter((e) => e.targetId === file.id);
    expect(entries.map((e) => [e.action, e.actorId, JSON.stringify(e.detail)])).toEqual(
      expect.arrayContaining([
        ['hardship.read', 'demo-staff-jiujiang', JSON.stringify({ via: 'file' })],
        ['pii.reveal', 'demo-staff-duchang', JSON.stringify({ field: 'idNumber', purpose: '核实身份' })],
        ['pii.reveal', 'demo-staff-duchang', JSON.stringify({ field: 'mobile' })],
      ]),
    );
    // The entries carry no personal data.
    expect(JSON.stringify(entries)).not.toContain(basic.idNumber);
  });

  test('every answer that carries a file is masked (create, read, update, status, assistance, list)', async () => {
    const { file, body } = await filed();
    const basic = body.basic as { idNumber: string; mobile: string; name: string };
    const answers: unknown[] = [file];
    answers.push((await api('GET', `/hardship/files/${file.id}`, env.staff.districtStaff)).body);
    const updated = await api('PUT', `/hardship/files/${file.id}`, env.staff.districtStaff, { ...body, consent: undefined, version: 1, basic: { ...basic, idNumber: undefined, mobile: undefined } });
    expect(updated.status).toBe(200);
    answers.push(updated.body);
    const assisted = await api('POST', `/hardship/files/${file.id}/assistance`, env.staff.districtStaff, { date: '2026-11-20', kind: 'condolence', amountFen: 50000, version: 2 });
    answers.push(assisted.body);
    answers.push((await move(assisted.body, 'lift')).body);
    const list = await api<z.infer<typeof FileListPage>>('GET', '/hardship/files?regionCode=360428&limit=100', env.staff.districtStaff);
    answers.push(list.body);
    const row = list.body.items.find((i) => i.id === file.id);
    expect(row).toMatchObject({ nameMasked: '刘**', status: 'lifted' });
    for (const answer of answers) {
      const text = JSON.stringify(answer);
      expect(text).not.toContain(basic.idNumber);
      expect(text).not.toContain(basic.mobile);
    }
    expect(JSON.stringify(list.body)).not.toContain(basic.name);
  });
});

describe('status moves follow FILE_TRANSITIONS, each kept in the timeline', () => {
  const cases = FILE_STATUSES.flatMap((from) => FILE_ACTIONS.map((action) => [from, action] as const));
  test.each(cases)('%s → %s', async (from, action) => {
    const file = await fileIn(from);
    expect(file.status).toBe(from);
    const allowed = FILE_TRANSITIONS[action].from.includes(from);
    const res = await move(file, action, '情况说明');
    if (allowed) {
      expect(res.status).toBe(200);
      expect(res.body.status).toBe(FILE_TRANSITIONS[action].to);
      expect(res.body.version).toBe(file.version + 1);
      expect(res.body.timeline.at(-1)).toMatchObject({ from, to: FILE_TRANSITIONS[action].to, by: 'staff', note: '情况说明' });
      expect(res.body.timeline).toHaveLength(file.timeline.length + 1);
      // A closed file has no card; a file on file or lifted out has one.
      expect(res.body.card.active).toBe(res.body.status !== 'closed');
    } else {
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('INVALID_TRANSITION');
      expect(res.body.current).toEqual({ status: from, version: file.version });
      const after = await api('GET', `/hardship/files/${file.id}`, env.staff.districtStaff);
      expect(after.body.version).toBe(file.version);
      expect(after.body.timeline).toEqual(file.timeline);
    }
  });

  test('closing or declining needs a reason', async () => {
    const { file } = await filed();
    const res = await move(file, 'close');
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('原因');
  });
});

describe('versioned writes', () => {
  test('a stale version is refused with FILE_CHANGED and changes nothing', async () => {
    const { file, body } = await filed();
    const basic = body.basic as Record<string, unknown>;
    const first = await api('PUT', `/hardship/files/${file.id}`, env.staff.districtStaff, { ...body, consent: undefined, version: 1, basic: { ...basic, address: '新地址 1 号' } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    expect(first.body.basic.address).toBe('新地址 1 号');
    const stale = await api('PUT', `/hardship/files/${file.id}`, env.staff.cityStaff, { ...body, consent: undefined, version: 1, basic: { ...basic, address: '旧页面的地址' } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('FILE_CHANGED');
    expect(stale.body.current).toEqual({ status: 'on_file', version: 2 });
    expect((await move({ id: file.id, version: 1 }, 'lift')).body.code).toBe('FILE_CHANGED');
    const assist = await api('POST', `/hardship/files/${file.id}/assistance`, env.staff.districtStaff, { date: '2026-11-20', kind: 'goods', amountFen: 100, version: 1 });
    expect(assist.body.code).toBe('FILE_CHANGED');
    const now = await api('GET', `/hardship/files/${file.id}`, env.staff.districtStaff);
    expect(now.body).toMatchObject({ version: 2, basic: { address: '新地址 1 号' }, assistance: [] });
  });

  test('an edit keeps the stored ID number and mobile when left out, and can correct them', async () => {
    const { file, body } = await filed();
    const basic = body.basic as Record<string, unknown>;
    const kept = await api('PUT', `/hardship/files/${file.id}`, env.staff.districtStaff, { ...body, consent: undefined, version: 1, basic: { ...basic, idNumber: undefined, mobile: undefined } });
    expect(kept.body.basic.idNumberMasked).toBe(file.basic.idNumberMasked);
    const corrected = await api('PUT', `/hardship/files/${file.id}`, env.staff.districtStaff, { ...body, consent: undefined, version: 2, basic: { ...basic, mobile: '13600001111' } });
    expect(corrected.body.basic.mobileMasked).toBe('136****1111');
  });

  test('a corrected ID number moves the file\'s claim: the old number is free again, the new one taken', async () => {
    const { file, body } = await filed();
    const basic = body.basic as Record<string, unknown>;
    const other = fileBody({ districtCode: '360428' });
    const newId = (other.basic as Record<string, unknown>).idNumber;
    const corrected = await api('PUT', `/hardship/files/${file.id}`, env.staff.districtStaff, { ...body, consent: undefined, version: 1, basic: { ...basic, idNumber: newId } });
    expect(corrected.status).toBe(200);
    const taken = await api('POST', '/hardship/files', env.staff.districtStaff, other);
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('HARDSHIP_FILE_EXISTS');
    const freed = await api('POST', '/hardship/files', env.staff.districtStaff, body);
    expect(freed.status).toBe(201);
  });

  test('staff cannot move a file out of the regions they serve', async () => {
    const { file, body } = await filed();
    const res = await api('PUT', `/hardship/files/${file.id}`, env.staff.districtStaff, { ...body, consent: undefined, version: 1, districtCode: '341102' });
    expect(res.status).toBe(403);
  });
});

describe('a worker applies for themselves', () => {
  test('separate consent, status applied, bound from the start; one per person; staff verify', async () => {
    const worker = await newPerson();
    const body = applyBody({ districtCode: '360428' });
    const withoutConsent = await api('POST', '/hardship/applications', worker.token, { ...body, consent: false });
    expect(withoutConsent.status).toBe(400);
    expect(withoutConsent.body.message).toContain('困难帮扶敏感个人信息处理告知');
    const oldNotice = await api('POST', '/hardship/applications', worker.token, { ...body, consentVersion: '2020-01-v0' });
    expect(oldNotice.status).toBe(400);

    const res = await api<MyHardship>('POST', '/hardship/applications', worker.token, body);
    expect(res.status).toBe(201);
    expect(res.body.file).toMatchObject({ status: 'applied', source: 'self', occupation: 'food_delivery', card: null, assistance: [] });
    const fileId = res.body.file!.id;
    const me = await api<Me>('GET', '/me', worker.token);
    expect(me.body.hardshipFileId).toBe(fileId);
    expect(me.body.roles).toContain('hardship');
    const raw = await rawItem(fileId);
    expect(raw).toMatchObject({ consentVersion: body.consentVersion, consentBy: 'app', userId: worker.me.id });

    const again = await api('POST', '/hardship/applications', worker.token, applyBody({ districtCode: '360428' }));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('HARDSHIP_FILE_EXISTS');
    const sameId = await api('POST', '/hardship/applications', (await newPerson()).token, body);
    expect(sameId.status).toBe(409);
    expect(sameId.body.code).toBe('ID_NUMBER_UNAVAILABLE');

    const queue = await api<z.infer<typeof FileListPage>>('GET', '/hardship/files?regionCode=360428&status=applied&limit=100', env.staff.districtStaff);
    expect(queue.body.items.find((i) => i.id === fileId)).toMatchObject({ source: 'self', bound: true, nameMasked: '陈**' });
    const read = await api('GET', `/hardship/files/${fileId}`, env.staff.districtStaff);
    expect(read.body.timeline).toEqual([{ at: read.body.createdAt, from: null, to: 'applied', by: 'worker' }]);
    const verified = await move(read.body, 'verify');
    expect(verified.body).toMatchObject({ status: 'on_file', card: { active: true } });
    const mine = await api<MyHardship>('GET', '/hardship/me', worker.token);
    expect(mine.body.file?.status).toBe('on_file');
    expect(mine.body.file?.card?.content).toMatch(/^YZCARD:/);
  });
});

describe('assistance records', () => {
  test('add up in fen, and the bound worker sees them', async () => {
    const worker = await hardshipWorkerOnFile(env.stack.url, { districtCode: '450502' });
    let file = (await api('GET', `/hardship/files/${worker.fileId}`, env.staff.admin)).body;
    for (const [kind, amountFen] of [['condolence', 50000], ['education', 120050]] as const) {
      const res = await api('POST', `/hardship/files/${file.id}/assistance`, env.staff.admin, { date: '2026-11-01', kind, amountFen, note: '春节慰问', version: file.version });
      expect(res.status).toBe(200);
      file = res.body;
    }
    expect(file.assistanceTotalFen).toBe(170050);
    expect(file.assistance.map((a) => [a.kind, a.amountFen])).toEqual([['condolence', 50000], ['education', 120050]]);
    const mine = await api<MyHardship>('GET', '/hardship/me', worker.token);
    expect(mine.body.file).toMatchObject({ id: worker.fileId, status: 'on_file', assistanceTotalFen: 170050, regionName: '广西壮族自治区 北海市 海城区' });
    const negative = await api('POST', `/hardship/files/${file.id}/assistance`, env.staff.admin, { date: '2026-11-01', kind: 'goods', amountFen: -1, version: file.version });
    expect(negative.status).toBe(400);
  });
});

describe('binding codes', () => {
  test('one use; the file gets the account and the account the role, in one go', async () => {
    const { file } = await filed();
    const code = await api<BindingCode>('POST', `/hardship/files/${file.id}/binding-code`, env.staff.districtStaff);
    expect(code.status).toBe(201);
    expect(code.body).toMatchObject({ kind: 'hardship', targetId: file.id });
    const worker = await newPerson();
    const before = await api<MyHardship>('GET', '/hardship/me', worker.token);
    expect(before.body.file).toBeNull();
    const bound = await api<Me>('POST', '/bindings', worker.token, { code: code.body.code.toLowerCase() });
    expect(bound.status).toBe(200);
    expect(bound.body).toMatchObject({ hardshipFileId: file.id });
    expect(bound.body.roles).toContain('hardship');
    expect((await getFileRef(env.stack.platform.db, file.id))?.userId).toBe(worker.me.id);
    expect((await api('GET', `/hardship/files/${file.id}`, env.staff.districtStaff)).body.bound).toBe(true);

    const reuse = await api('POST', '/bindings', (await newPerson()).token, { code: code.body.code });
    expect(reuse.status).toBe(409);
    expect(reuse.body.code).toBe('BINDING_CODE_USED');
    const entries = (await audit('360428')).filter((e) => e.targetId === file.id).map((e) => e.action);
    expect(entries).toEqual(expect.arrayContaining(['binding.issue', 'binding.redeem']));
  });

  test('a file bound to someone else is refused, and so is a second file for one account', async () => {
    const { file } = await filed();
    const first = await api<BindingCode>('POST', `/hardship/files/${file.id}/binding-code`, env.staff.districtStaff);
    const second = await api<BindingCode>('POST', `/hardship/files/${file.id}/binding-code`, env.staff.districtStaff);
    const owner = await newPerson();
    expect((await api('POST', '/bindings', owner.token, { code: first.body.code })).status).toBe(200);
    const stranger = await newPerson();
    const taken = await api('POST', '/bindings', stranger.token, { code: second.body.code });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('HARDSHIP_FILE_BOUND');
    // Nothing half-written: the stranger has no file and no role, the file keeps its owner.
    const strangerMe = await api<Me>('GET', '/me', stranger.token);
    expect(strangerMe.body.hardshipFileId).toBeNull();
    expect(strangerMe.body.roles).not.toContain('hardship');
    expect((await getFileRef(env.stack.platform.db, file.id))?.userId).toBe(owner.me.id);

    const { file: other } = await filed();
    const otherCode = await api<BindingCode>('POST', `/hardship/files/${other.id}/binding-code`, env.staff.districtStaff);
    const twice = await api('POST', '/bindings', owner.token, { code: otherCode.body.code });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('HARDSHIP_FILE_EXISTS');
    expect((await getFileRef(env.stack.platform.db, other.id))?.userId).toBeNull();
    // The refused code is still good for its rightful owner.
    const rightful = await newPerson();
    expect((await api('POST', '/bindings', rightful.token, { code: otherCode.body.code })).status).toBe(200);
  });

  test('a closed file gives no code', async () => {
    const closed = await fileIn('closed');
    const res = await api('POST', `/hardship/files/${closed.id}/binding-code`, env.staff.districtStaff);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('INVALID_TRANSITION');
  });
});

describe('access by role and region', () => {
  test('staff of another district, a worker and the file’s own worker cannot open it; region lists are scoped', async () => {
    const worker = await hardshipWorkerOnFile(env.stack.url, { districtCode: '360428' });
    const path = `/hardship/files/${worker.fileId}`;
    expect((await api('GET', path, env.staff.otherDistrictStaff)).status).toBe(403);
    expect((await api('GET', path, worker.token)).status).toBe(403);
    expect((await api('GET', path, (await loginAs(env.stack.url, 'worker')).token)).status).toBe(403);
    expect((await api('GET', path, null)).status).toBe(401);
    expect((await api('GET', path, env.staff.cityStaff)).status).toBe(200);
    expect((await api('GET', '/hardship/files?regionCode=341102', env.staff.districtStaff)).status).toBe(403);
    expect((await api('GET', '/hardship/files?regionCode=3604', env.staff.districtStaff)).status).toBe(403);
    const city = await api<z.infer<typeof FileListPage>>('GET', '/hardship/files?regionCode=3604&limit=100', env.staff.cityStaff);
    expect(city.body.items.some((i) => i.id === worker.fileId)).toBe(true);
    const other = await api<z.infer<typeof FileListPage>>('GET', '/hardship/files?regionCode=341102&limit=100', env.staff.otherDistrictStaff);
    expect(other.body.items.some((i) => i.districtCode !== '341102')).toBe(false);
    expect((await api('POST', '/hardship/files', env.staff.otherDistrictStaff, fileBody({ districtCode: '360428' }))).status).toBe(403);
  });

  test('lists page through a region with a cursor', async () => {
    const created = new Set<string>();
    for (let i = 0; i < 3; i += 1) created.add((await api('POST', '/hardship/files', env.staff.admin, fileBody({ districtCode: '450521' }))).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: z.infer<typeof FileListPage> } = await api<z.infer<typeof FileListPage>>(
        'GET',
        `/hardship/files?regionCode=450521&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        env.staff.admin,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((i) => i.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen)).toEqual(created);
  });
});

describe('the worker’s own data', () => {
  test('the data export shows the file masked; deleting the account unbinds the file, which stays', async () => {
    const worker = await hardshipWorkerOnFile(env.stack.url, { districtCode: '360428' });
    const data = await api<{ records: Record<string, Record<string, unknown>[]> }>('GET', '/me/data', worker.token);
    expect(data.status).toBe(200);
    expect(data.body.records.hardshipFile).toEqual([expect.objectContaining({ id: worker.fileId, status: 'on_file', nameMasked: '刘**' })]);
    expect(JSON.stringify(data.body)).not.toContain('13977912345');
    expect((await api('DELETE', '/me', worker.token)).status).toBe(204);
    expect(await getFileRef(env.stack.platform.db, worker.fileId)).toMatchObject({ status: 'on_file', userId: null });
    // A new account can be bound to it with a new code.
    const code = await api<BindingCode>('POST', `/hardship/files/${worker.fileId}/binding-code`, env.staff.districtStaff);
    const next = await newPerson();
    expect((await api('POST', '/bindings', next.token, { code: code.body.code })).status).toBe(200);
  });
});

describe('a binding code typed by many at once', () => {
  test('binds exactly one account', async () => {
    const { file } = await filed();
    const code = await api<BindingCode>('POST', `/hardship/files/${file.id}/binding-code`, env.staff.districtStaff);
    const people = await Promise.all(Array.from({ length: 10 }, () => newPerson()));
    const answers = await Promise.all(people.map((p) => api('POST', '/bindings', p.token, { code: code.body.code })));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    for (const refused of answers.filter((a) => a.status !== 200)) {
      expect(refused.status).toBe(409);
      expect(['BINDING_CODE_USED', 'HARDSHIP_FILE_BOUND']).toContain(refused.body.code);
    }
    const winner = people[answers.findIndex((a) => a.status === 200)]!;
    expect((await getFileRef(env.stack.platform.db, file.id))?.userId).toBe(winner.me.id);
  });
});
