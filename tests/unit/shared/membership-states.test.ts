import { APPLICATION_ACTIONS, APPLICATION_STATUSES, APPLICATION_TRANSITIONS, nextStatus } from '@yz/shared';

/** The review state machine: exactly these moves, and no others. */

const ALLOWED: Record<string, string> = {
  'submitted approve': 'approved',
  'submitted reject': 'rejected',
  'submitted return': 'returned',
  'returned resubmit': 'submitted',
  'submitted withdraw': 'withdrawn',
  'returned withdraw': 'withdrawn',
};

test.each(APPLICATION_STATUSES.flatMap((from) => APPLICATION_ACTIONS.map((action) => [from, action] as const)))('%s + %s', (from, action) => {
  expect(nextStatus(from, action)).toBe(ALLOWED[`${from} ${action}`] ?? null);
});

test('approved, rejected and withdrawn are final', () => {
  for (const action of APPLICATION_ACTIONS) {
    expect(nextStatus('approved', action)).toBeNull();
    expect(nextStatus('rejected', action)).toBeNull();
    expect(nextStatus('withdrawn', action)).toBeNull();
  }
  expect(Object.keys(APPLICATION_TRANSITIONS).sort()).toEqual([...APPLICATION_ACTIONS].sort());
});
