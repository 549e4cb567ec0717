import { mapPool } from '../platform/pool';
import type { BoardStore } from './store';

/**
 * The board's part of the `board-expiry` job: finished events and expired jobs leave the lists (their
 * list keys are removed), so the lists' queries stop reading them. The lists already hide an ended
 * post at every read; this keeps their indexes from growing with the past. The post itself stays,
 * for staff's figures, until its TTL.
 */
export interface BoardExpiryReport {
  unlisted: number;
}

export async function expireEndedPosts(
  store: Pick<BoardStore, 'endedListed' | 'unlistEnded'>,
  now: Date,
  opts: { batch?: number; maxRounds?: number } = {},
): Promise<BoardExpiryReport> {
  const nowIso = now.toISOString();
  let unlisted = 0;
  for (let round = 0; round < (opts.maxRounds ?? 20); round += 1) {
    const ids = await store.endedListed(nowIso, opts.batch ?? 100);
    if (ids.length === 0) break;
    const done = await mapPool(ids, 4, (id) => store.unlistEnded(id, nowIso));
    const count = done.filter(Boolean).length;
    unlisted += count;
    // None taken (the index lags the table): what is left is for the next run.
    if (count === 0) break;
  }
  return { unlisted };
}
