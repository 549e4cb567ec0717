import { createHmac } from 'node:crypto';
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import { CARD_PREFIX, type AuditPage, type HardshipFile, type MyHardship } from '@yz/shared';

type CardAdmin = { active: boolean; issuedAt: string | null };
import { loginAs, loginWechat, request } from '../helpers/api';
import { fileBody, hardshipWorkerOnFile } from '../helpers/hardship';
import { startTestStack, type TestStack } from '../helpers/stack';

/** The personal QR card: an opaque signed token, opened only by the region's staff and the paired helper. */

type Answer = HardshipFile & { code?: string; message?: string };

let stack: TestStack;
let beihaiStaff: string;
let beihaiCityStaff: string;
let otherStaff: string;
let admin: string;
let helper: { token: string; userId: string };

const api = <T = Answer>(method: string, path: string, token: string | null, body?: unknown) => request<T>(stack.url, method, path, { token, body });

/** A WeChat user made staff of a region by the admin. */
async function staffOf(regionCode: string, name: string): Promise<string> {
  const session = (await loginWechat(stack.url, `${name}.1`)).body;
  const granted = await api('POST', '/admin/staff', admin, { userId: session.me.id, regionCode });
  expect(granted.status).toBe(200);
  // A fresh session picks up the new role.
  return (await loginWechat(stack.url, `${name}.2`)).body.token;
}

beforeAll(async () => {
  stack = await startTestStack();
  admin = (await loginAs(stack.url, 'admin')).token;
  beihaiStaff = await staffOf('450502', 'beihai-haicheng-staff');
  beihaiCityStaff = await staffOf('4505', 'beihai-city-staff');
  otherStaff = (await loginAs(stack.url, 'district-staff')).token;
  const h = (await loginWechat(stack.url, 'paired-helper.1')).body;
  helper = { token: h.token, userId: h.me.id };
});
afterAll(async () => {
  await stack.stop();
});

/** A worker on file in 海城区 whose paired helper is `helper`, and the card they see. */
async function workerWithCard() {
  const worker = await hardshipWorkerOnFile(stack.url);
  const file = (await api('GET', `/hardship/files/${worker.fileId}`, admin)).body;
  const body = fileBody();
  const withHelper = await api('PUT', `/hardship/files/${worker.fileId}`, admin, {
    districtCode: file.districtCode,
    basic: { ...(body.basic as Record<string, unknown>), idNumber: undefined, mobile: undefined },
    helper: { name: '黄志强', phone: '0779-2021234', userId: helper.userId },
    cause: body.cause,
    income: body.income,
    housing: body.housing,
    plan: body.plan,
    version: file.version,
  });
  expect(withHelper.status).toBe(200);
  const mine = await api<MyHardship>('GET', '/hardship/me', worker.token);
  const card = mine.body.file!.card!;
  return { worker, card };
}

const scan = (token: string | null, content: string) => api('POST', '/hardship/card-scans', token, { token: content });

describe('the card a bound worker sees', () => {
  test('carries a prefix and a signed token naming nothing personal, with a PNG of the QR code', async () => {
    const { worker, card } = await workerWithCard();
    expect(card.content.startsWith(CARD_PREFIX)).toBe(true);
    expect(card.image).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/=]{200,}$/);
    const token = card.content.slice(CARD_PREFIX.length);
    expect(decodeProtectedHeader(token).alg).toBe('HS256');
    const claims = decodeJwt(token);
    expect(Object.keys(claims).sort()).toEqual(['aud', 'cid', 'iss']);
    expect(String(claims.cid)).not.toContain(worker.fileId);
    expect(card.content).not.toContain(worker.fileId.slice(3));
    expect(card.content).not.toContain(worker.userId);
    // The card is the same on every look: it can be printed.
    const again = await api<MyHardship>('GET', '/hardship/me', worker.token);
    expect(again.body.file?.card?.content).toBe(card.content);
  });
});

describe('scanning', () => {
  test('staff of the district and the city, admins and the paired helper open the file, each scan audited', async () => {
    const { worker, card } = await workerWithCard();
    for (const token of [beihaiStaff, beihaiCityStaff, admin, helper.token]) {
      const res = await scan(token, card.content);
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(worker.fileId);
      expect(res.body.basic.idNumberMasked).toMatch(/\*{8}/);
    }
    // The bare token (without the prefix) works too.
    expect((await scan(beihaiStaff, card.content.slice(CARD_PREFIX.length))).status).toBe(200);
    const audit = await api<AuditPage>('GET', '/audit?regionCode=450502&limit=100', admin);
    const scans = audit.body.items.filter((e) => e.targetId === worker.fileId && e.action === 'hardship.card' && e.detail.op === 'scan');
    expect(scans.map((e) => e.detail.as).sort()).toEqual(['helper', 'staff', 'staff', 'staff', 'staff']);
    expect(scans.some((e) => e.actorId === helper.userId)).toBe(true);
  });

  test('everyone else, and every bad token, gets the identical 404', async () => {
    const { worker, card } = await workerWithCard();
    const token = card.content.slice(CARD_PREFIX.length);
    const payload = decodeJwt(token);
    const wrongKey = await new SignJWT({ cid: payload.cid }).setProtectedHeader({ alg: 'HS256' }).setIssuer('yizhan').setAudience('yizhan-hardship-card').sign(new TextEncoder().encode('not-the-key-not-the-key-not-the-key!'));
    const unknownCard = await new SignJWT({ cid: 'a-card-that-never-was' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('yizhan')
      .setAudience('yizhan-hardship-card')
      .sign(new Uint8Array(createHmac('sha256', 'yizhan-local-development-token-key-not-for-production').update('yizhan-hardship-card-v1').digest()));
    // The forged "unknown card" is well signed (the local key): it must fail on the card id, not the signature.
    const plainWorker = (await loginAs(stack.url, 'worker')).token;
    const attempts: [string, string | null, string][] = [
      ['staff of another district', otherStaff, card.content],
      ['a plain worker', plainWorker, card.content],
      ['the worker themself', worker.token, card.content],
      ['a volunteer', (await loginAs(stack.url, 'volunteer')).token, card.content],
      ['garbage', beihaiStaff, 'YZCARD:this-is-not-a-token-at-all'],
      ['a token signed with another key', beihaiStaff, `${CARD_PREFIX}${wrongKey}`],
      ['a well-signed token for no card', beihaiStaff, `${CARD_PREFIX}${unknownCard}`],
    ];
    const bodies = new Set<string>();
    for (const [who, as, content] of attempts) {
      const res = await scan(as, content);
      expect([who, res.status, res.body.code]).toEqual([who, 404, 'CARD_NOT_FOUND']);
      bodies.add(JSON.stringify(res.body));
    }
    expect(bodies.size).toBe(1);
    expect((await scan(null, card.content)).status).toBe(401);
  });

  test('reissue replaces the card at once; revoke withdraws it; closing the file does too', async () => {
    const { worker, card } = await workerWithCard();
    const reissued = await api<CardAdmin>('POST', `/hardship/files/${worker.fileId}/card`, beihaiStaff);
    expect(reissued.status).toBe(200);
    expect(reissued.body.active).toBe(true);
    const old = await scan(beihaiStaff, card.content);
    expect(old.status).toBe(404);
    expect(old.body.code).toBe('CARD_NOT_FOUND');
    const fresh = (await api<MyHardship>('GET', '/hardship/me', worker.token)).body.file!.card!;
    expect(fresh.content).not.toBe(card.content);
    expect((await scan(beihaiStaff, fresh.content)).status).toBe(200);

    const revoked = await api<CardAdmin>('DELETE', `/hardship/files/${worker.fileId}/card`, beihaiStaff);
    expect(revoked.body).toEqual({ active: false, issuedAt: null });
    expect((await scan(beihaiStaff, fresh.content)).status).toBe(404);
    expect((await api<MyHardship>('GET', '/hardship/me', worker.token)).body.file!.card).toBeNull();
    expect((await api('GET', `/hardship/files/${worker.fileId}`, beihaiStaff)).body.card).toEqual({ active: false, issuedAt: null });

    const again = await api<CardAdmin>('POST', `/hardship/files/${worker.fileId}/card`, beihaiStaff);
    expect(again.body.active).toBe(true);
    const third = (await api<MyHardship>('GET', '/hardship/me', worker.token)).body.file!.card!;
    const file = (await api('GET', `/hardship/files/${worker.fileId}`, beihaiStaff)).body;
    const closed = await api('POST', `/hardship/files/${worker.fileId}/status`, beihaiStaff, { action: 'close', note: '已迁出本地', version: file.version });
    expect(closed.body.card.active).toBe(false);
    expect((await scan(beihaiStaff, third.content)).status).toBe(404);
    const refused = await api('POST', `/hardship/files/${worker.fileId}/card`, beihaiStaff);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('INVALID_TRANSITION');

    const audit = await api<AuditPage>('GET', '/audit?regionCode=450502&limit=100', admin);
    const ops = audit.body.items.filter((e) => e.targetId === worker.fileId && e.action === 'hardship.card').map((e) => e.detail.op);
    expect(ops.filter((o) => o === 'reissue')).toHaveLength(2);
    expect(ops.filter((o) => o === 'revoke')).toHaveLength(1);
  });

  test('other districts’ staff may not reissue or revoke', async () => {
    const { worker } = await workerWithCard();
    expect((await api('POST', `/hardship/files/${worker.fileId}/card`, otherStaff)).status).toBe(403);
    expect((await api('DELETE', `/hardship/files/${worker.fileId}/card`, otherStaff)).status).toBe(403);
  });
});
