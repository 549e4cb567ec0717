import type { TableDef } from './table-def';

// Tables of the generic pieces every domain uses: the audit log, rate limits and the outbox.

/**
 * Audit log: who did what, when, to which object, in which region. Queried per region level, newest
 * first: a district's staff read `byDistrict`, a city's `byCity`, a province's `byProvince`.
 */
export const auditTable = {
  name: 'audit',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [
    { name: 'byProvince', partitionKey: { name: 'province', type: 'S' }, sortKey: { name: 'atId', type: 'S' }, projection: 'ALL' },
    { name: 'byCity', partitionKey: { name: 'city', type: 'S' }, sortKey: { name: 'atId', type: 'S' }, projection: 'ALL' },
    { name: 'byDistrict', partitionKey: { name: 'district', type: 'S' }, sortKey: { name: 'atId', type: 'S' }, projection: 'ALL' },
  ],
  // Kept 3 years (platform/retention.ts), then DynamoDB deletes the entry.
  ttlAttribute: 'expiresAtEpoch',
  personalData: false,
} as const satisfies TableDef;

/** Fixed-window counters for rate limits; each window's item expires shortly after the window. */
export const rateLimitsTable = {
  name: 'rate-limits',
  partitionKey: { name: 'key', type: 'S' },
  indexes: [],
  ttlAttribute: 'expiresAtEpoch',
  personalData: false,
} as const satisfies TableDef;

/**
 * The outbox: messages to send to the outside world (WeChat subscribe messages today), written in the
 * same transaction as the change they announce, and sent by the outbox job with retries. Pending
 * messages carry `queue` = 'pending' and `dueAt`, so the job reads only what is due from the sparse
 * `byDue` index; sent and dead messages leave the index and expire after 30 days.
 */
export const outboxTable = {
  name: 'outbox',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [{ name: 'byDue', partitionKey: { name: 'queue', type: 'S' }, sortKey: { name: 'dueAt', type: 'S' }, projection: 'ALL' }],
  ttlAttribute: 'purgeAtEpoch',
  personalData: true,
} as const satisfies TableDef;

export const platformTables = { audit: auditTable, rateLimits: rateLimitsTable, outbox: outboxTable } as const;
