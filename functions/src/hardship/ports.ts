import type { AwsNeeds } from '../platform/aws-access';

// What other domains may call, each port with the AWS actions it needs (they add those to their
// own declaration in access.ts, so a caller's grant follows the store behind the port).

/** The plain reference attributes of a person's bound file (`fileRefFor`), for the wish wall. */
export const fileRefNeeds = { tables: { hardshipFiles: ['GetItem'] } } as const satisfies AwsNeeds;

/** The bound file (masked) for the data export; deleting the account unbinds it; redeeming a code binds it. */
export const hardshipRecordNeeds = { tables: { hardshipFiles: ['GetItem', 'UpdateItem'] } } as const satisfies AwsNeeds;

export { getFileRef, type FileRef } from './ref';
export { hardshipRecords, unbindHardshipFile } from './personal-data';

/** The retention job: declined self-applications past their region's period are reduced to counts. */
export const hardshipRetentionNeeds = { tables: { hardshipFiles: ['Query', 'UpdateItem', 'DeleteItem'] } } as const satisfies AwsNeeds;
export { eraseDeclinedSelfApplications } from './retention';
