import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { VOLUNTEER_CONSENT_VERSION, WallWish, type WishStatus } from '@yz/shared';
import type { Principal } from '../../functions/src/platform/users';
import { DiskPrivatePhotoStore, PRIVATE_PHOTO_URL_SECONDS, privatePhotoDir } from '../../functions/src/platform/photos';
import { wishesService } from '../../functions/src/wishes';
import { loginAs, loginWechat, request } from '../helpers/api';
import { hardshipWorkerOnFile } from '../helpers/hardship';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';
import { approve, postWish, registeredVolunteer, wishBody } from '../helpers/wishes';

/**
 * Micro-wishes end to end over HTTP against DynamoDB Local: who may post and what, the wall and its
 * anonymity, volunteers' personal data, the station handover by pickup code, photos, notifications,
 * and the region's numbers.
 */

const DUCHANG = '360428';
const STATION = 'amap-B0J3R71OZC';
const STATION_ADDRESS = '都昌镇独一无二路 88 号';

let stack: TestStack;
let staff = '';
let admin = '';

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [
    makeStation({ id: STATION, name: '都昌镇环卫驿站', address: STATION_ADDRESS, district: { code: DUCHANG, name: '都昌县' }, location: { lat: 29.2712, lng: 116.2015 } }),
  ]);
  staff = (await loginAs(stack.url, 'district-staff')).token;
  admin = (await loginAs(stack.url, 'admin')).token;
});
afterAll(async () => {
  await stack.stop();
});

describe('posting', () => {
  test('a worker on file posts a wish: pending review, labelled by role and city only, not yet on the wall', async () => {
    const worker = await hardshipWorkerOnFile(stack.url);
    const res = await request<{ id: string; status: string; label: string; cityCode: string; ref: string; timeline: unknown[] }>(stack.url, 'POST', '/wishes', {
      token: worker.token,
      body: wishBody(),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'pending_review', label: '环卫工人 · 北海', cityCode: '4505' });
    expect(res.body.ref).toMatch(/^[A-Z2-9]{6}$/);
    expect(res.body.timeline).toEqual([expect.objectContaining({ action: 'post', from: null, to: 'pending_review', by: 'worker' })]);
    expect((await request(stack.url, 'GET', `/wishes/${res.body.id}`)).status).toBe(404);

    const courier = await hardshipWorkerOnFile(stack.url, { districtCode: '451081', occupation: 'courier' });
    expect((await postWish(stack.url, courier.token)) as unknown).toMatchObject({ label: '快递员 · 百色' });
  });

  test('only a bound worker whose file is on file may post', async () => {
    // No hardship role at all.
    const stranger = (await loginWechat(stack.url, 'wish-stranger.1')).body;
    expect((await request(stack.url, 'POST', '/wishes', { token: stranger.token, body: wishBody() })).status).toBe(403);
    // The role, but the file was lifted out of hardship.
    const lifted = await hardshipWorkerOnFile(stack.url);
    const admin = await loginAs(stack.url, 'admin');
    const file = await request<{ version: number }>(stack.url, 'GET', `/hardship/files/${lifted.fileId}`, { token: admin.token });
    const lift = await request(stack.url, 'POST', `/hardship/files/${lifted.fileId}/status`, { token: admin.token, body: { action: 'lift', version: file.body.version } });
    expect(lift.status).toBe(200);
    const refused = await request<{ code: string; message: string }>(stack.url, 'POST', '/wishes', { token: lifted.token, body: wishBody() });
    expect([refused.status, refused.body.code]).toEqual([409, 'HARDSHIP_NOT_ON_FILE']);
    expect(refused.body.message).toMatch(/不在档/);
    const mine = await request<{ canPost: boolean; reason: string }>(stack.url, 'GET', '/wishes/mine', { token: lifted.token });
    expect(mine.body).toMatchObject({ canPost: false, reason: expect.stringMatching(/不在档/) });
    // The role without any bound file (the demo persona in a stack without its file).
    const persona = await loginAs(stack.url, 'hardship');
    const unbound = await request<{ code: string }>(stack.url, 'POST', '/wishes', { token: persona.token, body: wishBody() });
    expect([unbound.status, unbound.body.code]).toEqual([403, 'HARDSHIP_NOT_ON_FILE']);
  });

  test('at most 2 active wishes, even when posted at once; a withdrawn one frees a place', async () => {
    const worker = await hardshipWorkerOnFile(stack.url);
    const results = await Promise.all(Array.from({ length: 5 }, () => request<{ id: string; version: number; code?: string }>(stack.url, 'POST', '/wishes', { token: worker.token, body: wishBody() })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['WISH_LIMIT_REACHED']));
    const mine = await request<{ openCount: number; canPost: boolean; items: unknown[] }>(stack.url, 'GET', '/wishes/mine', { token: worker.token });
    expect(mine.body).toMatchObject({ openCount: 2, canPost: false });
    expect(mine.body.items).toHaveLength(2);

    const first = results.find((r) => r.status === 201)?.body as { id: string; version: number };
    expect((await request(stack.url, 'POST', `/wishes/${first.id}/withdraw`, { token: worker.token, body: { version: first.version } })).status).toBe(200);
    expect((await request(stack.url, 'POST', '/wishes', { token: worker.token, body: wishBody() })).status).toBe(201);
    expect((await request(stack.url, 'POST', '/wishes', { token: worker.token, body: wishBody() })).status).toBe(409);
  });

  test('the value is capped (500 yuan by default)', async () => {
    const worker = await hardshipWorkerOnFile(stack.url);
    const high = await request<{ code: string; message: string }>(stack.url, 'POST', '/wishes', { token: worker.token, body: wishBody({ valueFen: 50_001 }) });
    expect([high.status, high.body.code]).toEqual([400, 'WISH_VALUE_TOO_HIGH']);
    expect(high.body.message).toContain('500 元');
    expect((await request(stack.url, 'POST', '/wishes', { token: worker.token, body: wishBody({ valueFen: 50_000 }) })).status).toBe(201);
  });

  test('the cap is configurable', async () => {
    const custom = await startTestStack({ wishes: { maxValueFen: 20_000, claimDays: 14, reminderDays: 2 } });
    try {
      const worker = await hardshipWorkerOnFile(custom.url);
      const high = await request<{ code: string; message: string }>(custom.url, 'POST', '/wishes', { token: worker.token, body: wishBody({ valueFen: 20_100 }) });
      expect([high.status, high.body.code, high.body.message]).toEqual([400, 'WISH_VALUE_TOO_HIGH', '心愿的预估价值不能超过 200 元']);
      const mine = await request<{ maxValueFen: number }>(custom.url, 'GET', '/wishes/mine', { token: worker.token });
      expect(mine.body.maxValueFen).toBe(20_000);
    } finally {
      await custom.stop();
    }
  });

  test('phone and ID numbers in public text are refused', async () => {
    const worker = await hardshipWorkerOnFile(stack.url);
    for (const body of [
      wishBody({ title: '想要电饭煲 请打13812345678' }),
      wishBody({ story: '我的身份证号是 450502198001011234，谢谢' }),
      wishBody({ story: '联系电话 0779-2223333' }),
    ]) {
      const res = await request<{ code: string; message: string }>(stack.url, 'POST', '/wishes', { token: worker.token, body });
      expect([res.status, res.body.code]).toEqual([400, 'WISH_CONTAINS_PERSONAL_DATA']);
      expect(res.body.message).toMatch(/公开的/);
    }
  });

  test("the worker's own name, ID number, mobile and address from the file are refused in title, story and thanks, in disguise too", async () => {
    const worker = await hardshipWorkerOnFile(stack.url, { name: '覃秀梅' });
    const admin = await loginAs(stack.url, 'admin');
    // The real ID number, as staff would see it revealed (the test needs the exact value).
    const reveal = await request<{ value: string }>(stack.url, 'POST', `/hardship/files/${worker.fileId}/reveal`, { token: admin.token, body: { field: 'idNumber' } });
    expect(reveal.status).toBe(200);
    const idNumber = reveal.body.value;
    const fullWidth = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const spaced = (s: string) => [...s].join(' ');
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);
    const refusedBodies = [
      wishBody({ title: '覃秀梅想要一台电饭煲' }),
      wishBody({ story: `我叫${spaced('覃秀梅')}，家里电饭煲坏了` }),
      wishBody({ story: '我叫覃·秀·梅，家里电饭煲坏了' }),
      wishBody({ story: '家住四川路12号3栋201，欢迎来送' }),
      wishBody({ story: '家住北海市海城区四川路 12 号 3 栋 201' }),
      // Disguised past the shared shape check (which only strips spaces and dashes): the file check still catches them.
      wishBody({ story: '电话 139.7791.2345' }),
      wishBody({ story: `电话 ${fullWidth('139')}／${fullWidth('7791')}／${fullWidth('2345')}` }),
      wishBody({ title: `证件 ${idNumber.match(/.{1,3}/g)!.join('.')}` }),
    ];
    for (const body of refusedBodies) {
      const res = await request<{ code: string; message: string; field?: string }>(stack.url, 'POST', '/wishes', { token: worker.token, body });
      expect([res.status, res.body.code]).toEqual([400, 'WISH_CONTAINS_PERSONAL_DATA']);
      expect(res.body.message).toMatch(/姓名、身份证号、手机号或住址/);
      // The refusal names what to leave out, never the data itself.
      expect(JSON.stringify(res.body)).not.toMatch(/覃|秀梅|四川路|13977912345/);
      expect(JSON.stringify(res.body)).not.toContain(idNumber);
    }
    expect((await request<{ items: unknown[] }>(stack.url, 'GET', '/wishes/mine', { token: worker.token })).body.items).toEqual([]);

    // An ordinary wish passes; editing it to add the name is refused too.
    const wish = await postWish(stack.url, worker.token);
    const returned = await request<{ version: number }>(stack.url, 'POST', `/wishes/${wish.id}/moderation`, { token: admin.token, body: { action: 'return', reason: '请补充用途', version: wish.version } });
    expect(returned.status).toBe(200);
    const edit = await request<{ code: string }>(stack.url, 'PUT', `/wishes/${wish.id}`, { token: worker.token, body: { ...wishBody({ story: '覃秀梅的女儿想学轮滑' }), version: returned.body.version } });
    expect([edit.status, edit.body.code]).toEqual([400, 'WISH_CONTAINS_PERSONAL_DATA']);
    const edited = await request<{ version: number }>(stack.url, 'PUT', `/wishes/${wish.id}`, { token: worker.token, body: { ...wishBody(), version: returned.body.version } });
    expect(edited.status).toBe(200);

    // Thanks go on the wall: the name is refused there as well, ordinary thanks pass.
    let version = (await approve(stack.url, admin.token, { ...wish, version: edited.body.version })).version;
    const volunteer = await registeredVolunteer(stack.url);
    const step = async (path: string, token: string, body?: object) => {
      const res = await request<{ version: number }>(stack.url, 'POST', `/wishes/${wish.id}${path}`, { token, body: body ? { ...body, version } : undefined });
      if (res.status === 200) version = res.body.version;
      return res;
    };
    expect((await step('/claim', volunteer.token)).status).toBe(200);
    expect((await step('/delivered', volunteer.token, {})).status).toBe(200);
    expect((await step('/received', worker.token, {})).status).toBe(200);
    const named = await step('/thanks', worker.token, { text: '覃 秀 梅全家感谢好心人' });
    expect([named.status, (named.body as unknown as { code: string }).code]).toEqual([400, 'WISH_CONTAINS_PERSONAL_DATA']);
    expect((await request<{ thanks: string | null }>(stack.url, 'GET', `/wishes/${wish.id}`)).body.thanks).toBeNull();
    expect((await step('/thanks', worker.token, { text: '谢谢好心人，孩子很喜欢' })).status).toBe(200);
  });

  test('a station handover needs an existing station', async () => {
    const worker = await hardshipWorkerOnFile(stack.url);
    const res = await request<{ code: string }>(stack.url, 'POST', '/wishes', {
      token: worker.token,
      body: wishBody({ handover: { kind: 'station', stationId: 'demo-999999-01' } }),
    });
    expect([res.status, res.body.code]).toEqual([400, 'STATION_NOT_FOUND']);
  });

  test('staff return a wish with a reason; the worker edits it and it goes back to review', async () => {
    const worker = await hardshipWorkerOnFile(stack.url, { districtCode: DUCHANG });
    const wish = await postWish(stack.url, worker.token);
    const returned = await request<{ status: string; staffNote: string; version: number }>(stack.url, 'POST', `/wishes/${wish.id}/moderation`, {
      token: staff,
      body: { action: 'return', reason: '请写明需要的尺码', version: wish.version },
    });
    expect(returned.body).toMatchObject({ status: 'returned', staffNote: '请写明需要的尺码' });
    const noReason = await request<{ code: string }>(stack.url, 'POST', `/wishes/${wish.id}/moderation`, { token: staff, body: { action: 'return', version: 2 } });
    expect(noReason.status).toBe(400);
    const mine = await request<{ items: { id: string; staffNote: string | null; status: string }[] }>(stack.url, 'GET', '/wishes/mine', { token: worker.token });
    expect(mine.body.items.find((w) => w.id === wish.id)).toMatchObject({ status: 'returned', staffNote: '请写明需要的尺码' });
    const edited = await request<{ status: string; title: string; staffNote: string | null }>(stack.url, 'PUT', `/wishes/${wish.id}`, {
      token: worker.token,
      body: { ...wishBody({ title: '一双 34 码的轮滑鞋' }), version: returned.body.version },
    });
    expect(edited.body).toMatchObject({ status: 'pending_review', title: '一双 34 码的轮滑鞋', staffNote: null });
    // A stale version is refused and says what the wish is now.
    const stale = await request<{ code: string }>(stack.url, 'POST', `/wishes/${wish.id}/moderation`, { token: staff, body: { action: 'approve', version: 1 } });
    expect([stale.status, stale.body.code]).toEqual([409, 'WISH_CHANGED']);
  });
});

describe('the wall', () => {
  const VOLUNTEER_NAME = '欧阳奇志';
  const VOLUNTEER_MOBILE = '13987650123';
  const secrets: string[] = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    // Wishes in every state the wall shows, in two cities, with a claimant whose details are distinctive.
    const volunteer = await registeredVolunteer(stack.url, { name: VOLUNTEER_NAME, mobile: VOLUNTEER_MOBILE });
    secrets.push(VOLUNTEER_NAME, VOLUNTEER_MOBILE, volunteer.userId, STATION_ADDRESS);
    const states: [WishStatus, string][] = [
      ['open', '450502'],
      ['claimed', '450502'],
      ['delivered', DUCHANG],
      ['fulfilled', DUCHANG],
      ['thanked', '451081'],
    ];
    for (const [state, district] of states) {
      const worker = await hardshipWorkerOnFile(stack.url, { districtCode: district });
      secrets.push(worker.userId, worker.fileId);
      let wish = await postWish(stack.url, worker.token, wishBody({ handover: { kind: 'station', stationId: STATION }, category: state === 'open' ? 'health' : 'children_study' }));
      wish = { ...wish, ...(await approve(stack.url, admin, wish)) };
      ids[state] = wish.id;
      let version = wish.version;
      const step = async (path: string, token: string, body?: object) => {
        const res = await request<{ version: number; pickupCode?: string }>(stack.url, 'POST', `/wishes/${wish.id}${path}`, { token, body: body ? { ...body, version } : undefined });
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
        version = res.body.version;
      };
      if (state === 'open') continue;
      await step('/claim', volunteer.token);
      const mine = await request<{ items: { id: string; pickupCode: string | null }[] }>(stack.url, 'GET', '/wishes/mine', { token: worker.token });
      const code = mine.body.items.find((w) => w.id === wish.id)?.pickupCode;
      if (code) secrets.push(code);
      if (state === 'claimed') continue;
      await step('/delivered', volunteer.token, { note: '放在驿站前台' });
      if (state === 'delivered') continue;
      await step('/received', worker.token, {});
      if (state === 'fulfilled') continue;
      await step('/thanks', worker.token, { text: '谢谢好心人，孩子很喜欢' });
    }
    // A wish still in review and a withdrawn one never show.
    const hidden = await hardshipWorkerOnFile(stack.url, { districtCode: '450502' });
    ids.pending = (await postWish(stack.url, hidden.token)).id;
    const withdrawn = await postWish(stack.url, hidden.token);
    await request(stack.url, 'POST', `/wishes/${withdrawn.id}/withdraw`, { token: hidden.token, body: { version: withdrawn.version } });
    ids.withdrawn = withdrawn.id;
  });

  /** Every wall response the public can ask for. */
  async function walk(): Promise<{ pages: unknown[]; items: WallWish[] }> {
    const pages: unknown[] = [];
    const items: WallWish[] = [];
    const queries = ['', '?status=open', '?status=done', '?city=4505', '?city=3604', '?category=health', '?category=children_study&city=4510'];
    for (const q of queries) {
      const res = await request<{ items: WallWish[] }>(stack.url, 'GET', `/wishes${q}`);
      expect(res.status).toBe(200);
      pages.push(res.body);
      items.push(...res.body.items);
    }
    // Page by page, one at a time.
    let cursor: string | null = null;
    do {
      const res: { body: { items: WallWish[]; nextCursor: string | null } } = await request(stack.url, 'GET', `/wishes?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(res.body);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    pages.push((await request(stack.url, 'GET', '/wishes/cities')).body);
    for (const id of Object.values(ids)) pages.push((await request(stack.url, 'GET', `/wishes/${id}`)).body);
    return { pages, items };
  }

  test('shows approved wishes only, filtered by status, city and category, paged without repeats', async () => {
    const all = await request<{ items: WallWish[] }>(stack.url, 'GET', '/wishes?limit=50');
    const mine = all.body.items.filter((w) => Object.values(ids).includes(w.id));
    expect(mine.map((w) => w.status).sort()).toEqual(['claimed', 'delivered', 'fulfilled', 'open', 'thanked']);
    const open = await request<{ items: WallWish[] }>(stack.url, 'GET', '/wishes?status=open&limit=50');
    expect(open.body.items.every((w) => w.status === 'open')).toBe(true);
    const done = await request<{ items: WallWish[] }>(stack.url, 'GET', '/wishes?status=done&limit=50');
    expect(done.body.items.map((w) => w.id)).toEqual(expect.arrayContaining([ids.fulfilled, ids.thanked]));
    expect(done.body.items.every((w) => w.status === 'fulfilled' || w.status === 'thanked')).toBe(true);
    const thanked = done.body.items.find((w) => w.id === ids.thanked);
    expect(thanked).toMatchObject({ thanks: '谢谢好心人，孩子很喜欢', label: '环卫工人 · 百色' });
    expect(thanked?.fulfilledOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const baise = await request<{ items: WallWish[] }>(stack.url, 'GET', '/wishes?city=4510&limit=50');
    expect(baise.body.items.map((w) => w.id)).toEqual([ids.thanked]);
    const health = await request<{ items: WallWish[] }>(stack.url, 'GET', '/wishes?category=health&limit=50');
    expect(health.body.items.map((w) => w.id)).toEqual([ids.open]);

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: WallWish[]; nextCursor: string | null } } = await request(stack.url, 'GET', `/wishes?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...res.body.items.map((w) => w.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.body.items.map((w) => w.id));
    expect(new Set(paged).size).toBe(paged.length);

    const cities = await request<{ items: { code: string; name: string }[] }>(stack.url, 'GET', '/wishes/cities');
    expect(cities.body.items).toEqual(expect.arrayContaining([{ code: '4505', name: '北海市' }, { code: '4510', name: '百色市' }, { code: '3604', name: '九江市' }]));

    expect((await request(stack.url, 'GET', `/wishes/${ids.pending}`)).status).toBe(404);
    expect((await request(stack.url, 'GET', `/wishes/${ids.withdrawn}`)).status).toBe(404);
    const bad = await request<{ code: string }>(stack.url, 'GET', '/wishes?cursor=not-a-cursor');
    expect([bad.status, bad.body.code]).toEqual([400, 'INVALID_CURSOR']);
  });

  test('the city list is kept with each move onto or off the wall: approve, fulfil, close and withdraw', async () => {
    const NANNING = '4501';
    const cityCodes = async () => (await request<{ items: { code: string }[] }>(stack.url, 'GET', '/wishes/cities')).body.items.map((c) => c.code);
    /** The counter item and the wall itself agree on the city's count. */
    const agree = async () => {
      const counter = await stack.platform.db.doc.send(new GetCommand({ TableName: stack.platform.db.table('wishes'), Key: { id: `wallcity#${NANNING}` } }));
      const onWall = (await request<{ items: unknown[] }>(stack.url, 'GET', `/wishes?city=${NANNING}&limit=50`)).body.items.length;
      expect(Number(counter.Item?.onWall ?? 0)).toBe(onWall);
      return onWall;
    };
    expect(await cityCodes()).not.toContain(NANNING);
    const a = await hardshipWorkerOnFile(stack.url, { districtCode: '450102' });
    const b = await hardshipWorkerOnFile(stack.url, { districtCode: '450103' });
    const w1 = await postWish(stack.url, a.token);
    expect(await cityCodes()).not.toContain(NANNING);
    let v1 = (await approve(stack.url, admin, w1)).version;
    expect(await cityCodes()).toContain(NANNING);
    const w2 = await postWish(stack.url, b.token);
    let v2 = (await approve(stack.url, admin, w2)).version;
    expect(await agree()).toBe(2);
    const closed1 = await request<{ version: number }>(stack.url, 'POST', `/wishes/${w1.id}/close`, { token: admin, body: { reason: '许愿人已搬离', version: v1 } });
    expect(closed1.status).toBe(200);
    v1 = closed1.body.version;
    expect(await cityCodes()).toContain(NANNING);
    expect(await agree()).toBe(1);
    // Claimed, delivered and fulfilled stay on the wall.
    const volunteer = await registeredVolunteer(stack.url);
    for (const [path, token, body] of [['/claim', volunteer.token, undefined], ['/delivered', volunteer.token, {}], ['/received', b.token, {}]] as const) {
      const res = await request<{ version: number }>(stack.url, 'POST', `/wishes/${w2.id}${path}`, { token, body: body ? { ...body, version: v2 } : undefined });
      expect(res.status).toBe(200);
      v2 = res.body.version;
      expect(await cityCodes()).toContain(NANNING);
    }
    expect(await agree()).toBe(1);
    expect((await request(stack.url, 'POST', `/wishes/${w2.id}/close`, { token: admin, body: { reason: '重复的心愿', version: v2 } })).status).toBe(200);
    expect(await cityCodes()).not.toContain(NANNING);
    expect(await agree()).toBe(0);
    // Withdrawn from the wall by the worker.
    const w3 = await postWish(stack.url, a.token);
    const v3 = (await approve(stack.url, admin, w3)).version;
    expect(await cityCodes()).toContain(NANNING);
    expect((await request(stack.url, 'POST', `/wishes/${w3.id}/withdraw`, { token: a.token, body: { version: v3 } })).status).toBe(200);
    expect(await cityCodes()).not.toContain(NANNING);
    expect(await agree()).toBe(0);
  });

  test('no wall response carries a name, mobile, user id, file id, address or pickup code', async () => {
    const { pages, items } = await walk();
    expect(items.length).toBeGreaterThanOrEqual(5);
    const text = JSON.stringify(pages);
    expect(secrets.length).toBeGreaterThanOrEqual(14);
    for (const secret of secrets) expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    // And no field beyond the wall's own, whatever the state.
    const allowed = Object.keys(WallWish.shape).sort();
    for (const item of items) expect(Object.keys(item).sort()).toEqual(allowed);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    expect(text).not.toMatch(/userId|fileId|claimant|pickupCode|mobile|address/);
  });
});

describe('volunteers', () => {
  test('registration is encrypted and masked, sets the volunteer role, and staff reveal the claimant with an audit entry', async () => {
    const login = (await loginWechat(stack.url, 'volunteer-reg.1')).body;
    const refused = await request<{ code: string }>(stack.url, 'POST', '/volunteers', {
      token: login.token,
      body: { name: '周志愿', mobile: '13711112222', consentVersion: VOLUNTEER_CONSENT_VERSION },
    });
    expect(refused.status).toBe(400);
    const res = await request<{ nameMasked: string; mobileMasked: string; organisation: string | null }>(stack.url, 'POST', '/volunteers', {
      token: login.token,
      body: { name: '周志愿', mobile: '13711112222', organisation: '北海市青年志愿者协会', consent: true, consentVersion: VOLUNTEER_CONSENT_VERSION },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ nameMasked: '周**', mobileMasked: '137****2222', organisation: '北海市青年志愿者协会' }));
    const me = await request<{ roles: string[] }>(stack.url, 'GET', '/me', { token: login.token });
    expect(me.body.roles).toContain('volunteer');
    const mine = await request<{ profile: { nameMasked: string } | null }>(stack.url, 'GET', '/volunteers/me', { token: login.token });
    expect(mine.body.profile?.nameMasked).toBe('周**');

    // At rest: no plain name or mobile.
    const raw = await stack.platform.db.doc.send(new GetCommand({ TableName: stack.platform.db.table('volunteers'), Key: { userId: login.me.id } }));
    const stored = JSON.stringify(raw.Item);
    expect(stored).not.toContain('13711112222');
    expect(stored).not.toContain('周志愿');

    // A claim in 都昌县; staff there reveal the claimant's contact, and it is audited.
    const worker = await hardshipWorkerOnFile(stack.url, { districtCode: DUCHANG });
    const wish = await postWish(stack.url, worker.token);
    await approve(stack.url, staff, wish);
    expect((await request(stack.url, 'POST', `/wishes/${wish.id}/claim`, { token: login.token })).status).toBe(200);
    const list = await request<{ items: { id: string; claimant: { nameMasked: string; mobileMasked: string } | null }[] }>(
      stack.url,
      'GET',
      `/admin/wishes?regionCode=${DUCHANG}&status=active`,
      { token: staff },
    );
    expect(list.body.items.find((w) => w.id === wish.id)?.claimant).toMatchObject({ nameMasked: '周**', mobileMasked: '137****2222' });
    const revealed = await request<{ name: string; mobile: string }>(stack.url, 'POST', `/wishes/${wish.id}/claimant/reveal`, { token: staff });
    expect(revealed.body).toEqual({ name: '周志愿', mobile: '13711112222' });
    const audit = await request<{ items: { action: string; targetId: string; detail: Record<string, string> }[] }>(stack.url, 'GET', `/audit?regionCode=${DUCHANG}`, {
      token: staff,
    });
    expect(audit.body.items.filter((e) => e.action === 'pii.reveal' && e.detail.wishId === wish.id)).toEqual([
      expect.objectContaining({ targetId: login.me.id, detail: { field: 'contact', wishId: wish.id } }),
    ]);
    // Staff elsewhere may not.
    const other = (await loginAs(stack.url, 'district-staff-other')).token;
    expect((await request(stack.url, 'POST', `/wishes/${wish.id}/claimant/reveal`, { token: other })).status).toBe(403);
  });

  test('the data export shows the registration masked; deleting the account deletes it', async () => {
    const volunteer = await registeredVolunteer(stack.url, { name: '司马导出', mobile: '13544445555' });
    const data = await request<{ records: Record<string, Record<string, unknown>[]> }>(stack.url, 'GET', '/me/data', { token: volunteer.token });
    expect(data.status).toBe(200);
    expect(data.body.records.volunteer).toEqual([expect.objectContaining({ nameMasked: '司***', mobileMasked: '135****5555', consentVersion: VOLUNTEER_CONSENT_VERSION })]);
    expect(JSON.stringify(data.body)).not.toContain('13544445555');
    expect((await request(stack.url, 'DELETE', '/me', { token: volunteer.token })).status).toBe(204);
    const raw = await stack.platform.db.doc.send(new GetCommand({ TableName: stack.platform.db.table('volunteers'), Key: { userId: volunteer.userId } }));
    expect(raw.Item).toBeUndefined();
  });

  test('claiming needs a registration, and nobody claims their own wish', async () => {
    const worker = await hardshipWorkerOnFile(stack.url, { districtCode: DUCHANG });
    const wish = await postWish(stack.url, worker.token);
    await approve(stack.url, staff, wish);
    const persona = await loginAs(stack.url, 'volunteer');
    const unregistered = await request<{ code: string }>(stack.url, 'POST', `/wishes/${wish.id}/claim`, { token: persona.token });
    expect([unregistered.status, unregistered.body.code]).toEqual([409, 'VOLUNTEER_NOT_REGISTERED']);
    // The worker registers as a volunteer too, and tries to claim their own wish.
    await request(stack.url, 'POST', '/volunteers', {
      token: worker.token,
      body: { name: '刘阿姨', mobile: '13600001111', consent: true, consentVersion: VOLUNTEER_CONSENT_VERSION },
    });
    const own = await request<{ code: string }>(stack.url, 'POST', `/wishes/${wish.id}/claim`, { token: worker.token });
    expect([own.status, own.body.code]).toEqual([409, 'OWN_WISH']);
  });
});

describe('handover at a station', () => {
  test('the host sees the pickup code, reference and title but not the story; the volunteer sees the station, not the worker', async () => {
    const worker = await hardshipWorkerOnFile(stack.url, { districtCode: DUCHANG });
    const wish = await postWish(stack.url, worker.token, wishBody({ story: '这段故事只给爱心人士看，驿站看不到', handover: { kind: 'station', stationId: STATION } }));
    await approve(stack.url, staff, wish);
    const volunteer = await registeredVolunteer(stack.url);
    const claimed = await request<Record<string, unknown> & { version: number; station: { address: string } }>(stack.url, 'POST', `/wishes/${wish.id}/claim`, {
      token: volunteer.token,
    });
    expect(claimed.body.station).toMatchObject({ id: STATION, address: STATION_ADDRESS });
    const claimedText = JSON.stringify(claimed.body);
    expect(claimedText).not.toContain(worker.userId);
    expect(claimedText).not.toContain(worker.fileId);
    expect(claimed.body).not.toHaveProperty('pickupCode');

    const mine = await request<{ items: { id: string; pickupCode: string | null }[] }>(stack.url, 'GET', '/wishes/mine', { token: worker.token });
    const code = mine.body.items.find((w) => w.id === wish.id)?.pickupCode ?? '';
    expect(code).toMatch(/^[2-9]{6}$/);

    const host = (await loginAs(stack.url, 'host')).token;
    const list = await request<{ items: Record<string, unknown>[] }>(stack.url, 'GET', `/stations/${STATION}/wishes`, { token: host });
    const seen = list.body.items.find((w) => w.id === wish.id);
    expect(seen).toMatchObject({ pickupCode: code, title: '给女儿买一双轮滑鞋', status: 'claimed' });
    expect(Object.keys(seen ?? {}).sort()).toEqual(['category', 'claimedAt', 'deliveredAt', 'fulfilledAt', 'id', 'pickupCode', 'ref', 'status', 'title']);
    expect(JSON.stringify(list.body)).not.toContain('这段故事');

    // Before delivery the code does not hand anything over; a wrong code never does.
    const early = await request<{ code: string }>(stack.url, 'POST', `/stations/${STATION}/wish-handovers`, { token: host, body: { code } });
    expect([early.status, early.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    await request(stack.url, 'POST', `/wishes/${wish.id}/delivered`, { token: volunteer.token, body: { version: claimed.body.version } });
    const wrong = await request<{ code: string }>(stack.url, 'POST', `/stations/${STATION}/wish-handovers`, { token: host, body: { code: code === '222222' ? '333333' : '222222' } });
    expect([wrong.status, wrong.body.code]).toEqual([400, 'PICKUP_CODE_INVALID']);
    const handed = await request<{ status: string; fulfilledAt: string }>(stack.url, 'POST', `/stations/${STATION}/wish-handovers`, { token: host, body: { code } });
    expect(handed.status).toBe(200);
    expect(handed.body.status).toBe('fulfilled');
    const after = await request<{ items: { id: string; status: string; timeline: { action: string; by: string }[] }[] }>(stack.url, 'GET', '/wishes/mine', {
      token: worker.token,
    });
    const w = after.body.items.find((x) => x.id === wish.id);
    expect(w?.status).toBe('fulfilled');
    expect(w?.timeline[w.timeline.length - 1]).toMatchObject({ action: 'confirm_received', by: 'host' });
    // Once handed over the code cannot be used again.
    const again = await request<{ code: string }>(stack.url, 'POST', `/stations/${STATION}/wish-handovers`, { token: host, body: { code } });
    expect(again.status).toBe(400);
  });

  /** A wish on the wall claimed by a fresh volunteer, ready for a delivery photo. */
  async function claimedWish() {
    const worker = await hardshipWorkerOnFile(stack.url, { districtCode: DUCHANG });
    const wish = await postWish(stack.url, worker.token);
    await approve(stack.url, staff, wish);
    const volunteer = await registeredVolunteer(stack.url);
    await request(stack.url, 'POST', `/wishes/${wish.id}/claim`, { token: volunteer.token });
    return { worker, wish, volunteer };
  }
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

  test('a second delivery photo replaces the first, whose bytes are deleted', async () => {
    const { wish, volunteer } = await claimedWish();
    const upload = async () => {
      const res = await fetch(`${stack.url}/wishes/${wish.id}/photo`, { method: 'POST', headers: { authorization: `Bearer ${volunteer.token}`, 'content-type': 'image/png' }, body: png });
      expect(res.status).toBe(200);
      return ((await res.json()) as { deliveryPhotoUrl: string }).deliveryPhotoUrl;
    };
    const first = await upload();
    expect((await fetch(`${stack.url}${first}`)).status).toBe(200);
    const second = await upload();
    expect(second.split('?')[0]).not.toBe(first.split('?')[0]);
    expect((await fetch(`${stack.url}${second}`)).status).toBe(200);
    // The first URL's signature is still valid; the bytes behind it are gone.
    expect((await fetch(`${stack.url}${first}`)).status).toBe(404);
  });

  test('a delivery photo is private: signed, short-lived URLs for the volunteer and region staff only; expired or tampered URLs are refused', async () => {
    const { worker, wish, volunteer } = await claimedWish();
    const upload = await fetch(`${stack.url}/wishes/${wish.id}/photo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${volunteer.token}`, 'content-type': 'image/png' },
      body: png,
    });
    const uploaded = (await upload.json()) as { deliveryPhotoUrl: string; version: number };
    expect(upload.status).toBe(200);
    // Not under the public station photos: a short-lived signed URL under its own private prefix.
    expect(uploaded.deliveryPhotoUrl).toMatch(/^\/private-photos\/wishes\/w_.+\/[0-9a-f]{32}\.png\?expires=\d+&sig=[A-Za-z0-9_-]+$/);
    const photoPath = uploaded.deliveryPhotoUrl.split('?')[0]!;
    const loaded = await fetch(`${stack.url}${uploaded.deliveryPhotoUrl}`);
    expect([loaded.status, loaded.headers.get('cache-control')]).toEqual([200, 'private, no-store']);
    expect(Buffer.from(await loaded.arrayBuffer())).toEqual(png);
    // The public photo path does not have it, and the private one needs the signature.
    expect((await fetch(`${stack.url}${photoPath.replace('/private-photos/', '/photos/')}`)).status).toBe(404);
    expect((await fetch(`${stack.url}${photoPath}`)).status).toBe(404);
    const notImage = await fetch(`${stack.url}/wishes/${wish.id}/photo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${volunteer.token}`, 'content-type': 'image/png' },
      body: 'not an image',
    });
    expect(notImage.status).toBe(400);
    const stranger = await registeredVolunteer(stack.url);
    const foreign = await fetch(`${stack.url}/wishes/${wish.id}/photo`, { method: 'POST', headers: { authorization: `Bearer ${stranger.token}`, 'content-type': 'image/png' }, body: png });
    expect(foreign.status).toBe(403);

    const delivered = await request<{ deliveryPhotoUrl: string | null }>(stack.url, 'POST', `/wishes/${wish.id}/delivered`, { token: volunteer.token, body: { version: uploaded.version } });
    expect(delivered.body.deliveryPhotoUrl).toMatch(/^\/private-photos\//);
    const claims = await request<{ items: { id: string; deliveryPhotoUrl: string | null }[] }>(stack.url, 'GET', '/wishes/claimed', { token: volunteer.token });
    const claimantUrl = claims.body.items.find((w) => w.id === wish.id)?.deliveryPhotoUrl;
    expect((await fetch(`${stack.url}${claimantUrl}`)).status).toBe(200);
    const mine = await request<{ items: { id: string; deliveryPhotoUrl: string | null }[] }>(stack.url, 'GET', '/wishes/mine', { token: worker.token });
    expect(mine.body.items.find((w) => w.id === wish.id)?.deliveryPhotoUrl).toBeNull();
    const staffList = await request<{ items: { id: string; deliveryPhotoUrl: string | null }[] }>(stack.url, 'GET', `/admin/wishes?regionCode=${DUCHANG}&status=all&limit=100`, {
      token: staff,
    });
    const staffUrl = staffList.body.items.find((w) => w.id === wish.id)?.deliveryPhotoUrl;
    expect(staffUrl?.split('?')[0]).toBe(photoPath);
    expect((await fetch(`${stack.url}${staffUrl}`)).status).toBe(200);
    // Strangers: no view of theirs carries a URL, and staff of another region are refused the list.
    expect(JSON.stringify((await request(stack.url, 'GET', '/wishes/claimed', { token: stranger.token })).body)).not.toContain(wish.id);
    expect((await request(stack.url, 'GET', `/admin/wishes?regionCode=450502&status=all&limit=100`, { token: staff })).status).toBe(403);
    expect(JSON.stringify((await request(stack.url, 'GET', `/wishes/${wish.id}`)).body)).not.toContain('photos');
    expect(JSON.stringify((await request(stack.url, 'GET', '/wishes?status=all&limit=50')).body)).not.toContain('photos');

    // Tampered or expired URLs are refused the same way.
    const [, query] = uploaded.deliveryPhotoUrl.split('?') as [string, string];
    const params = new URLSearchParams(query);
    const sig = params.get('sig')!;
    const flipped = `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    expect((await fetch(`${stack.url}${photoPath}?expires=${params.get('expires')}&sig=${flipped}`)).status).toBe(404);
    expect((await fetch(`${stack.url}${photoPath}?expires=${Number(params.get('expires')) + 60}&sig=${sig}`)).status).toBe(404);
    const otherKey = photoPath.replace(/[0-9a-f]{32}\.png$/, `${'0'.repeat(32)}.png`);
    expect((await fetch(`${stack.url}${otherKey}?${query}`)).status).toBe(404);
    const signer = new DiskPrivatePhotoStore(privatePhotoDir((stack.platform.config.photos as { dir: string }).dir), stack.platform.config.secrets);
    const expired = await signer.signedUrl(photoPath.slice('/private-photos/'.length), new Date(Date.now() - (PRIVATE_PHOTO_URL_SECONDS + 5) * 1000));
    expect((await fetch(`${stack.url}${expired}`)).status).toBe(404);
    const fresh = await signer.signedUrl(photoPath.slice('/private-photos/'.length), new Date());
    expect((await fetch(`${stack.url}${fresh}`)).status).toBe(200);
    expect(JSON.stringify((await request(stack.url, 'GET', `/wishes/${wish.id}`)).body)).not.toContain('photos');
  });
});

describe('notifications', () => {
  test('claimed and delivered go to the worker through the outbox', async () => {
    const worker = await hardshipWorkerOnFile(stack.url, { districtCode: DUCHANG });
    const wish = await postWish(stack.url, worker.token);
    await approve(stack.url, staff, wish);
    const volunteer = await registeredVolunteer(stack.url);
    const claimed = await request<{ version: number }>(stack.url, 'POST', `/wishes/${wish.id}/claim`, { token: volunteer.token });
    await request(stack.url, 'POST', `/wishes/${wish.id}/delivered`, { token: volunteer.token, body: { version: claimed.body.version } });
    const due = await stack.outbox.outbox.due(new Date(Date.now() + 86_400_000), 1000);
    const toWorker = due
      .map((m) => m.payload as { userId: string; templateId: string; data: Record<string, string>; page: string })
      .filter((p) => p.userId === worker.userId)
      .map((p) => [p.templateId, p.data.phrase2, p.page]);
    expect(toWorker).toEqual(
      expect.arrayContaining([
        ['local-tmpl-wish-progress', '已认领', `pkg-wishes/mine/index?id=${wish.id}`],
        ['local-tmpl-wish-progress', '已送达', `pkg-wishes/mine/index?id=${wish.id}`],
      ]),
    );
    // Nothing personal in a message: no volunteer id or mobile.
    expect(JSON.stringify(due)).not.toContain('13912345678');
    // The templates the pages ask the person to allow.
    const mine = await request<{ subscribeTemplateIds: string[] }>(stack.url, 'GET', '/wishes/mine', { token: worker.token });
    expect(mine.body.subscribeTemplateIds).toEqual(['local-tmpl-wish-progress']);
    const granted = await request<{ grants: Record<string, number> }>(stack.url, 'POST', '/wishes/subscriptions', {
      token: worker.token,
      body: { results: { 'local-tmpl-wish-progress': 'accept', 'someone-elses-template': 'accept' } },
    });
    expect(granted.body.grants).toEqual({ 'local-tmpl-wish-progress': 1 });
  });
});

describe('staff', () => {
  test('staff confirm a staff handover and close a claimed wish with a reason, telling the volunteer', async () => {
    const worker = await hardshipWorkerOnFile(stack.url, { districtCode: DUCHANG });
    const first = await postWish(stack.url, worker.token);
    await approve(stack.url, staff, first);
    const volunteer = await registeredVolunteer(stack.url);
    const claimed = await request<{ version: number; regionName: string; station: unknown }>(stack.url, 'POST', `/wishes/${first.id}/claim`, { token: volunteer.token });
    // A staff handover: the volunteer is pointed at the district union, no station.
    expect(claimed.body).toMatchObject({ regionName: '江西省 九江市 都昌县总工会', station: null });
    const delivered = await request<{ version: number }>(stack.url, 'POST', `/wishes/${first.id}/delivered`, { token: volunteer.token, body: { version: claimed.body.version } });
    const received = await request<{ status: string; timeline: { action: string; by: string }[] }>(stack.url, 'POST', `/wishes/${first.id}/received`, {
      token: staff,
      body: { version: delivered.body.version },
    });
    expect(received.body.status).toBe('fulfilled');
    expect(received.body.timeline.at(-1)).toMatchObject({ action: 'confirm_received', by: 'staff' });

    const second = await postWish(stack.url, worker.token);
    await approve(stack.url, staff, second);
    const held = await request<{ version: number }>(stack.url, 'POST', `/wishes/${second.id}/claim`, { token: volunteer.token });
    const closed = await request<{ status: string; staffNote: string }>(stack.url, 'POST', `/wishes/${second.id}/close`, {
      token: staff,
      body: { reason: '职工已另行解决', version: held.body.version },
    });
    expect(closed.body).toMatchObject({ status: 'closed', staffNote: '职工已另行解决' });
    expect((await request(stack.url, 'GET', `/wishes/${second.id}`)).status).toBe(404);
    const due = await stack.outbox.outbox.due(new Date(Date.now() + 86_400_000), 1000);
    const told = due.map((m) => m.payload as { userId: string; data: Record<string, string> }).filter((p) => p.userId === volunteer.userId && p.data.phrase2 === '已关闭');
    expect(told).toHaveLength(1);
    // The worker has a free place again: both wishes are finished.
    const mine = await request<{ openCount: number; canPost: boolean }>(stack.url, 'GET', '/wishes/mine', { token: worker.token });
    expect(mine.body).toMatchObject({ openCount: 0, canPost: true });
  });
});

describe('numbers', () => {
  test('posted, claimed, fulfilled, lapsed and the median days to fulfilment, for the region', async () => {
    // Driven through the service with chosen clocks (days apart), then read over HTTP by staff.
    const REGION = '360424';
    const service = wishesService(stack.platform);
    const staffP: Principal = { userId: 'demo-staff-jiujiang', sessionId: '', roles: ['staff'], staffScopes: ['3604'], hostStations: [], isAdmin: false };
    const at = (day: number) => new Date(Date.UTC(2026, 2, 1, 2, 0, 0) + day * 86_400_000);
    const volunteer = await registeredVolunteer(stack.url);
    const volP: Principal = { userId: volunteer.userId, sessionId: '', roles: ['volunteer'], staffScopes: [], hostStations: [], isAdmin: false };
    const fulfilAfter = [2, 4, 10];
    for (const [i, days] of [...fulfilAfter, null, null].entries()) {
      const worker = await hardshipWorkerOnFile(stack.url, { districtCode: REGION });
      const workerP: Principal = { userId: worker.userId, sessionId: '', roles: ['hardship'], staffScopes: [], hostStations: [], isAdmin: false };
      const category = i === 0 ? 'health' : 'appliance';
      let w: { id: string; version: number } = await service.post(workerP, wishBody({ category }) as Parameters<typeof service.post>[1], at(0));
      if (i === 4) continue; // posted, never approved
      w = await service.moderate(staffP, w.id, 'approve', undefined, w.version, at(0));
      w = await service.claim(volP, w.id, at(1));
      if (days === null) {
        // Claimed, then the claim lapses.
        await stack.claimExpiry.run(at(20));
        continue;
      }
      w = await service.deliver(volP, w.id, undefined, w.version, at(days));
      await service.confirmReceived(workerP, w.id, w.version, at(days));
    }
    const city = (await loginAs(stack.url, 'city-staff')).token;
    const stats = await request<Record<string, unknown>>(stack.url, 'GET', `/wishes/stats?regionCode=${REGION}&from=2026-01-01&to=2026-12-31`, { token: city });
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      regionCode: REGION,
      from: '2026-01-01',
      to: '2026-12-31',
      posted: 5,
      claimed: 4,
      fulfilled: 3,
      lapsed: 1,
      medianDaysToFulfil: 4,
      byCategory: { daily_necessities: 0, children_study: 0, health: 1, appliance: 4, clothing: 0, other: 0 },
    });
    // A period before the wishes: nothing.
    const before = await request<{ posted: number; medianDaysToFulfil: number | null }>(stack.url, 'GET', `/wishes/stats?regionCode=${REGION}&from=2025-01-01&to=2025-12-31`, {
      token: city,
    });
    expect(before.body).toMatchObject({ posted: 0, medianDaysToFulfil: null });
    // The city's numbers include the district's; another district's staff may not look.
    const other = (await loginAs(stack.url, 'district-staff-other')).token;
    expect((await request(stack.url, 'GET', `/wishes/stats?regionCode=${REGION}`, { token: other })).status).toBe(403);
  });
});
