import { WISH_ACTIONS, WISH_STATUSES, WISH_TRANSITIONS, type WishStatus } from '@yz/shared';
import { configFromEnv } from '../../../functions/src/platform/config';
import { applyMove, pickupCode, withDerived } from '../../../functions/src/wishes/lifecycle';
import { median, shortCity, wishLabel } from '../../../functions/src/wishes/service';
import type { WishItem } from '../../../functions/src/wishes/store';

function wish(status: WishStatus, over: Partial<WishItem> = {}): WishItem {
  return withDerived({
    id: 'w_unit_test_1',
    ref: 'ABC234',
    userId: 'u1',
    fileId: 'hf_1',
    districtCode: '450502',
    cityCode: '4505',
    provinceCode: '45',
    occupation: 'sanitation',
    label: '环卫工人 · 北海',
    title: '电饭煲',
    story: '家里的坏了',
    category: 'appliance',
    valueFen: 10_000,
    handoverKind: 'staff',
    status,
    version: 3,
    postedAt: '2026-03-01T10:00:00.000+08:00',
    approvedAt: '2026-03-02T10:00:00.000+08:00',
    updatedAt: '2026-03-02T10:00:00.000+08:00',
    statusKey: '',
    claimCount: 0,
    lapsedCount: 0,
    timeline: [],
    ...over,
  });
}

describe('the index attributes follow the status', () => {
  test.each(WISH_STATUSES)('%s', (status) => {
    const w = wish(status, status === 'claimed' ? { claimDeadline: '2026-03-16T10:00:00.000+08:00' } : {});
    const onWall = ['open', 'claimed', 'delivered', 'fulfilled', 'thanked'].includes(status);
    expect(w.wall === 'wall').toBe(onWall);
    expect(w.wallBucket).toBe(
      !onWall ? undefined : status === 'open' ? 'open' : status === 'fulfilled' || status === 'thanked' ? 'done' : 'progress',
    );
    expect(w.dueQueue === 'claims').toBe(status === 'claimed');
    expect(w.statusKey).toBe(`${status === 'pending_review' ? 1 : ['fulfilled', 'thanked', 'withdrawn', 'closed'].includes(status) ? 3 : 2}#2026-03-01T02:00:00.000Z#w_unit_test_1`);
  });
});

test('a move is checked against the table, the actor and the version, and appended to the timeline', () => {
  for (const action of WISH_ACTIONS) {
    for (const from of WISH_STATUSES) {
      const t = WISH_TRANSITIONS[action];
      const actor = t.by[0];
      if (!actor) throw new Error(`${action} has no actor`);
      const run = () => applyMove(wish(from), { action, actor, actorId: 'x', expectedVersion: 3 }, new Date('2026-03-05T00:00:00Z'));
      if (t.from.includes(from)) {
        const next = run();
        expect([next.status, next.version, next.timeline.at(-1)?.action]).toEqual([t.to, 4, action]);
      } else {
        expect(run).toThrow(expect.objectContaining({ status: 409, code: 'INVALID_TRANSITION' }));
      }
    }
  }
  expect(() => applyMove(wish('open'), { action: 'claim', actor: 'volunteer', actorId: 'x', expectedVersion: 2 }, new Date())).toThrow(
    expect.objectContaining({ code: 'WISH_CHANGED' }),
  );
  expect(() => applyMove(wish('open'), { action: 'claim', actor: 'worker', actorId: 'x' }, new Date())).toThrow(expect.objectContaining({ status: 403 }));
});

test('pickup codes are 6 characters of the alphabet', () => {
  for (let i = 0; i < 200; i += 1) expect(pickupCode()).toMatch(/^[2-9]{6}$/);
});

test('labels carry a role and a short city name only', () => {
  expect(wishLabel({ occupation: 'sanitation', cityCode: '4505' })).toBe('环卫工人 · 北海');
  expect(wishLabel({ occupation: 'courier', cityCode: '4510' })).toBe('快递员 · 百色');
  expect(shortCity('4501')).toBe('南宁');
});

test('median days', () => {
  expect(median([])).toBeNull();
  expect(median([10, 2, 4])).toBe(4);
  expect(median([1, 2, 3, 10])).toBe(2.5);
});

test('wish settings come from the environment, with defaults', () => {
  expect(configFromEnv({}).wishes).toEqual({ maxValueFen: 50_000, claimDays: 14, reminderDays: 2 });
  expect(configFromEnv({ YZ_WISH_MAX_VALUE_FEN: '30000', YZ_WISH_CLAIM_DAYS: '7', YZ_WISH_REMINDER_DAYS: '1' }).wishes).toEqual({
    maxValueFen: 30_000,
    claimDays: 7,
    reminderDays: 1,
  });
});
