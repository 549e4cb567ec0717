import { combineNeeds, outboxSendNeeds, type ResolvedNeeds } from '../platform/aws-access';
import { boardExpiryNeeds } from '../board/ports';
import { hardshipRetentionNeeds } from '../hardship/ports';
import { membershipRetentionNeeds } from '../membership/ports';
import { claimExpiryNeeds, wishRetentionNeeds } from '../wishes/ports';

/** What each job's function needs; a job has no router in front of it. */
export const jobAccess = {
  'board-expiry': combineNeeds(boardExpiryNeeds),
  'claim-expiry': combineNeeds(claimExpiryNeeds),
  outbox: combineNeeds(outboxSendNeeds),
  retention: combineNeeds(membershipRetentionNeeds, hardshipRetentionNeeds, wishRetentionNeeds),
} as const satisfies Record<string, ResolvedNeeds>;
