import { AppError } from '../platform/errors';
import type { PrivatePhotoStore } from '../platform/photos';
import { releasedClaim, type Lifecycle } from './lifecycle';
import type { WishStore } from './store-port';

/** The timeline's note when a claim ends because its volunteer deleted the account. */
export const CLAIMANT_GONE_NOTE = '认领人已注销账号，心愿重新开放认领';

/**
 * What a deleted account held in the wishes domain, let go: each wish it had claimed and not yet
 * delivered goes back onto the wall, open (the pickup code and any delivery photo go with the claim),
 * instead of blocking everyone until the 14-day lapse. A delivered wish is already at the station or
 * with staff and stays: the worker, host or staff confirm it without the volunteer. The move is the
 * volunteer's own `cancel_claim` (the account deleted is theirs), so the state table, the timeline and
 * the quota (claimed and open are both active: no change) are the ones every cancellation uses.
 * Sessions are gone before this runs, so no new claim can race it; a concurrent job lapse is retried.
 */
export async function releaseClaimsOf(deps: { store: WishStore; lifecycle: Lifecycle; photos: PrivatePhotoStore }, userId: string, now: Date): Promise<number> {
  let released = 0;
  for (const listed of await deps.store.byClaimant(userId)) {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      // The index is eventually consistent: act on the item as it is now.
      const w = await deps.store.get(listed.id);
      if (!w || w.status !== 'claimed' || w.claimantId !== userId) break;
      try {
        await deps.lifecycle.move(w, { action: 'cancel_claim', actor: 'volunteer', actorId: userId, expectedVersion: w.version, note: CLAIMANT_GONE_NOTE, change: releasedClaim() }, now);
        if (w.deliveryPhotoKey) await deps.photos.delete(w.deliveryPhotoKey).catch(() => undefined);
        released += 1;
        break;
      } catch (error) {
        if (!(error instanceof AppError && error.status === 409)) throw error;
      }
    }
  }
  return released;
}
