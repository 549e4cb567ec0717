import { toShanghaiIso } from '@yz/shared';
import type { WechatTemplates } from '../platform/config';
import { AppError } from '../platform/errors';
import { refusedAt } from '../platform/transaction';
import { createLifecycle, releasedClaim, wishMessage, withDerived } from './lifecycle';
import type { WishItem, WishStore } from './store-port';

/**
 * The claim-expiry job's work: claims whose deadline passed go back to open (a `lapse`, made by the
 * `system` actor through the same state table), and the volunteer is reminded once before the
 * deadline. Both are conditional on the version read, so a delivery or cancellation racing the job
 * either lands first (the job's write is refused and the claim stays delivered) or after (it is
 * refused with WISH_CHANGED / INVALID_TRANSITION and the volunteer sees the wish open again).
 */

export interface ExpiryReport {
  lapsed: number;
  reminded: number;
  /** Writes refused because the wish changed meanwhile (it is looked at again on the next run if still due). */
  raced: number;
}

export interface ClaimExpiry {
  run(now: Date): Promise<ExpiryReport>;
}

const BATCH = 100;

export function createClaimExpiry(deps: { store: WishStore; templates: WechatTemplates }): ClaimExpiry {
  const { store, templates } = deps;
  const lifecycle = createLifecycle(store);
  const claimPage = (id: string) => `pkg-wishes/claimed/index?id=${id}`;

  async function lapse(w: WishItem, now: Date): Promise<boolean> {
    const claimant = w.claimantId;
    try {
      await lifecycle.move(
        w,
        {
          action: 'lapse',
          actor: 'system',
          actorId: 'system',
          expectedVersion: w.version,
          note: '认领超过期限未送达，心愿重新开放认领',
          change: { ...releasedClaim(), lapsedCount: w.lapsedCount + 1 },
          extra: (next) =>
            claimant
              ? [
                  wishMessage(now, { userId: claimant, templateId: templates.wishClaim, page: claimPage(w.id) }, {
                    title: next.title,
                    phrase: '已过期',
                    remark: '认领已过期，心愿重新开放认领',
                  }),
                ]
              : [],
        },
        now,
      );
      return true;
    } catch (error) {
      if (error instanceof AppError && error.status === 409) return false;
      throw error;
    }
  }

  async function remind(w: WishItem, now: Date): Promise<boolean> {
    if (!w.claimantId || !w.claimDeadline) return false;
    // Not a move (the state stays claimed), but a versioned write all the same.
    const next = withDerived({ ...w, remindedAt: toShanghaiIso(now), dueAt: new Date(w.claimDeadline).toISOString(), version: w.version + 1 });
    const daysLeft = Math.max(1, Math.ceil((new Date(w.claimDeadline).getTime() - now.getTime()) / 86_400_000));
    try {
      await store.commit([
        { kind: 'replace', next, expected: w },
        wishMessage(now, { userId: w.claimantId, templateId: templates.wishClaim, page: claimPage(w.id) }, {
          title: w.title,
          phrase: '即将到期',
          remark: `请在${daysLeft}天内送达，否则认领将失效`,
        }),
      ]);
      return true;
    } catch (error) {
      if (refusedAt(error)) return false;
      throw error;
    }
  }

  return {
    async run(now) {
      const report: ExpiryReport = { lapsed: 0, reminded: 0, raced: 0 };
      for (let round = 0; round < 20; round += 1) {
        const due = await store.due(now.toISOString(), BATCH);
        let progressed = 0;
        for (const listed of due) {
          // The index is eventually consistent: act on the item as it is now.
          const w = await store.get(listed.id);
          if (!w || w.status !== 'claimed' || !w.claimDeadline || !w.dueAt || w.dueAt > now.toISOString()) continue;
          const expired = new Date(w.claimDeadline).getTime() <= now.getTime();
          const done = expired ? await lapse(w, now) : w.remindedAt ? false : await remind(w, now);
          if (done) {
            progressed += 1;
            if (expired) report.lapsed += 1;
            else report.reminded += 1;
          } else if (expired || !w.remindedAt) report.raced += 1;
        }
        if (due.length < BATCH || progressed === 0) break;
      }
      return report;
    },
  };
}
