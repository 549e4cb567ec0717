import type { AwsNeeds } from '../platform/aws-access';

// What other domains may call, each port with the AWS actions it needs (they add those to their
// own declaration in access.ts, so a caller's grant follows the store behind the port).

/** Counting a search in its map cell (search-counts.ts), called by the nearby search. */
export const searchCountNeeds = { tables: { searchCounts: ['UpdateItem'] } } as const satisfies AwsNeeds;

/** A person's own problem reports, for their data export; deleting the account unlinks them. */
export const reporterRecordNeeds = { tables: { reports: ['Query', 'UpdateItem'] } } as const satisfies AwsNeeds;

/** Open problem reports per station of a region (data health, the stale digest). */
export const openReportNeeds = { tables: { reports: ['Query'] } } as const satisfies AwsNeeds;

/** When a person last scanned a station's QR code (`ScanRecords`): presence for confirmations. */
export const recentScanNeeds = { tables: { visits: ['GetItem'] } } as const satisfies AwsNeeds;

export { SearchCounter } from './search-counts';
export { openReportCounts, ScanRecords } from './store';
export { DynamoReporterRecords } from './store';
export type { ReporterRecords } from './store-port';
