import { index, table } from './table-def';

// Tables of the generic pieces every domain uses: the audit log, rate limits and the outbox.

/**
 * Audit log: who did what, when, to which object, in which region. Queried per region level, newest
 * first: a district's staff read `byDistrict`, a city's `byCity`, a province's `byProvince`.
 */
/** Region indexes on `province` / `city` / `district`, newest first by `atId` (the audit log, station reports). */
export const auditRegionIndexes = [index('byProvince', 'province', 'atId'), index('byCity', 'city', 'atId'), index('byDistrict', 'district', 'atId')] as const;

export const auditTable = table({
  name: 'audit',
  key: 'id',
  indexes: auditRegionIndexes,
  // Kept 3 years (platform/retention.ts), then DynamoDB deletes the entry.
  ttlAttribute: 'expiresAtEpoch',
  personalData: false,
});

/** Fixed-window counters for rate limits; each window's item expires shortly after the window. */
export const rateLimitsTable = table({ name: 'rate-limits', key: 'key', ttlAttribute: 'expiresAtEpoch', personalData: false });

/**
 * The outbox: messages to send to the outside world (WeChat subscribe messages today), written in the
 * same transaction as the change they announce, and sent by the outbox job with retries. Pending
 * messages carry `queue` = 'pending' and `dueAt`, so the job reads only what is due from the sparse
 * `byDue` index; sent and dead messages leave the index and expire after 30 days.
 */
export const outboxTable = table({ name: 'outbox', key: 'id', indexes: [index('byDue', 'queue', 'dueAt')], ttlAttribute: 'purgeAtEpoch', personalData: true });

export const platformTables = { audit: auditTable, rateLimits: rateLimitsTable, outbox: outboxTable } as const;
