import { WISH_ACTIONS, WISH_STATUSES, WISH_TRANSITIONS, type WishAction, type WishStatus } from '@yz/shared';
import { AppError } from '../../functions/src/platform/errors';
import { createLifecycle } from '../../functions/src/wishes/lifecycle';
import { DynamoWishStore, type WishItem } from '../../functions/src/wishes/store';
import { loginAs, request, type ApiResponse } from '../helpers/api';
import { hardshipWorkerOnFile } from '../helpers/hardship';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';
import { registeredVolunteer, wishBody, type Volunteer } from '../helpers/wishes';

/**
 * The lifecycle table, driven exhaustively: for every state and every action of WISH_TRANSITIONS, a
 * fresh wish is brought to that state through the real API, then the action is tried by the actor the
 * table names. Allowed moves succeed and land in the table's target state; every other pair is refused
 * with 409 and leaves the stored item exactly as it was. Each allowed move is also tried by a wrong
 * actor, who gets 403 and changes nothing.
 */

const DISTRICT = '360428';
const STATION = 'amap-B0J3R71OZC';

let stack: TestStack;
let staff = '';
let host = '';
let store: DynamoWishStore;

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [makeStation({ id: STATION, district: { code: DISTRICT, name: '都昌县' }, location: { lat: 29.2712, lng: 116.2015 } })]);
  staff = (await loginAs(stack.url, 'district-staff')).token;
  host = (await loginAs(stack.url, 'host')).token;
  store = new DynamoWishStore(stack.platform.db);
});
afterAll(async () => {
  await stack.stop();
});

interface Subject {
  id: string;
  version: number;
  worker: { token: string; userId: string };
  claimant: Volunteer | null;
  other: Volunteer;
}

const ok = (res: ApiResponse, what: string) => {
  if (res.status >= 300) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as { version: number; status: WishStatus };
};

/** A fresh wish of a fresh worker, moved to `state` through the API. */
async function wishIn(state: WishStatus): Promise<Subject> {
  const worker = await hardshipWorkerOnFile(stack.url, { districtCode: DISTRICT });
  const other = await registeredVolunteer(stack.url);
  const posted = ok(
    await request(stack.url, 'POST', '/wishes', { token: worker.token, body: wishBody({ handover: { kind: 'station', stationId: STATION } }) }),
    'post',
  ) as { id: string; version: number; status: WishStatus };
  const s: Subject = { id: posted.id, version: posted.version, worker, claimant: null, other };
  const step = async (method: string, path: string, token: string, body?: object) => {
    const out = ok(await request(stack.url, method, `/wishes/${s.id}${path}`, { token, body: body ? { ...body, version: s.version } : undefined }), path);
    s.version = out.version;
  };
  const chain: Record<WishStatus, () => Promise<void>> = {
    pending_review: async () => undefined,
    returned: () => step('POST', '/moderation', staff, { action: 'return', reason: '请写清楚孩子的年龄' }),
    open: () => step('POST', '/moderation', staff, { action: 'approve' }),
    claimed: async () => {
      await chain.open();
      s.claimant = await registeredVolunteer(stack.url);
      const out = ok(await request(stack.url, 'POST', `/wishes/${s.id}/claim`, { token: s.claimant.token }), 'claim');
      s.version = out.version;
    },
    delivered: async () => {
      await chain.claimed();
      await step('POST', '/delivered', s.claimant?.token ?? '', { note: '已放在驿站前台' });
    },
    fulfilled: async () => {
      await chain.delivered();
      await step('POST', '/received', worker.token, {});
    },
    thanked: async () => {
      await chain.fulfilled();
      await step('POST', '/thanks', worker.token, { text: '谢谢好心人，孩子特别开心' });
    },
    withdrawn: () => step('POST', '/withdraw', worker.token, {}),
    closed: () => step('POST', '/close', staff, { reason: '重复发布' }),
  };
  await chain[state]();
  return s;
}

type Attempt = (s: Subject, who: 'right' | 'wrong') => Promise<{ status: number; code?: string; to?: WishStatus }>;

const http =
  (method: string, path: string, body: (s: Subject) => object | undefined, token: (s: Subject, who: 'right' | 'wrong') => string): Attempt =>
  async (s, who) => {
    const b = body(s);
    const res = await request<{ status: WishStatus; code?: string }>(stack.url, method, `/wishes/${s.id}${path}`, {
      token: token(s, who),
      body: b ? { ...b, version: s.version } : undefined,
    });
    return { status: res.status, code: res.body.code, to: res.body.status };
  };

/** Each action, by the actor the table names ('right') and by someone it does not ('wrong'). */
const ATTEMPTS: Record<WishAction, Attempt> = {
  edit: http('PUT', '', () => wishBody({ title: '给女儿买一双轮滑鞋和护具' }), (s, who) => (who === 'right' ? s.worker.token : staff)),
  approve: http('POST', '/moderation', () => ({ action: 'approve' }), (s, who) => (who === 'right' ? staff : s.worker.token)),
  return: http('POST', '/moderation', () => ({ action: 'return', reason: '请补充说明' }), (s, who) => (who === 'right' ? staff : s.worker.token)),
  withdraw: http('POST', '/withdraw', () => ({}), (s, who) => (who === 'right' ? s.worker.token : staff)),
  // The claimant, when there is one, tries to claim again; otherwise a registered volunteer.
  claim: http('POST', '/claim', () => undefined, (s, who) => (who === 'right' ? (s.claimant ?? s.other).token : s.worker.token)),
  cancel_claim: http('POST', '/claim/cancel', () => ({}), (s, who) => (who === 'right' ? (s.claimant ?? s.other).token : s.other.token)),
  deliver: http('POST', '/delivered', () => ({ note: '放在驿站了' }), (s, who) => (who === 'right' ? (s.claimant ?? s.other).token : s.other.token)),
  confirm_received: http('POST', '/received', () => ({}), (s, who) => (who === 'right' ? s.worker.token : (s.claimant ?? s.other).token)),
  thank: http('POST', '/thanks', () => ({ text: '真心感谢' }), (s, who) => (who === 'right' ? s.worker.token : staff)),
  close: http('POST', '/close', () => ({ reason: '情况有变' }), (s, who) => (who === 'right' ? staff : s.worker.token)),
  // The system's move has no route: the claim-expiry job makes it through the same lifecycle.
  lapse: async (s, who) => {
    const wish = (await store.get(s.id)) as WishItem;
    try {
      const next = await createLifecycle(store).move(
        wish,
        { action: 'lapse', actor: who === 'right' ? 'system' : 'volunteer', actorId: who === 'right' ? 'system' : s.other.userId, expectedVersion: wish.version },
        new Date(),
      );
      return { status: 200, to: next.status };
    } catch (error) {
      if (error instanceof AppError) return { status: error.status, code: error.code };
      throw error;
    }
  },
};

/** What a refusal answers: a claim on a claimed wish tells the volunteer someone was faster. */
const refusalCode = (state: WishStatus, action: WishAction) => (action === 'claim' && state === 'claimed' ? 'WISH_ALREADY_CLAIMED' : 'INVALID_TRANSITION');

const pairs = WISH_STATUSES.flatMap((state) => WISH_ACTIONS.map((action) => [state, action] as const));

test('the table covers every state and action', () => {
  expect(pairs).toHaveLength(WISH_STATUSES.length * WISH_ACTIONS.length);
  // Every status is reachable and every action is allowed from somewhere.
  for (const action of WISH_ACTIONS) expect(WISH_TRANSITIONS[action].from.length).toBeGreaterThan(0);
});

describe.each(WISH_STATUSES)('from %s', (state) => {
  test.each(WISH_ACTIONS)(`%s`, async (action) => {
    const allowed = WISH_TRANSITIONS[action].from.includes(state);
    const s = await wishIn(state);
    const before = await store.get(s.id);
    expect(before?.status).toBe(state);

    if (allowed) {
      // The wrong actor first: refused, nothing changes.
      const wrong = await ATTEMPTS[action](s, 'wrong');
      expect(wrong.status).toBe(403);
      expect(await store.get(s.id)).toEqual(before);

      const right = await ATTEMPTS[action](s, 'right');
      expect({ status: right.status < 300 ? 'ok' : right.status, code: right.code }).toEqual({ status: 'ok', code: undefined });
      const after = (await store.get(s.id)) as WishItem;
      expect(after.status).toBe(WISH_TRANSITIONS[action].to);
      expect(after.version).toBe((before?.version ?? 0) + 1);
      const last = after.timeline[after.timeline.length - 1];
      expect(last).toMatchObject({ action, from: state, to: WISH_TRANSITIONS[action].to });
    } else {
      const right = await ATTEMPTS[action](s, 'right');
      expect({ status: right.status, code: right.code }).toEqual({ status: 409, code: refusalCode(state, action) });
      expect(await store.get(s.id)).toEqual(before);
    }
  });
});
