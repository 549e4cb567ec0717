import type { AwsNeeds } from '../platform/aws-access';

// What other domains may call, each port with the AWS actions it needs (they add those to their
// own declaration in access.ts, so a caller's grant follows the store behind the port).

/**
 * A person's applications and member card for their data export; deleting the account withdraws
 * their open applications, freeing the ID number (personal-data.ts).
 */
export const membershipRecordNeeds = {
  tables: { applications: ['Query', 'UpdateItem'], idClaims: ['DeleteItem'], members: ['GetItem'] },
} as const satisfies AwsNeeds;

export { membershipRecords, withdrawOpenApplications } from './personal-data';

/** The retention job: rejected and withdrawn applications past their region's period are deleted. */
export const membershipRetentionNeeds = { tables: { applications: ['Query', 'DeleteItem'] } } as const satisfies AwsNeeds;
export { eraseClosedApplications } from './retention';
