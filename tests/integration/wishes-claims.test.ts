import { CLAIM_LOST_MESSAGE, createLifecycle } from '../../functions/src/wishes/lifecycle';
import { AppError } from '../../functions/src/platform/errors';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoWishStore, quotaKey, type WishItem } from '../../functions/src/wishes/store';
import { loginAs, request } from '../helpers/api';
import { hardshipWorkerOnFile } from '../helpers/hardship';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';
import { approve, postWish, registeredVolunteer, wishBody, type Volunteer } from '../helpers/wishes';

/**
 * Claims against the real DynamoDB Local: 200 volunteers tapping at once yield exactly one claim; a
 * claim past its deadline lapses when the claim-expiry job runs (with a clock in the future), after
 * one reminder; a delivery racing the job wins or loses cleanly.
 */

const DISTRICT = '360428';
const DAY = 86_400_000;

let stack: TestStack;
let staff = '';
let store: DynamoWishStore;

beforeAll(async () => {
  stack = await startTestStack();
  staff = (await loginAs(stack.url, 'district-staff')).token;
  store = new DynamoWishStore(stack.platform.db);
});
afterAll(async () => {
  await stack.stop();
});

async function openWish(): Promise<{ id: string; worker: { token: string; userId: string } }> {
  const worker = await hardshipWorkerOnFile(stack.url, { districtCode: DISTRICT });
  const wish = await postWish(stack.url, worker.token);
  await approve(stack.url, staff, wish);
  return { id: wish.id, worker };
}

/** The job tests count what a run did, so each runs on tables of its own. */
async function freshStack(): Promise<void> {
  await stack.stop();
  stack = await startTestStack();
  staff = (await loginAs(stack.url, 'district-staff')).token;
  store = new DynamoWishStore(stack.platform.db);
}

async function inChunks<T, R>(items: T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}

/** Pending outbox messages (payloads), for the notification checks. */
async function pendingMessages(): Promise<{ userId: string; templateId: string; data: Record<string, string> }[]> {
  const due = await stack.outbox.outbox.due(new Date(Date.now() + 365 * DAY), 1000);
  return due.map((m) => m.payload as { userId: string; templateId: string; data: Record<string, string> });
}

test('200 volunteers claim one wish at once: one wins, 199 are told someone was faster, no 5xx', async () => {
  const { id, worker } = await openWish();
  const volunteers = await inChunks(
    Array.from({ length: 200 }, (_, i) => i),
    20,
    (i) => registeredVolunteer(stack.url, { mobile: `139${String(10_000_000 + i).slice(-8)}` }),
  );
  const results = await Promise.all(
    volunteers.map((v) => request<{ code?: string; message?: string; mine?: boolean }>(stack.url, 'POST', `/wishes/${id}/claim`, { token: v.token })),
  );
  const statuses = results.map((r) => r.status);
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  const losers = results.filter((r) => r.status !== 200);
  expect(losers).toHaveLength(199);
  expect(new Set(losers.map((r) => `${r.status} ${r.body.code} ${r.body.message}`))).toEqual(new Set([`409 WISH_ALREADY_CLAIMED ${CLAIM_LOST_MESSAGE}`]));

  const winner = volunteers[statuses.indexOf(200)] as Volunteer;
  const stored = (await store.get(id)) as WishItem;
  expect(stored.status).toBe('claimed');
  expect(stored.claimantId).toBe(winner.userId);
  expect(stored.claimCount).toBe(1);
  expect(stored.timeline.filter((e) => e.action === 'claim')).toHaveLength(1);
  // The worker is told once.
  const toWorker = (await pendingMessages()).filter((m) => m.userId === worker.userId && m.data.phrase2 === '已认领');
  expect(toWorker).toHaveLength(1);
  // The winner sees it among their claims; a loser does not.
  const mine = await request<{ items: { id: string; mine: boolean }[] }>(stack.url, 'GET', '/wishes/claimed', { token: winner.token });
  expect(mine.body.items.map((w) => [w.id, w.mine])).toEqual([[id, true]]);
  const loser = volunteers.find((v) => v !== winner) as Volunteer;
  expect((await request<{ items: unknown[] }>(stack.url, 'GET', '/wishes/claimed', { token: loser.token })).body.items).toEqual([]);
}, 180_000);

describe('deleting a volunteer account', () => {
  test('releases its claims: the wish is open again with the reason in its timeline, the quota unchanged, and anyone may claim it', async () => {
    await putStations(stack, [makeStation({ id: 'st-release-1', name: '释放测试驿站' })]);
    const worker = await hardshipWorkerOnFile(stack.url, { districtCode: DISTRICT });
    const wish = await postWish(stack.url, worker.token, wishBody({ handover: { kind: 'station', stationId: 'st-release-1' } }));
    await approve(stack.url, staff, wish);
    const other = await postWish(stack.url, worker.token);
    await approve(stack.url, staff, other);
    const leaving = await registeredVolunteer(stack.url);
    expect((await request(stack.url, 'POST', `/wishes/${wish.id}/claim`, { token: leaving.token })).status).toBe(200);
    // A second claim already delivered: it is at the station, and stays delivered for the worker to confirm.
    const claimedOther = await request<{ version: number }>(stack.url, 'POST', `/wishes/${other.id}/claim`, { token: leaving.token });
    expect((await request(stack.url, 'POST', `/wishes/${other.id}/delivered`, { token: leaving.token, body: { version: claimedOther.body.version } })).status).toBe(200);
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    const upload = await fetch(`${stack.url}/wishes/${wish.id}/photo`, { method: 'POST', headers: { authorization: `Bearer ${leaving.token}`, 'content-type': 'image/png' }, body: png });
    const photoUrl = ((await upload.json()) as { deliveryPhotoUrl: string }).deliveryPhotoUrl;
    expect((await fetch(`${stack.url}${photoUrl}`)).status).toBe(200);
    const before = await request<{ openCount: number; items: { id: string; pickupCode: string | null }[] }>(stack.url, 'GET', '/wishes/mine', { token: worker.token });
    expect(before.body.items.find((w) => w.id === wish.id)?.pickupCode).toMatch(/^\d{6}$/);

    expect((await request(stack.url, 'DELETE', '/me', { token: leaving.token })).status).toBe(204);

    const after = await request<{ openCount: number; items: { id: string; status: string; pickupCode: string | null; timeline: { action: string; to: string; note?: string }[] }[] }>(
      stack.url,
      'GET',
      '/wishes/mine',
      { token: worker.token },
    );
    const released = after.body.items.find((w) => w.id === wish.id)!;
    expect(released).toMatchObject({ status: 'open', pickupCode: null });
    expect(released.timeline.at(-1)).toMatchObject({ action: 'cancel_claim', to: 'open', note: expect.stringContaining('认领人已注销账号') });
    expect(after.body.items.find((w) => w.id === other.id)?.status).toBe('delivered');
    expect(after.body.openCount).toBe(before.body.openCount);
    const stored = await store.get(wish.id);
    expect(stored?.claimantId).toBeUndefined();
    expect(stored?.deliveryPhotoKey).toBeUndefined();
    expect(stored?.dueQueue).toBeUndefined();
    const quota = await stack.platform.db.doc.send(new GetCommand({ TableName: stack.platform.db.table('wishes'), Key: quotaKey(worker.userId) }));
    expect(quota.Item?.open).toBe(2);
    // The photo went with the claim, and the host's list no longer offers a pickup.
    expect((await fetch(`${stack.url}${photoUrl}`)).status).toBe(404);
    expect((await request<{ status: string }>(stack.url, 'GET', `/wishes/${wish.id}`)).body.status).toBe('open');
    const next = await registeredVolunteer(stack.url);
    expect((await request(stack.url, 'POST', `/wishes/${wish.id}/claim`, { token: next.token })).status).toBe(200);
  });
});

describe('the claim-expiry job', () => {
  beforeEach(freshStack);

  test('reminds the volunteer once before the deadline, then lets the claim lapse back to open', async () => {
    const { id } = await openWish();
    const volunteer = await registeredVolunteer(stack.url);
    const claimed = await request<{ claimDeadline: string; version: number }>(stack.url, 'POST', `/wishes/${id}/claim`, { token: volunteer.token });
    expect(claimed.status).toBe(200);
    const deadline = new Date(claimed.body.claimDeadline).getTime();
    // The default: 14 days to deliver.
    expect(Math.round((deadline - Date.now()) / DAY)).toBe(14);

    // Long before the deadline: nothing to do.
    expect(await stack.claimExpiry.run(new Date(Date.now() + 5 * DAY))).toMatchObject({ lapsed: 0, reminded: 0 });
    // Two days before: one reminder; a second run the same day does not repeat it.
    expect(await stack.claimExpiry.run(new Date(deadline - 1.5 * DAY))).toMatchObject({ lapsed: 0, reminded: 1 });
    expect(await stack.claimExpiry.run(new Date(deadline - 1 * DAY))).toMatchObject({ lapsed: 0, reminded: 0 });
    const reminders = (await pendingMessages()).filter((m) => m.userId === volunteer.userId && m.data.phrase2 === '即将到期');
    expect(reminders).toHaveLength(1);
    expect((await store.get(id))?.status).toBe('claimed');

    // Past the deadline: the claim lapses, once.
    expect(await stack.claimExpiry.run(new Date(deadline + 60_000))).toMatchObject({ lapsed: 1 });
    expect(await stack.claimExpiry.run(new Date(deadline + 120_000))).toMatchObject({ lapsed: 0, reminded: 0 });
    const after = (await store.get(id)) as WishItem;
    expect(after.status).toBe('open');
    expect(after.claimantId).toBeUndefined();
    expect(after.lapsedCount).toBe(1);
    expect(after.dueQueue).toBeUndefined();
    expect(after.timeline[after.timeline.length - 1]).toMatchObject({ action: 'lapse', from: 'claimed', to: 'open', by: 'system' });
    const lapses = (await pendingMessages()).filter((m) => m.userId === volunteer.userId && m.data.phrase2 === '已过期');
    expect(lapses).toHaveLength(1);

    // The wish is back on the wall, open, and the old claimant can no longer deliver it.
    const wall = await request<{ items: { id: string }[] }>(stack.url, 'GET', '/wishes?status=open&limit=50');
    expect(wall.body.items.map((w) => w.id)).toContain(id);
    const late = await request<{ code: string }>(stack.url, 'POST', `/wishes/${id}/delivered`, { token: volunteer.token, body: { version: after.version } });
    expect([late.status, late.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    // Someone else may claim it now.
    const second = await registeredVolunteer(stack.url);
    expect((await request(stack.url, 'POST', `/wishes/${id}/claim`, { token: second.token })).status).toBe(200);
  });

  test('a delivery before the job runs wins: the delivered wish does not lapse', async () => {
    const { id } = await openWish();
    const volunteer = await registeredVolunteer(stack.url);
    const claimed = await request<{ claimDeadline: string; version: number }>(stack.url, 'POST', `/wishes/${id}/claim`, { token: volunteer.token });
    const stale = (await store.get(id)) as WishItem;
    const delivered = await request<{ status: string }>(stack.url, 'POST', `/wishes/${id}/delivered`, { token: volunteer.token, body: { version: claimed.body.version } });
    expect(delivered.body.status).toBe('delivered');

    const report = await stack.claimExpiry.run(new Date(new Date(claimed.body.claimDeadline).getTime() + DAY));
    expect(report.lapsed).toBe(0);
    expect((await store.get(id))?.status).toBe('delivered');

    // The job's write made from a read taken before the delivery is refused and changes nothing.
    const before = await store.get(id);
    const refused = await createLifecycle(store)
      .move(stale, { action: 'lapse', actor: 'system', actorId: 'system', expectedVersion: stale.version }, new Date())
      .then(() => null, (error: AppError) => error.code);
    expect(refused).toBe('INVALID_TRANSITION');
    expect(await store.get(id)).toEqual(before);
  });

  test('a lapse that lands first wins: the late delivery is refused', async () => {
    const { id } = await openWish();
    const volunteer = await registeredVolunteer(stack.url);
    const claimed = await request<{ claimDeadline: string; version: number }>(stack.url, 'POST', `/wishes/${id}/claim`, { token: volunteer.token });
    expect((await stack.claimExpiry.run(new Date(new Date(claimed.body.claimDeadline).getTime() + DAY))).lapsed).toBe(1);
    const late = await request<{ code: string }>(stack.url, 'POST', `/wishes/${id}/delivered`, { token: volunteer.token, body: { version: claimed.body.version } });
    expect([late.status, late.body.code]).toEqual([409, 'INVALID_TRANSITION']);
    expect((await store.get(id))?.status).toBe('open');
  });

  test('the deadline and reminder follow the configuration', async () => {
    const custom = await startTestStack({ wishes: { maxValueFen: 50_000, claimDays: 3, reminderDays: 1 } });
    try {
      const staffToken = (await loginAs(custom.url, 'district-staff')).token;
      const worker = await hardshipWorkerOnFile(custom.url, { districtCode: DISTRICT });
      const wish = await postWish(custom.url, worker.token);
      await approve(custom.url, staffToken, wish);
      const volunteer = await registeredVolunteer(custom.url);
      const claimed = await request<{ claimDeadline: string }>(custom.url, 'POST', `/wishes/${wish.id}/claim`, { token: volunteer.token });
      const deadline = new Date(claimed.body.claimDeadline).getTime();
      expect(Math.round((deadline - Date.now()) / DAY)).toBe(3);
      expect(await custom.claimExpiry.run(new Date(deadline - 1.5 * DAY))).toMatchObject({ reminded: 0, lapsed: 0 });
      expect(await custom.claimExpiry.run(new Date(deadline - 0.5 * DAY))).toMatchObject({ reminded: 1, lapsed: 0 });
      expect(await custom.claimExpiry.run(new Date(deadline + 1000))).toMatchObject({ reminded: 0, lapsed: 1 });
    } finally {
      await custom.stop();
    }
  });
});
