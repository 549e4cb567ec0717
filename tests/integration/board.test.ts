import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EventAttendance, PostPage, PostView, Reservation } from '@yz/shared';
import { loginAs, loginWechat, request } from '../helpers/api';
import { boardEventBody, boardJobBody, createPost, dayFromToday, NEAR_A, boardStations, STATION_A, STATION_B } from '../helpers/board';
import { putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * The notice board against the real handlers and DynamoDB Local: a job goes up, a worker nearby
 * finds it, reveals the phone (counted), reports it, and staff hide it; 100 people tapping 我要去 on
 * an event with 10 places get exactly 10 codes; the host checks in by code; a job past its end
 * leaves the lists and comes back when renewed.
 */

const FAR_FROM_A = { lat: 29.5, lng: 116.2 };

let stack: TestStack;
let host = '';
let hostOther = '';
let staff = '';
let staffOther = '';

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, boardStations());
  host = (await loginAs(stack.url, 'host')).token;
  hostOther = (await loginAs(stack.url, 'host-other')).token;
  staff = (await loginAs(stack.url, 'district-staff')).token;
  staffOther = (await loginAs(stack.url, 'district-staff-other')).token;
});
afterAll(async () => {
  await stack.stop();
});

async function worker(name: string): Promise<string> {
  const res = await loginWechat(stack.url, `${name}.1`);
  if (res.status !== 200) throw new Error(`login answered ${res.status}`);
  return res.body.token;
}

const nearby = (q: Record<string, string | number>) =>
  request<PostPage>(stack.url, 'GET', `/board/posts?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)])).toString()}`);

describe('a job post, from posting to moderation', () => {
  it('goes up, is found nearby, reveals its phone counted, is reported and hidden by staff', async () => {
    const job = await createPost(stack.url, host, STATION_A, boardJobBody({ employer: '都昌县城建环卫所' }));
    expect(job).toMatchObject({ kind: 'job', station: { id: STATION_A }, status: 'active', employer: '都昌县城建环卫所' });
    // The public view carries the station, never the phone or a person.
    expect(JSON.stringify(job)).not.toContain('0550-3012345');
    expect(job).not.toHaveProperty('phone');
    // At most 30 days.
    const days = (new Date(job.endsAt).getTime() - new Date(job.postedAt).getTime()) / 86_400_000;
    expect(days).toBeCloseTo(30, 3);

    const near = await nearby({ ...NEAR_A });
    expect(near.status).toBe(200);
    const found = near.body.items.find((p) => p.id === job.id);
    expect(found?.distanceMeters).toBeGreaterThan(0);
    expect(found!.distanceMeters!).toBeLessThan(5000);
    expect((await nearby({ ...FAR_FROM_A })).body.items.map((p) => p.id)).not.toContain(job.id);
    expect((await nearby({ districtCode: '360428' })).body.items.map((p) => p.id)).toContain(job.id);
    expect((await nearby({ ...NEAR_A, kind: 'event' })).body.items.map((p) => p.id)).not.toContain(job.id);
    const board = await request<{ items: PostView[] }>(stack.url, 'GET', `/stations/${STATION_A}/board`);
    expect(board.body.items.map((p) => p.id)).toContain(job.id);

    // The phone: signed-in users only, each reveal counted.
    expect((await request(stack.url, 'POST', `/board/posts/${job.id}/phone`)).status).toBe(401);
    const me = await worker('board-job-seeker');
    const first = await request<{ phone: string; reveals: number }>(stack.url, 'POST', `/board/posts/${job.id}/phone`, { token: me });
    expect(first.body).toEqual({ phone: '0550-3012345', reveals: 1 });
    const second = await request<{ phone: string; reveals: number }>(stack.url, 'POST', `/board/posts/${job.id}/phone`, { token: me });
    expect(second.body.reveals).toBe(2);

    // A report goes to the region's staff, not to another region's.
    const reported = await request(stack.url, 'POST', `/board/posts/${job.id}/reports`, { token: me, body: { reason: 'charges_money', note: '电话里说要先交押金' } });
    expect(reported.status).toBe(200);
    const queue = await request<{ items: { post: PostView; reports: { reason: string; note: string }[] }[] }>(stack.url, 'GET', '/admin/board/reports?regionCode=360428', { token: staff });
    expect(queue.status).toBe(200);
    const entry = queue.body.items.find((i) => i.post.id === job.id);
    expect(entry?.reports).toEqual([expect.objectContaining({ reason: 'charges_money', note: '电话里说要先交押金' })]);
    expect((await request(stack.url, 'GET', '/admin/board/reports?regionCode=360428', { token: staffOther })).status).toBe(403);
    expect((await request(stack.url, 'POST', `/board/posts/${job.id}/moderation`, { token: staffOther, body: { action: 'hide' } })).status).toBe(403);

    const hidden = await request<PostView>(stack.url, 'POST', `/board/posts/${job.id}/moderation`, { token: staff, body: { action: 'hide', note: '核实为收费招聘' } });
    expect(hidden.status).toBe(200);
    expect(hidden.body.status).toBe('hidden');
    expect((await nearby({ ...NEAR_A })).body.items.map((p) => p.id)).not.toContain(job.id);
    expect((await request<{ items: PostView[] }>(stack.url, 'GET', `/stations/${STATION_A}/board`)).body.items.map((p) => p.id)).not.toContain(job.id);
    expect((await request(stack.url, 'GET', `/board/posts/${job.id}`)).status).toBe(404);
    expect((await request(stack.url, 'POST', `/board/posts/${job.id}/phone`, { token: me })).status).toBe(409);
    const after = await request<{ items: { post: PostView }[] }>(stack.url, 'GET', '/admin/board/reports?regionCode=360428', { token: staff });
    expect(after.body.items.map((i) => i.post.id)).not.toContain(job.id);
  });

  it('limits one person to 10 phone reveals a minute, counting each one shown', async () => {
    const job = await createPost(stack.url, host, STATION_A, boardJobBody({ employer: '限流测试单位' }));
    const scraper = await worker('board-scraper');
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await request(stack.url, 'POST', `/board/posts/${job.id}/phone`, { token: scraper })).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429]);
    const item = await stack.platform.db.doc.send(new GetCommand({ TableName: stack.platform.db.table('boardPosts'), Key: { id: job.id } }));
    expect(item.Item?.phoneReveals).toBe(10);
    // Another person is not held back by the first one's reveals.
    expect((await request(stack.url, 'POST', `/board/posts/${job.id}/phone`, { token: await worker('board-caller') })).status).toBe(200);
  });

  it('refuses a post that asks workers for money, with the wording, and writes nothing', async () => {
    const before = (await request<{ items: PostView[] }>(stack.url, 'GET', `/stations/${STATION_A}/board`)).body.items.length;
    const res = await request<{ code: string; message: string }>(stack.url, 'POST', `/stations/${STATION_A}/board-posts`, {
      token: host,
      body: boardJobBody({ requirements: '入职需交服装费 150 元' }),
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('POST_ASKS_FOR_MONEY');
    expect(res.body.message).toContain('服装费');
    expect((await request<{ items: PostView[] }>(stack.url, 'GET', `/stations/${STATION_A}/board`)).body.items.length).toBe(before);
  });

  it('refuses bad input with Chinese messages', async () => {
    const res = await request<{ code: string; message: string }>(stack.url, 'POST', `/stations/${STATION_A}/board-posts`, {
      token: host,
      body: boardJobBody({ pay: { unit: 'day', minFen: 20_000, maxFen: 10_000 } }),
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('最高工资不能低于最低工资');
    const past = await request<{ code: string }>(stack.url, 'POST', `/stations/${STATION_A}/board-posts`, {
      token: host,
      body: boardEventBody({ when: { kind: 'once', date: dayFromToday(-1), start: '09:00', end: '10:00' } }),
    });
    expect(past.status).toBe(400);
    expect(past.body.code).toBe('POST_DATES_INVALID');
    // The host of another station cannot post here.
    expect((await request(stack.url, 'POST', `/stations/${STATION_A}/board-posts`, { token: hostOther, body: boardJobBody() })).status).toBe(403);
  });
});

describe('我要去 on a limited event', () => {
  it('gives exactly 10 places to 100 people tapping at once, one code each, and the host checks in by code', async () => {
    const event = await createPost(stack.url, host, STATION_A, boardEventBody({ title: '爱心早餐', category: 'breakfast', capacity: 10 }));
    // Signed in one after another: the race under test is the tapping, not the logging in.
    const tokens: string[] = [];
    for (let i = 0; i < 100; i += 1) tokens.push(await worker(`board-breakfast-${i}`));
    const answers = await Promise.all(tokens.map((token) => request<Reservation & { code?: string }>(stack.url, 'POST', `/board/posts/${event.id}/reservations`, { token })));
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(10);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'EVENT_FULL')).toBe(true);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([]);
    const codes = won.map((a) => a.body.code);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^\d{4}$/);

    const item = await stack.platform.db.doc.send(new GetCommand({ TableName: stack.platform.db.table('boardPosts'), Key: { id: event.id } }));
    expect(item.Item?.reserved).toBe(10);

    // Asking again gives the same place, not a second one.
    const winner = tokens[answers.indexOf(won[0]!)]!;
    const again = await request<Reservation>(stack.url, 'POST', `/board/posts/${event.id}/reservations`, { token: winner });
    expect(again.status).toBe(200);
    expect(again.body.code).toBe(won[0]!.body.code);

    // The host sees counts and codes only.
    const seen = await request<EventAttendance>(stack.url, 'GET', `/board/posts/${event.id}/attendance`, { token: host });
    expect(seen.body).toMatchObject({ capacity: 10, reserved: 10, checkedIn: 0 });
    expect(seen.body.codes.map((c) => c.code).sort()).toEqual([...codes].sort());
    expect(Object.keys(seen.body.codes[0]!).sort()).toEqual(['checkedIn', 'code']);
    expect((await request(stack.url, 'GET', `/board/posts/${event.id}/attendance`, { token: hostOther })).status).toBe(403);

    const checked = await request<EventAttendance>(stack.url, 'POST', `/board/posts/${event.id}/checkins`, { token: host, body: { code: codes[0] } });
    expect(checked.status).toBe(200);
    expect(checked.body.checkedIn).toBe(1);
    expect(checked.body.codes.find((c) => c.code === codes[0])?.checkedIn).toBe(true);
    const twice = await request<{ code: string }>(stack.url, 'POST', `/board/posts/${event.id}/checkins`, { token: host, body: { code: codes[0] } });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('ALREADY_CHECKED_IN');
    const unknown = ['0000', '1111', '2222', '3333', '4444', '5555'].find((c) => !codes.includes(c))!;
    const wrong = await request<{ code: string }>(stack.url, 'POST', `/board/posts/${event.id}/checkins`, { token: host, body: { code: unknown } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('CHECKIN_CODE_INVALID');
    expect((await request(stack.url, 'POST', `/board/posts/${event.id}/checkins`, { token: hostOther, body: { code: codes[1] } })).status).toBe(403);
  }, 120_000);

  it('refuses a place on an event without a limit', async () => {
    const open = await createPost(stack.url, host, STATION_A, boardEventBody({ title: '法律咨询日', category: 'legal' }));
    const res = await request<{ code: string }>(stack.url, 'POST', `/board/posts/${open.id}/reservations`, { token: await worker('board-legal') });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('EVENT_NOT_LIMITED');
  });
});

describe('expiry', () => {
  it('takes a job past its end off the lists; renewing puts it back for 30 more days', async () => {
    const job = await createPost(stack.url, host, STATION_A, boardJobBody({ employer: '到期测试搬家公司' }));
    const past = new Date(Date.now() - 60_000).toISOString();
    await stack.platform.db.doc.send(
      new UpdateCommand({ TableName: stack.platform.db.table('boardPosts'), Key: { id: job.id }, UpdateExpression: 'SET endsAt = :e', ExpressionAttributeValues: { ':e': past } }),
    );
    expect((await nearby({ ...NEAR_A })).body.items.map((p) => p.id)).not.toContain(job.id);
    expect((await request<{ items: PostView[] }>(stack.url, 'GET', `/stations/${STATION_A}/board`)).body.items.map((p) => p.id)).not.toContain(job.id);
    expect((await request(stack.url, 'POST', `/board/posts/${job.id}/phone`, { token: await worker('board-late') })).status).toBe(409);

    const renewed = await request<PostView>(stack.url, 'POST', `/board/posts/${job.id}/renew`, { token: host });
    expect(renewed.status).toBe(200);
    expect(new Date(renewed.body.endsAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect((await nearby({ ...NEAR_A })).body.items.map((p) => p.id)).toContain(job.id);
  });

  it('ends a job with dates on its last day, and an event after its end', async () => {
    const job = await createPost(stack.url, host, STATION_A, boardJobBody({ dates: { kind: 'dates', from: dayFromToday(0), to: dayFromToday(3) } }));
    expect(job.endsAt).toBe(`${dayFromToday(3)}T23:59:00+08:00`);
    const event = await createPost(stack.url, host, STATION_A, boardEventBody({ when: { kind: 'weekly', days: ['mon', 'thu'], start: '07:00', end: '08:30', from: dayFromToday(1), until: dayFromToday(20) } }));
    expect(event.kind).toBe('event');
    expect(event.endsAt.slice(11, 16)).toBe('08:30');
  });
});

describe('paging near me', () => {
  it('pages upcoming events first, then jobs newest first, without repeats', async () => {
    for (let i = 0; i < 3; i += 1) await createPost(stack.url, hostOther, STATION_B, boardJobBody({ employer: `分页测试单位${i}` }));
    for (let i = 0; i < 2; i += 1) await createPost(stack.url, hostOther, STATION_B, boardEventBody({ title: `分页活动${i}`, when: { kind: 'once', date: dayFromToday(5 - i), start: '09:00', end: '10:00' } }));
    const seen: PostView[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof nearby>> = await nearby({ lat: 32.305, lng: 118.317, limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.map((p) => p.kind)).toEqual(['event', 'event', 'job', 'job', 'job']);
    expect(seen[0]!.kind === 'event' && seen[1]!.kind === 'event' && seen[0]!.startsAt < seen[1]!.startsAt).toBe(true);
    expect(seen.slice(2).map((p) => (p.kind === 'job' ? p.employer : ''))).toEqual(['分页测试单位2', '分页测试单位1', '分页测试单位0']);
    expect((await nearby({ lat: 32.305, lng: 118.317, cursor: 'bm90LWEtY3Vyc29y' })).status).toBe(400);
  });
});
