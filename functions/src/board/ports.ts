import type { AwsNeeds } from '../platform/aws-access';
import type { Db } from '../platform/db';
import { expireEndedPosts, type BoardExpiryReport } from './expiry';
import { boardFiguresOf, type StationBoardFigures } from './figures';
import { stationResolverNeeds } from '../stations/ports';
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

/** Staff's per-station board figures for a region (read by the activity domain beside visits). */
export const boardFiguresNeeds = { tables: { boardPosts: ['Query'] } } as const satisfies AwsNeeds;

export type BoardFiguresReader = (regionCode: string, since: Date, now: Date) => Promise<StationBoardFigures[]>;

export function boardFiguresReader(db: Db): BoardFiguresReader {
  const store = new DynamoBoardStore(db);
  return (regionCode, since, now) => boardFiguresOf(store, regionCode, since, now);
}

/**
 * A person's own board items (PIPL), for their data export and account deletion (personal-data.ts):
 * the byUser query, posts and followed stations read by id, the follows deleted, each reservation
 * released or anonymised (transactions of Delete, Update and Put), the reports moved to an unlinked key.
 */
export const boardPersonNeeds = {
  tables: { boardPosts: ['Query', 'GetItem', 'DeleteItem', 'UpdateItem', 'PutItem'], stations: stationResolverNeeds.tables.stations },
} as const satisfies AwsNeeds;

export { boardRecords, forgetBoardPerson, type BoardForgetReport } from './personal-data';
export type { BoardExpiryReport } from './expiry';
export type { StationBoardFigures } from './figures';
