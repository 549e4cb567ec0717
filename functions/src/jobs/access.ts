import { combineNeeds, outboxSendNeeds, type ResolvedNeeds } from '../platform/aws-access';
import { claimExpiryNeeds } from '../wishes/ports';

/** What each job's function needs; a job has no router in front of it. */
export const jobAccess = {
  'claim-expiry': combineNeeds(claimExpiryNeeds),
  outbox: combineNeeds(outboxSendNeeds),
} as const satisfies Record<string, ResolvedNeeds>;
