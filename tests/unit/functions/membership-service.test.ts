import { LOCAL_MEMBER_PASS_PUBLIC_KEY, type ApplicationStatus } from '@yz/shared';
import { localPii, localSecrets } from '../../../functions/src/platform/config';
import { MemberPassSigner } from '../../../functions/src/membership/member-pass';
import { createPiiCipher } from '../../../functions/src/platform/crypto';
import type { AppError } from '../../../functions/src/platform/errors';
import { MembershipService, type ApplicationInput } from '../../../functions/src/membership/service';
import { InMemoryMembershipStore } from '../adapters/membership-store';
import { APPLICANT, makeIdNumber, uniqueIdNumber } from '../../helpers/membership';
import { codeOf, later, NOW, principal, recordingIdConflicts } from '../../helpers/service-rules';

/**
 * The rules of joining (入会) on the in-memory store: the state table, the version lock, the one open
 * application per ID number, and that a notification commits only with its decision. The HTTP and
 * DynamoDB side of the same rules is tests/integration/membership.test.ts.
 */

const person = (userId: string) => principal(userId);
const staff = principal('u_staff', { roles: ['staff'], staffScopes: ['360428'] });

function input(idNumber = uniqueIdNumber()): ApplicationInput {
  return { ...APPLICANT, idNumber };
}

function setup() {
  const store = new InMemoryMembershipStore();
  const refusals: string[] = [];
  const service = new MembershipService({
    store,
    cipher: createPiiCipher(localPii()),
    audit: { record: async () => undefined },
    idConflicts: recordingIdConflicts(refusals),
    grants: { add: async () => ({}), counts: async () => ({}) },
    resolveApplication: async () => null,
    templates: { membershipResult: 'tmpl-result' },
    passes: new MemberPassSigner(localSecrets().memberPassKey, LOCAL_MEMBER_PASS_PUBLIC_KEY),
  });
  for (const id of ['u_a', 'u_b']) store.addUser(id);
  return { store, service, refusals };
}

/** Brings a fresh application to `status` through the service's own moves. */
async function applicationAt(status: ApplicationStatus, s = setup()) {
  const app = await s.service.submit(person('u_a'), input(), NOW);
  if (status === 'submitted') return { ...s, app };
  const action = ({ approved: 'approve', rejected: 'reject', returned: 'return' } as const)[status as 'approved' | 'rejected' | 'returned'];
  const done = await s.service.decide(staff, app.id, action, action === 'approve' ? undefined : '请补充', app.version, later(1));
  return { ...s, app: done };
}

describe('membership state table', () => {
  // Written by hand, not read from APPLICATION_TRANSITIONS: which staff actions each status allows.
  const allowed: Record<'submitted' | 'approved' | 'rejected' | 'returned', Record<'approve' | 'reject' | 'return', ApplicationStatus | null>> = {
    submitted: { approve: 'approved', reject: 'rejected', return: 'returned' },
    returned: { approve: null, reject: null, return: null },
    approved: { approve: null, reject: null, return: null },
    rejected: { approve: null, reject: null, return: null },
  };
  for (const [from, actions] of Object.entries(allowed) as [keyof typeof allowed, (typeof allowed)['submitted']][]) {
    for (const [action, to] of Object.entries(actions) as ['approve' | 'reject' | 'return', ApplicationStatus | null][]) {
      it(`${from} + ${action} → ${to ?? 'INVALID_TRANSITION'}`, async () => {
        const { service, store, app } = await applicationAt(from);
        const sent = store.outbox.length;
        const attempt = service.decide(staff, app.id, action, '说明', app.version, later(5));
        if (to) {
          const done = await attempt;
          expect(done.status).toBe(to);
          expect(done.version).toBe(app.version + 1);
          expect(done.timeline.at(-1)).toMatchObject({ from, to, by: 'staff', actorId: staff.userId });
          expect(store.outbox).toHaveLength(sent + 1);
        } else {
          expect(await codeOf(attempt)).toBe('INVALID_TRANSITION');
          expect((await service.get(app.id)).version).toBe(app.version);
          expect(store.outbox).toHaveLength(sent);
        }
      });
    }
  }

  it('only a returned application can be resubmitted, by its applicant, and it goes back to review', async () => {
    const submitted = await applicationAt('submitted');
    expect(await codeOf(submitted.service.resubmit(person('u_a'), submitted.app.id, input(), submitted.app.version, later(2)))).toBe(
      'INVALID_TRANSITION',
    );
    const { service, app } = await applicationAt('returned');
    expect(await codeOf(service.resubmit(person('u_b'), app.id, input(), app.version, later(2)))).toBe('FORBIDDEN');
    const again = await service.resubmit(person('u_a'), app.id, input(), app.version, later(2));
    expect(again).toMatchObject({ status: 'submitted', version: app.version + 1, note: null });
  });

  it('a decision on a version that has moved on is refused as changed, and writes nothing', async () => {
    const { service, store, app } = await applicationAt('submitted');
    await service.decide(staff, app.id, 'return', '请补充', app.version, later(1));
    const resubmitted = await service.resubmit(person('u_a'), app.id, input(), app.version + 1, later(2));
    const sent = store.outbox.length;
    expect(await codeOf(service.decide(staff, app.id, 'approve', undefined, app.version, later(3)))).toBe('APPLICATION_CHANGED');
    expect(await service.get(app.id)).toMatchObject({ status: 'submitted', version: resubmitted.version });
    expect(store.outbox).toHaveLength(sent);
  });

  it('two staff deciding on the same read: the store lets one through and the other is told what happened', async () => {
    const { service, app } = await applicationAt('submitted');
    const results = await Promise.allSettled([
      service.decide(staff, app.id, 'reject', '材料不全', app.version, later(1)),
      service.decide(staff, app.id, 'approve', undefined, app.version, later(1)),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as AppError).code).toBe('INVALID_TRANSITION');
  });
});

describe('one open application per ID number', () => {
  it('the same person twice: named plainly, and no second application', async () => {
    const { service, store } = setup();
    const idNumber = uniqueIdNumber();
    const first = await service.submit(person('u_a'), input(idNumber), NOW);
    expect(await codeOf(service.submit(person('u_a'), input(idNumber), later(1)))).toBe('APPLICATION_EXISTS');
    expect([...store.applications.keys()]).toEqual([first.id]);
  });

  it("someone else's open application: the neutral refusal, counted against the one who tried", async () => {
    const { service, store, refusals } = setup();
    const idNumber = uniqueIdNumber();
    const first = await service.submit(person('u_a'), input(idNumber), NOW);
    expect(await codeOf(service.submit(person('u_b'), input(idNumber), later(1)))).toBe('ID_NUMBER_UNAVAILABLE');
    expect(refusals).toEqual([first.id]);
    expect(store.applications.size).toBe(1);
  });

  it('two submissions of one ID number at once: one application', async () => {
    const { service, store } = setup();
    const idNumber = uniqueIdNumber();
    const results = await Promise.allSettled([service.submit(person('u_a'), input(idNumber), NOW), service.submit(person('u_b'), input(idNumber), NOW)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(store.applications.size).toBe(1);
    expect(store.claims.size).toBe(1);
  });

  it('a rejection frees the ID number; an approval keeps it, as the member', async () => {
    const { service, store } = setup();
    const idNumber = uniqueIdNumber();
    const first = await service.submit(person('u_a'), input(idNumber), NOW);
    await service.decide(staff, first.id, 'reject', '不符合条件', first.version, later(1));
    expect(store.claims.size).toBe(0);
    const second = await service.submit(person('u_a'), input(idNumber), later(2));
    const approved = await service.decide(staff, second.id, 'approve', undefined, second.version, later(3));
    expect(approved.memberNo).toBe('360428' + '2026' + '000001');
    expect([...store.claims.values()]).toEqual([expect.objectContaining({ applicationId: second.id, state: 'member' })]);
    expect(await store.isMemberFlagged('u_a')).toBe(true);
    expect(await codeOf(service.submit(person('u_a'), input(idNumber), later(4)))).toBe('ALREADY_MEMBER');
    // The member flag alone refuses, whatever ID number is given.
    expect(await codeOf(service.submit(person('u_a'), input(), later(4)))).toBe('ALREADY_MEMBER');
  });

  it('a resubmission with a corrected ID number moves the claim, and refuses one held by someone else', async () => {
    const { service, store } = setup();
    const held = makeIdNumber({ seq: '555' });
    await service.submit(person('u_b'), input(held), NOW);
    const { app } = await applicationAt('returned', { service, store, refusals: [] });
    expect(await codeOf(service.resubmit(person('u_a'), app.id, input(held), app.version, later(2)))).toBe('ID_NUMBER_UNAVAILABLE');
    expect((await service.get(app.id)).status).toBe('returned');
    const corrected = makeIdNumber({ seq: '777' });
    await service.resubmit(person('u_a'), app.id, input(corrected), app.version, later(3));
    expect([...store.claims.values()].filter((c) => c.applicationId === app.id)).toHaveLength(1);
    expect(store.claims.size).toBe(2);
  });

  it('an applicant who deleted their account cannot be approved, and nothing of the approval is written', async () => {
    const { service, store, app } = await applicationAt('submitted');
    store.users.delete('u_a');
    expect(await codeOf(service.decide(staff, app.id, 'approve', undefined, app.version, later(1)))).toBe('APPLICANT_GONE');
    expect(store.members.size).toBe(0);
    expect((await service.get(app.id)).status).toBe('submitted');
    expect(store.outbox).toHaveLength(0);
  });
});
