import type { WechatTemplates } from '../platform/config';
import type { Db } from '../platform/db';
import { createClaimExpiry, type ClaimExpiry } from './expiry';
import { DynamoWishStore } from './store';
import { combineNeeds, outboxQueueNeeds, type AwsNeeds } from '../platform/aws-access';

// What other domains may call, each port with the AWS actions it needs (they add those to their
// own declaration in access.ts, so a caller's grant follows the store behind the port).

/** A person's wishes, claims and volunteer registration for the data export; deletion removes the registration. */
export const wishRecordNeeds = { tables: { wishes: ['Query'], volunteers: ['GetItem', 'DeleteItem'] } } as const satisfies AwsNeeds;

/**
 * A deleted account letting go of its claims (release.ts, `WishesPorts.releaseClaimsOf`): finds them on
 * the byClaimant index, re-reads each, replaces it open under its version (claimed and open are both on
 * the wall and both active, so no counter moves), and deletes the claim's delivery photo.
 */
export const claimReleaseNeeds = {
  tables: { wishes: ['Query', 'GetItem', 'PutItem'] },
  photos: { 'wishes/': ['DeleteObject'] },
} as const satisfies AwsNeeds;

/**
 * Letting lapsed claims go back to open and reminding volunteers (expiry.ts): reads the sparse byDue
 * index, replaces the wish under its version, queues the notification.
 */
export const claimExpiryNeeds = combineNeeds({ tables: { wishes: ['Query', 'GetItem', 'PutItem'] } }, outboxQueueNeeds);

/** The claim-expiry job's work over the wishes table. */
export function claimExpiryOn(deps: { db: Db; templates: WechatTemplates }): ClaimExpiry {
  return createClaimExpiry({ store: new DynamoWishStore(deps.db), templates: deps.templates });
}

export type { ClaimExpiry, ExpiryReport } from './expiry';
export { forgetVolunteer, wishRecords } from './personal-data';

/** The retention job: closed wishes lose their personal fields; idle volunteer registrations go. */
export const wishRetentionNeeds = {
  tables: { wishes: ['Query', 'UpdateItem'], volunteers: ['Scan', 'DeleteItem'], users: ['UpdateItem'] },
} as const satisfies AwsNeeds;
export { eraseClosedWishes, eraseIdleVolunteers } from './retention';
