import type { AwsNeeds } from '../platform/aws-access';

// What other domains may call, each port with the AWS actions it needs (they add those to their
// own declaration in access.ts, so a caller's grant follows the store behind the port).

/** Counting a search in its map cell (search-counts.ts), called by the nearby search. */
export const searchCountNeeds = { tables: { searchCounts: ['UpdateItem'] } } as const satisfies AwsNeeds;

/** A person's own problem reports, for their data export; deleting the account unlinks them. */
export const reporterRecordNeeds = { tables: { reports: ['Query', 'UpdateItem'] } } as const satisfies AwsNeeds;

/** Open problem reports per station of a region (data health, the stale digest). */
export const openReportNeeds = { tables: { reports: ['Query'] } } as const satisfies AwsNeeds;

export { SearchCounter } from './search-counts';
export { openReportCounts } from './store';
export { ReporterRecords } from './store';
