import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PostPage, PostView, RegionVisits, StationFollow } from '@yz/shared';
import { createBoardExpiryJob } from '../../functions/src/jobs/board-expiry';
import { runAsFunction } from '../../functions/src/platform/aws-calls';
import { WECHAT_SUBSCRIBE } from '../../functions/src/platform/subscriptions';
import { loginAs, loginWechat, request } from '../helpers/api';
import { boardEventBody, boardJobBody, createPost, dayFromToday, NEAR_A, boardStations, STATION_A, STATION_B } from '../helpers/board';
import { putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * The notice board beyond posting, against the real handlers and DynamoDB Local: 关注驿站 (a new post
 * queues one subscribe message per follower in the outbox; unfollowing stops them), the per-station
 * figures staff see beside visits, and the board-expiry job that takes ended posts off the lists.
 */

const BOARD_TEMPLATE = 'local-tmpl-board-post';

let stack: TestStack;
let host = '';
let hostOther = '';

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, boardStations());
  host = (await loginAs(stack.url, 'host')).token;
  hostOther = (await loginAs(stack.url, 'host-other')).token;
});
afterAll(async () => {
  await stack.stop();
});

async function worker(name: string): Promise<{ token: string; userId: string }> {
  const res = await loginWechat(stack.url, `${name}.1`);
  if (res.status !== 200) throw new Error(`login answered ${res.status}`);
  return { token: res.body.token, userId: res.body.me.id };
}

/** The board's subscribe messages waiting in the outbox for one post, by recipient. */
async function messagesFor(postId: string): Promise<{ userId: string; templateId: string; page: string; data: Record<string, string> }[]> {
  const due = await stack.outbox.outbox.due(new Date(Date.now() + 86_400_000), 1000);
  return due
    .filter((m) => m.kind === WECHAT_SUBSCRIBE)
    .map((m) => m.payload as { userId: string; templateId: string; page: string; data: Record<string, string> })
    .filter((p) => p.page === `pkg-board/post/index?id=${postId}`);
}

const follow = (token: string, station: string, body: Record<string, unknown> = {}) => request<StationFollow>(stack.url, 'PUT', `/stations/${station}/follow`, { token, body });

describe('关注驿站', () => {
  it('tells each follower of a new post once, and no one who unfollowed or follows another station', async () => {
    const a = await worker('follow-a');
    const b = await worker('follow-b');
    const c = await worker('follow-c');
    const elsewhere = await worker('follow-elsewhere');

    expect((await request(stack.url, 'PUT', `/stations/${STATION_A}/follow`, { body: {} })).status).toBe(401);
    expect((await follow(a.token, 'amap-NOSUCHSTATION')).status).toBe(404);

    const first = await follow(a.token, STATION_A, { results: { [BOARD_TEMPLATE]: 'accept' } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ stationId: STATION_A, following: true, subscribeTemplateIds: [BOARD_TEMPLATE] });
    // Following twice is still one follow (one message per post).
    expect((await follow(a.token, STATION_A)).body.following).toBe(true);
    expect((await follow(b.token, STATION_A)).status).toBe(200);
    expect((await follow(c.token, STATION_A)).status).toBe(200);
    expect((await follow(elsewhere.token, STATION_B)).status).toBe(200);
    expect((await request<StationFollow>(stack.url, 'GET', `/stations/${STATION_A}/follow`, { token: b.token })).body.following).toBe(true);
    expect((await request<StationFollow>(stack.url, 'GET', `/stations/${STATION_A}/follow`, { token: elsewhere.token })).body.following).toBe(false);

    // The accepted consent is a grant the outbox's sender will use.
    const grants = await stack.platform.db.doc.send(new GetCommand({ TableName: stack.platform.db.table('users'), Key: { pk: `subscribe#${a.userId}` } }));
    expect(grants.Item?.[`g_${BOARD_TEMPLATE}`]).toBe(1);

    const event = await createPost(stack.url, host, STATION_A, boardEventBody({ title: '关注测试夏送清凉' }));
    const told = await messagesFor(event.id);
    expect(told.map((m) => m.userId).sort()).toEqual([a.userId, b.userId, c.userId].sort());
    for (const m of told) {
      expect(m.templateId).toBe(BOARD_TEMPLATE);
      expect(m.data.thing2).toBe('关注测试夏送清凉');
      expect(m.data.phrase4).toBe('新活动');
    }

    const left = await request<StationFollow>(stack.url, 'DELETE', `/stations/${STATION_A}/follow`, { token: b.token });
    expect(left.body).toMatchObject({ following: false });
    // Unfollowing what one does not follow is no error.
    expect((await request<StationFollow>(stack.url, 'DELETE', `/stations/${STATION_A}/follow`, { token: b.token })).status).toBe(200);

    const job = await createPost(stack.url, host, STATION_A, boardJobBody({ employer: '关注测试物流' }));
    const toldAgain = await messagesFor(job.id);
    expect(toldAgain.map((m) => m.userId).sort()).toEqual([a.userId, c.userId].sort());
    expect(toldAgain[0]!.data).toMatchObject({ thing2: '关注测试物流招工', phrase4: '新招聘' });
    // No phone in a message.
    expect(JSON.stringify(toldAgain)).not.toContain('0550-3012345');

    // The other station's post reaches its own follower only.
    const other = await createPost(stack.url, hostOther, STATION_B, boardEventBody({ title: '琅琊法律咨询', category: 'legal' }));
    expect((await messagesFor(other.id)).map((m) => m.userId)).toEqual([elsewhere.userId]);
  });
});

describe("staff's per-station figures beside visits", () => {
  it('counts events held, places reserved and checked in, jobs posted and phone reveals for the station', async () => {
    const staff = (await loginAs(stack.url, 'district-staff')).token;
    const figuresOf = async (token: string, regionCode: string, station: string) => {
      const res = await request<RegionVisits>(stack.url, 'GET', `/visits?regionCode=${regionCode}&days=7`, { token });
      expect(res.status).toBe(200);
      return res.body.stations.find((s) => s.stationId === station);
    };
    const before = (await figuresOf(staff, '360428', STATION_A))?.board ?? { eventsHeld: 0, placesReserved: 0, checkedIn: 0, jobsPosted: 0, phoneReveals: 0 };

    // An event on today (begun at midnight) with places, and one next week (not held yet).
    const today = await createPost(stack.url, host, STATION_A, boardEventBody({ title: '今日早餐', category: 'breakfast', when: { kind: 'once', date: dayFromToday(0), start: '00:00', end: '23:59' }, capacity: 5 }));
    await createPost(stack.url, host, STATION_A, boardEventBody({ title: '下周义诊', category: 'health', when: { kind: 'once', date: dayFromToday(7), start: '09:00', end: '11:00' } }));
    const job = await createPost(stack.url, host, STATION_A, boardJobBody({ employer: '统计测试保洁' }));

    const w1 = await worker('figures-1');
    const w2 = await worker('figures-2');
    const code1 = await request<{ code: string }>(stack.url, 'POST', `/board/posts/${today.id}/reservations`, { token: w1.token });
    expect(code1.status).toBe(200);
    expect((await request(stack.url, 'POST', `/board/posts/${today.id}/reservations`, { token: w2.token })).status).toBe(200);
    expect((await request(stack.url, 'POST', `/board/posts/${today.id}/checkins`, { token: host, body: { code: code1.body.code } })).status).toBe(200);
    for (const w of [w1, w2, w1]) expect((await request(stack.url, 'POST', `/board/posts/${job.id}/phone`, { token: w.token })).status).toBe(200);
    // A scan of the station's code: the visit and the board figures land in one row.
    expect((await request(stack.url, 'POST', `/stations/${STATION_A}/visits`, { token: w1.token })).status).toBe(200);

    const after = await figuresOf(staff, '360428', STATION_A);
    expect(after?.visits).toBeGreaterThanOrEqual(1);
    expect(after?.board).toEqual({
      eventsHeld: before.eventsHeld + 1,
      placesReserved: before.placesReserved + 2,
      checkedIn: before.checkedIn + 1,
      jobsPosted: before.jobsPosted + 1,
      phoneReveals: before.phoneReveals + 3,
    });
    // City staff see the same row; staff of another region see none of it.
    expect((await figuresOf((await loginAs(stack.url, 'city-staff')).token, '3604', STATION_A))?.board).toEqual(after?.board);
    const other = (await loginAs(stack.url, 'district-staff-other')).token;
    expect(await figuresOf(other, '341102', STATION_A)).toBeUndefined();
    expect((await request(stack.url, 'GET', '/visits?regionCode=360428&days=7', { token: other })).status).toBe(403);
  });
});

describe('the board-expiry job', () => {
  const listKeys = async (id: string) => {
    const out = await stack.platform.db.doc.send(new GetCommand({ TableName: stack.platform.db.table('boardPosts'), Key: { id }, ConsistentRead: true }));
    return { listStation: out.Item?.listStation, listCell: out.Item?.listCell, listDistrict: out.Item?.listDistrict, listed: out.Item?.listed };
  };
  const endAt = (id: string, iso: string) =>
    stack.platform.db.doc.send(
      new UpdateCommand({ TableName: stack.platform.db.table('boardPosts'), Key: { id }, UpdateExpression: 'SET endsAt = :e', ExpressionAttributeValues: { ':e': iso } }),
    );
  const runJob = (now: Date) => runAsFunction('job-board-expiry', () => createBoardExpiryJob(stack.platform).run(now));
  const nearbyIds = async () =>
    (await request<PostPage>(stack.url, 'GET', `/board/posts?lat=${NEAR_A.lat}&lng=${NEAR_A.lng}&limit=50`)).body.items.map((p) => p.id);

  it('takes ended events and expired jobs off the lists, leaves the rest, and a renewed job comes back', async () => {
    const job = await createPost(stack.url, host, STATION_A, boardJobBody({ employer: '到期任务测试' }));
    const event = await createPost(stack.url, host, STATION_A, boardEventBody({ title: '到期任务测试活动' }));
    const live = await createPost(stack.url, host, STATION_A, boardEventBody({ title: '还在进行的活动' }));
    const past = new Date(Date.now() - 60_000).toISOString();
    await endAt(job.id, past);
    await endAt(event.id, past);
    expect(await listKeys(job.id)).toMatchObject({ listStation: STATION_A, listed: 'listed' });

    const report = await runJob(new Date());
    expect(report.unlisted).toBeGreaterThanOrEqual(2);
    for (const id of [job.id, event.id]) expect(await listKeys(id)).toEqual({ listStation: undefined, listCell: undefined, listDistrict: undefined, listed: undefined });
    expect(await listKeys(live.id)).toMatchObject({ listStation: STATION_A, listed: 'listed' });
    // The post itself stays (staff's figures) and still opens, shown as ended.
    expect((await request<PostView>(stack.url, 'GET', `/board/posts/${event.id}`)).status).toBe(200);

    // A second run finds nothing more of these.
    expect((await runJob(new Date())).unlisted).toBe(0);

    const renewed = await request<PostView>(stack.url, 'POST', `/board/posts/${job.id}/renew`, { token: host });
    expect(renewed.status).toBe(200);
    expect(await listKeys(job.id)).toMatchObject({ listStation: STATION_A, listDistrict: '360428', listed: 'listed' });
    expect(await nearbyIds()).toContain(job.id);
    expect(await nearbyIds()).not.toContain(event.id);
    // Renewed, it is not past its end: the job leaves it alone.
    await runJob(new Date());
    expect(await listKeys(job.id)).toMatchObject({ listed: 'listed' });
  });
});
