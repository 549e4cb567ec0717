import { WISH_TRANSITIONS, type WishAction, type WishStatus } from '@yz/shared';
import { DEFAULT_WISH_SETTINGS, LOCAL_WECHAT_TEMPLATES, localPii } from '../../../functions/src/platform/config';
import { createPiiCipher } from '../../../functions/src/platform/crypto';
import type { AppError } from '../../../functions/src/platform/errors';
import type { Principal } from '../../../functions/src/platform/users';
import type { FileRef } from '../../../functions/src/hardship/ports';
import { movesFromPosting } from '../../../functions/src/wishes/lifecycle';
import { WishesService, type WishInput } from '../../../functions/src/wishes/service';
import { InMemoryWishStore } from '../adapters/wish-store';
import { codeOf, later, NOW, principal } from '../../helpers/service-rules';

/**
 * The rules of micro-wishes (微心愿) on the in-memory store: the state table as the service applies it,
 * the limit of two active wishes per worker, and one claimer per wish. The HTTP and DynamoDB side of
 * the same rules is tests/integration/wishes*.test.ts.
 */

const worker = principal('u_worker');
const staff = principal('u_staff', { roles: ['staff'], staffScopes: ['360428'] });
const volunteers = ['u_v1', 'u_v2', 'u_v3', 'u_v4', 'u_v5'].map((id) => principal(id));

const FILE: FileRef = {
  id: 'hf_1',
  status: 'on_file',
  districtCode: '360428',
  cityCode: '3604',
  provinceCode: '36',
  occupation: 'courier',
  userId: worker.userId,
  helperUserId: null,
};

const input = (title = '给孩子的一套课外书'): WishInput => ({
  title,
  story: '孩子今年上三年级，喜欢看书，想要一套课外读物。',
  category: 'children_study',
  valueFen: 8000,
  handover: { kind: 'staff' },
});

function setup() {
  const store = new InMemoryWishStore();
  store.addUser(worker.userId, FILE.id);
  for (const v of volunteers) store.addUser(v.userId);
  const service = new WishesService({
    store,
    cipher: createPiiCipher(localPii()),
    audit: { record: async () => undefined },
    grants: { add: async () => ({}), counts: async () => ({}) },
    photos: { put: async () => undefined, delete: async () => undefined, signedUrl: async (key) => `https://photos.invalid/${key}` },
    templates: LOCAL_WECHAT_TEMPLATES,
    settings: DEFAULT_WISH_SETTINGS,
    personalTerms: async () => null,
    fileRef: async (id) => (id === FILE.id ? FILE : null),
  });
  return { store, service };
}

async function registered(s: ReturnType<typeof setup>, count = volunteers.length) {
  for (const v of volunteers.slice(0, count)) {
    await s.service.registerVolunteer(v, { name: '李四', mobile: '13900001111', consentVersion: '2026-11-v1' }, NOW);
  }
}

/** A fresh wish brought to `status` by the service's own moves. */
async function wishAt(status: WishStatus) {
  const s = setup();
  await registered(s, 1);
  const v = volunteers[0] as Principal;
  let w: { id: string; version: number; status: WishStatus } = await s.service.post(worker, input(), NOW);
  const step = async (move: () => Promise<{ version: number; status: WishStatus }>) => {
    const next = await move();
    w = { ...w, version: next.version, status: next.status };
  };
  for (const action of movesFromPosting(status)) await step(() => act(s.service, action, w.id, w.version));
  expect(w.status).toBe(status);
  return { ...s, wish: w, volunteer: v };
}

/** The one request that makes `action`, by the actor the state table names for it. */
function act(service: WishesService, action: WishAction, id: string, version: number, at = later(10)) {
  const v = volunteers[0] as Principal;
  switch (action) {
    case 'edit':
      return service.edit(worker, id, input('修改后的心愿：一套课外书'), version, at);
    case 'approve':
    case 'return':
      return service.moderate(staff, id, action, action === 'return' ? '请写清楚用途' : undefined, version, at);
    case 'withdraw':
      return service.withdraw(worker, id, version, at);
    case 'claim':
      return service.claim(v, id, at);
    case 'cancel_claim':
      return service.cancelClaim(v, id, version, at);
    case 'deliver':
      return service.deliver(v, id, '已交给工会', version, at);
    case 'confirm_received':
      return service.confirmReceived(worker, id, version, at);
    case 'thank':
      return service.thank(worker, id, '谢谢您的帮助', version, at);
    case 'close':
      return service.close(staff, id, '重复发布', version, at);
    case 'lapse':
      throw new Error('lapse is the job’s');
  }
}

describe('wishes state table, as the service applies it', () => {
  // By hand: every status × every request action a person can make, and where it leads (null: refused).
  const table: Record<WishStatus, Partial<Record<WishAction, WishStatus>>> = {
    pending_review: { approve: 'open', return: 'returned', withdraw: 'withdrawn', close: 'closed' },
    returned: { edit: 'pending_review', withdraw: 'withdrawn', close: 'closed' },
    open: { withdraw: 'withdrawn', claim: 'claimed', close: 'closed' },
    claimed: { cancel_claim: 'open', deliver: 'delivered', close: 'closed' },
    delivered: { confirm_received: 'fulfilled', close: 'closed' },
    fulfilled: { thank: 'thanked', close: 'closed' },
    thanked: {},
    withdrawn: {},
    closed: {},
  };
  const actions = (Object.keys(WISH_TRANSITIONS) as WishAction[]).filter((a) => a !== 'lapse');
  for (const [from, allowed] of Object.entries(table) as [WishStatus, Partial<Record<WishAction, WishStatus>>][]) {
    for (const action of actions) {
      const to = allowed[action] ?? null;
      it(`${from} + ${action} → ${to ?? 'refused'}`, async () => {
        const { service, store, wish } = await wishAt(from);
        const before = await store.get(wish.id);
        const attempt = act(service, action, wish.id, wish.version);
        if (to) {
          const after = await attempt;
          expect(after.status).toBe(to);
          expect((await store.get(wish.id))?.timeline.at(-1)).toMatchObject({ action, from, to });
        } else {
          // Refused by state; a claim of a claimed wish is told it was taken. Nothing is written.
          expect(await codeOf(attempt)).toBe(from === 'claimed' && action === 'claim' ? 'WISH_ALREADY_CLAIMED' : 'INVALID_TRANSITION');
          expect(await store.get(wish.id)).toEqual(before);
        }
      });
    }
  }

  it('a move on a version that has moved on is refused as changed', async () => {
    const { service, store, wish } = await wishAt('pending_review');
    await service.moderate(staff, wish.id, 'approve', undefined, wish.version, later(1));
    expect(await codeOf(service.withdraw(worker, wish.id, wish.version, later(2)))).toBe('WISH_CHANGED');
    expect((await store.get(wish.id))?.status).toBe('open');
  });

  it('onto and off the wall, the city count follows in the same commit', async () => {
    const { service, store, wish } = await wishAt('pending_review');
    expect(await store.wallCities()).toEqual([]);
    const open = await service.moderate(staff, wish.id, 'approve', undefined, wish.version, later(1));
    expect(await store.wallCities()).toEqual(['3604']);
    expect((await service.wallPage({ status: 'all', limit: 10 })).items.map((w) => w.id)).toEqual([wish.id]);
    await service.close(staff, wish.id, '重复发布', open.version, later(2));
    expect(await store.wallCities()).toEqual([]);
    expect((await service.wallPage({ status: 'all', limit: 10 })).items).toEqual([]);
  });
});

describe('at most two active wishes per worker', () => {
  it('the third is refused, and nothing of it is written', async () => {
    const { service, store } = setup();
    await service.post(worker, input('第一个心愿：一套课外书'), NOW);
    await service.post(worker, input('第二个心愿：一件冬衣'), later(1));
    expect(await codeOf(service.post(worker, input('第三个心愿：一双鞋'), later(2)))).toBe('WISH_LIMIT_REACHED');
    expect(store.wishes.size).toBe(2);
    expect(store.quota.get(worker.userId)).toBe(2);
  });

  it('two posts at once with one place left: one lands', async () => {
    const { service, store } = setup();
    await service.post(worker, input('第一个心愿：一套课外书'), NOW);
    const results = await Promise.allSettled([service.post(worker, input('第二个心愿：一件冬衣'), later(1)), service.post(worker, input('第三个心愿：一双鞋'), later(1))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(store.wishes.size).toBe(2);
  });

  it('a withdrawn or received wish frees its place; a claimed one does not', async () => {
    const { service, store } = setup();
    await registered({ service, store }, 1);
    const a = await service.post(worker, input('第一个心愿：一套课外书'), NOW);
    const b = await service.post(worker, input('第二个心愿：一件冬衣'), later(1));
    const open = await service.moderate(staff, b.id, 'approve', undefined, b.version, later(2));
    await service.claim(volunteers[0] as Principal, open.id, later(3));
    expect(await codeOf(service.post(worker, input('第三个心愿：一双鞋'), later(4)))).toBe('WISH_LIMIT_REACHED');
    await service.withdraw(worker, a.id, a.version, later(5));
    expect(store.quota.get(worker.userId)).toBe(1);
    const c = await service.post(worker, input('第三个心愿：一双鞋'), later(6));
    expect(c.status).toBe('pending_review');
    expect(store.quota.get(worker.userId)).toBe(2);
  });
});

describe('one claimer per wish', () => {
  it('five volunteers claim at once: one holds it, the others are told it is taken', async () => {
    const { service, store, wish } = await wishAt('open');
    await registered({ service, store });
    const results = await Promise.allSettled(volunteers.map((v) => service.claim(v, wish.id, later(20))));
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost.map((r) => (r.reason as AppError).code)).toEqual(['WISH_ALREADY_CLAIMED', 'WISH_ALREADY_CLAIMED', 'WISH_ALREADY_CLAIMED', 'WISH_ALREADY_CLAIMED']);
    const stored = await store.get(wish.id);
    expect(stored).toMatchObject({ status: 'claimed', claimCount: 1, version: wish.version + 1 });
    // Only the winner's claim notification was queued.
    expect(store.outbox.filter((m) => (m.payload as { data: { phrase2: string } }).data.phrase2 === '已认领')).toHaveLength(1);
  });

  it('a volunteer must be registered, and may not claim their own wish', async () => {
    const { service, store, wish } = await wishAt('open');
    expect(await codeOf(service.claim(volunteers[1] as Principal, wish.id, later(20)))).toBe('VOLUNTEER_NOT_REGISTERED');
    await service.registerVolunteer(worker, { name: '张三', mobile: '13900002222', consentVersion: '2026-11-v1' }, NOW);
    expect(await codeOf(service.claim(worker, wish.id, later(20)))).toBe('OWN_WISH');
    expect((await store.get(wish.id))?.status).toBe('open');
  });

  it('only the claimer may cancel or deliver', async () => {
    const { service, store, wish } = await wishAt('claimed');
    await registered({ service, store });
    const other = volunteers[1] as Principal;
    expect(await codeOf(service.cancelClaim(other, wish.id, wish.version, later(20)))).toBe('FORBIDDEN');
    expect(await codeOf(service.deliver(other, wish.id, undefined, wish.version, later(20)))).toBe('FORBIDDEN');
    expect((await store.get(wish.id))?.claimantId).toBe((volunteers[0] as Principal).userId);
  });
});
