import { combineNeeds, outboxQueueNeeds, outboxSendNeeds, type ResolvedNeeds } from '../platform/aws-access';
import { districtStaffNeeds } from '../accounts/ports';
import { stationHealthNeeds } from '../stations/ports';
import { boardExpiryNeeds } from '../board/ports';
import { hardshipRetentionNeeds } from '../hardship/ports';
import { membershipRetentionNeeds } from '../membership/ports';
import { claimExpiryNeeds, wishRetentionNeeds } from '../wishes/ports';

/** What each job's function needs; a job has no router in front of it. */
export const jobAccess = {
  'board-expiry': combineNeeds(boardExpiryNeeds),
  'claim-expiry': combineNeeds(claimExpiryNeeds),
  outbox: combineNeeds(outboxSendNeeds),
  'stale-digest': combineNeeds(districtStaffNeeds, stationHealthNeeds, outboxQueueNeeds),
  retention: combineNeeds(membershipRetentionNeeds, hardshipRetentionNeeds, wishRetentionNeeds),
} as const satisfies Record<string, ResolvedNeeds>;
