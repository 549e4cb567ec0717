import type { AwsNeeds } from '../platform/aws-access';
import type { Db } from '../platform/db';
import { expireEndedPosts, type BoardExpiryReport } from './expiry';
import { DynamoBoardStore } from './store';

/** What other parts (the jobs) may use of the board. */

/** The board-expiry job's needs: the ended posts still listed (index byEnd), and the update that unlists each. */
export const boardExpiryNeeds = { tables: { boardPosts: ['Query', 'UpdateItem'] } } as const satisfies AwsNeeds;

export interface BoardExpiry {
  run(now: Date): Promise<BoardExpiryReport>;
}

export function boardExpiryOn(db: Db): BoardExpiry {
  const store = new DynamoBoardStore(db);
  return { run: (now) => expireEndedPosts(store, now) };
}

export type { BoardExpiryReport } from './expiry';
