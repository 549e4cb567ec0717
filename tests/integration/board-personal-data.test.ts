import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { EventAttendance, Reservation } from '@yz/shared';
import { loginAs, newWechatUser, request } from '../helpers/api';
import { boardEventBody, boardJobBody, createPost } from '../helpers/board';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * The notice board's personal data (PIPL), against the real handlers and DynamoDB Local: a person's
 * follow, reservation and report are in their data export; deleting the account deletes the follow,
 * gives the place of an event not yet started back (someone else can take it), keeps a checked-in
 * reservation only as an anonymous code, and keeps the report for staff without the account.
 */

/** The `host` persona's station in 都昌县. */
const STATION_A = 'amap-B0J3R71OZC';
const STATION_NAME = '都昌县爱心驿站';
const BOARD_TEMPLATE = 'local-tmpl-board-post';

let stack: TestStack;
let host = '';

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [makeStation({ id: STATION_A, name: STATION_NAME, district: { code: '360428', name: '都昌县' }, location: { lat: 29.2712, lng: 116.2015 } })]);
  host = (await loginAs(stack.url, 'host')).token;
});
afterAll(async () => {
  await stack.stop();
});

async function worker(): Promise<{ token: string; userId: string }> {
  const session = await newWechatUser(stack.url, 'board-pd');
  return { token: session.token, userId: session.me.id };
}

/** What GET /me/data answers (shared/src/account.ts `MyData`), as far as this test reads it. */
type MyData = { records: Record<string, unknown[]> };

const table = () => stack.platform.db.table('boardPosts');
const getItem = async (id: string) => (await stack.platform.db.doc.send(new GetCommand({ TableName: table(), Key: { id }, ConsistentRead: true }))).Item;
const usersItem = async (pk: string) =>
  (await stack.platform.db.doc.send(new GetCommand({ TableName: stack.platform.db.table('users'), Key: { pk }, ConsistentRead: true }))).Item;
const reserve = (token: string, postId: string) => request<Reservation & { code: string }>(stack.url, 'POST', `/board/posts/${postId}/reservations`, { token });
const queryIndex = async (IndexName: string, attr: string, value: string) =>
  (
    await stack.platform.db.doc.send(
      new QueryCommand({ TableName: table(), IndexName, KeyConditionExpression: '#k = :v', ExpressionAttributeNames: { '#k': attr }, ExpressionAttributeValues: { ':v': value } }),
    )
  ).Items ?? [];

describe('the board in the data export and account deletion', () => {
  it('exports the follow, reservation and report; deletion frees the place, deletes the follow, unlinks the report', async () => {
    const event = await createPost(stack.url, host, STATION_A, boardEventBody({ title: '爱心午餐', category: 'other', capacity: 1 }));
    const job = await createPost(stack.url, host, STATION_A, boardJobBody());
    const me = await worker();
    const other = await worker();

    // Following with the subscribe consent accepted leaves a grant counter on the users table.
    expect((await request(stack.url, 'PUT', `/stations/${STATION_A}/follow`, { token: me.token, body: { results: { [BOARD_TEMPLATE]: 'accept' } } })).status).toBe(200);
    expect((await usersItem(`subscribe#${me.userId}`))?.[`g_${BOARD_TEMPLATE}`]).toBe(1);
    const mine = await reserve(me.token, event.id);
    expect(mine.status).toBe(200);
    expect((await request(stack.url, 'POST', `/board/posts/${job.id}/reports`, { token: me.token, body: { reason: 'charges_money', note: '电话里说要先交押金' } })).status).toBe(200);
    // The one place is taken.
    const refused = await reserve(other.token, event.id);
    expect(refused.status).toBe(409);
    expect((refused.body as unknown as { code: string }).code).toBe('EVENT_FULL');

    const exported = await request<MyData>(stack.url, 'GET', '/me/data', { token: me.token });
    expect(exported.status).toBe(200);
    expect(exported.body.records.boardFollows).toEqual([{ stationId: STATION_A, stationName: STATION_NAME, followedAt: expect.stringMatching(/\+08:00$/) }]);
    expect(exported.body.records.boardReservations).toEqual([
      {
        postId: event.id,
        eventTitle: '爱心午餐',
        stationId: STATION_A,
        stationName: STATION_NAME,
        code: mine.body.code,
        status: 'reserved',
        reservedAt: expect.stringMatching(/\+08:00$/),
        checkedInAt: null,
      },
    ]);
    expect(exported.body.records.boardReports).toEqual([{ postId: job.id, reason: 'charges_money', note: '电话里说要先交押金', reportedAt: expect.stringMatching(/\+08:00$/) }]);
    // Another person's export has none of it.
    const theirs = await request<MyData>(stack.url, 'GET', '/me/data', { token: other.token });
    expect(theirs.body.records.boardFollows).toEqual([]);
    expect(theirs.body.records.boardReservations).toEqual([]);
    expect(theirs.body.records.boardReports).toEqual([]);

    expect((await request(stack.url, 'DELETE', '/me', { token: me.token })).status).toBe(204);

    // The follow is gone: no item, and the station's followers no longer include the account.
    expect(await getItem(`follow#${STATION_A}#${me.userId}`)).toBeUndefined();
    expect((await queryIndex('byFollowerOf', 'followerOf', STATION_A)).map((i) => i.follower)).not.toContain(me.userId);
    expect(await usersItem(`subscribe#${me.userId}`)).toBeUndefined();
    // The place went back: one fewer reserved, the reservation and its code deleted, and someone else takes it.
    expect((await getItem(event.id))?.reserved).toBe(0);
    expect(await getItem(`res#${event.id}#${me.userId}`)).toBeUndefined();
    expect(await getItem(`code#${event.id}#${mine.body.code}`)).toBeUndefined();
    const taken = await reserve(other.token, event.id);
    expect(taken.status).toBe(200);
    expect((await getItem(event.id))?.reserved).toBe(1);
    // The report stays for staff, without the account, and the post is still counted as reported once.
    expect(await getItem(`rep#${job.id}#${me.userId}`)).toBeUndefined();
    const reports = await queryIndex('byReportOf', 'reportOf', job.id);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ reason: 'charges_money', note: '电话里说要先交押金' });
    expect(reports[0]).not.toHaveProperty('userId');
    expect(JSON.stringify(reports[0])).not.toContain(me.userId);
    expect((await getItem(job.id))?.reportCount).toBe(1);
    // Nothing on the board names the account any more.
    expect(await queryIndex('byUser', 'userId', me.userId)).toEqual([]);
  });

  it('keeps a checked-in reservation only as an anonymous code, counts unchanged', async () => {
    const event = await createPost(stack.url, host, STATION_A, boardEventBody({ title: '送清凉', capacity: 3 }));
    const me = await worker();
    const mine = await reserve(me.token, event.id);
    expect(mine.status).toBe(200);
    expect((await request(stack.url, 'POST', `/board/posts/${event.id}/checkins`, { token: host, body: { code: mine.body.code } })).status).toBe(200);
    const exported = await request<MyData>(stack.url, 'GET', '/me/data', { token: me.token });
    expect(exported.body.records.boardReservations).toEqual([expect.objectContaining({ postId: event.id, status: 'checked_in', checkedInAt: expect.stringMatching(/\+08:00$/) })]);

    expect((await request(stack.url, 'DELETE', '/me', { token: me.token })).status).toBe(204);

    expect(await getItem(`res#${event.id}#${me.userId}`)).toBeUndefined();
    const code = await getItem(`code#${event.id}#${mine.body.code}`);
    expect(code).toMatchObject({ code: mine.body.code, checkedInAt: expect.any(String) });
    expect(code).not.toHaveProperty('userId');
    expect(await getItem(event.id)).toMatchObject({ reserved: 1, checkedIn: 1 });
    const seen = await request<EventAttendance>(stack.url, 'GET', `/board/posts/${event.id}/attendance`, { token: host });
    expect(seen.body).toMatchObject({ reserved: 1, checkedIn: 1, codes: [{ code: mine.body.code, checkedIn: true }] });
    expect(await queryIndex('byUser', 'userId', me.userId)).toEqual([]);
  });

  it('a check-in racing the deletion: either the place goes back or the visit is kept, never both or neither', async () => {
    const event = await createPost(stack.url, host, STATION_A, boardEventBody({ title: '爱心早餐', category: 'breakfast', capacity: 5 }));
    for (let round = 0; round < 4; round += 1) {
      const me = await worker();
      const mine = await reserve(me.token, event.id);
      expect(mine.status).toBe(200);
      const [deleted, checkedIn] = await Promise.all([
        request(stack.url, 'DELETE', '/me', { token: me.token }),
        request(stack.url, 'POST', `/board/posts/${event.id}/checkins`, { token: host, body: { code: mine.body.code } }),
      ]);
      expect(deleted.status).toBe(204);
      expect([200, 400]).toContain(checkedIn.status);
      const code = await getItem(`code#${event.id}#${mine.body.code}`);
      // Checked in: the code stays, anonymous; refused as unknown: the place went back with the code.
      if (checkedIn.status === 200) expect(code).toMatchObject({ checkedInAt: expect.any(String) });
      else expect(code).toBeUndefined();
      if (code) expect(code).not.toHaveProperty('userId');
    }
    // The counts agree with the codes that remain, whichever side won each round.
    const codes = await queryIndex('byCode', 'codeOf', event.id);
    const post = await getItem(event.id);
    expect(post?.reserved).toBe(codes.length);
    expect(post?.checkedIn).toBe(codes.filter((c) => c.checkedInAt).length);
  });
});
