import type { TableDef } from '../platform/table-def';

// Micro-wishes (微心愿) and the volunteers who claim them.

/**
 * Micro-wishes (微心愿). One item per wish, keyed by its id (`w_…`); `districtCode` and `userId` (the
 * worker who posted it) are plain for access checks. Besides the wishes, `quota#<userId>` items count
 * each worker's active wishes (the limit of 2, kept with a conditional ADD in the posting transaction).
 * Every index is sparse on an attribute the service sets or removes with the wish's state.
 */
export const wishesTable = {
  name: 'wishes',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [
    // The public wall, newest first: `wall` = 'wall' while the wish is on the wall (approved, not
    // withdrawn or closed); `wallSort` = `<approved or fulfilled at, UTC>#<id>`.
    { name: 'byWall', partitionKey: { name: 'wall', type: 'S' }, sortKey: { name: 'wallSort', type: 'S' }, projection: 'ALL' },
    // The wall by bucket: `wallBucket` = open (claimable) | progress (claimed, delivered) | done.
    { name: 'byWallBucket', partitionKey: { name: 'wallBucket', type: 'S' }, sortKey: { name: 'wallSort', type: 'S' }, projection: 'ALL' },
    // Staff lists and numbers by region; `statusKey` = `<1 review | 2 active | 3 done>#<posted at, UTC>#<id>`.
    { name: 'byDistrict', partitionKey: { name: 'districtCode', type: 'S' }, sortKey: { name: 'statusKey', type: 'S' }, projection: 'ALL' },
    { name: 'byCity', partitionKey: { name: 'cityCode', type: 'S' }, sortKey: { name: 'statusKey', type: 'S' }, projection: 'ALL' },
    { name: 'byProvince', partitionKey: { name: 'provinceCode', type: 'S' }, sortKey: { name: 'statusKey', type: 'S' }, projection: 'ALL' },
    // The worker's own wishes, newest first.
    { name: 'byUser', partitionKey: { name: 'userId', type: 'S' }, sortKey: { name: 'postedAt', type: 'S' }, projection: 'ALL' },
    // The volunteer's claims (`claimantId` stays after delivery; removed when a claim lapses or is cancelled).
    { name: 'byClaimant', partitionKey: { name: 'claimantId', type: 'S' }, sortKey: { name: 'claimedAt', type: 'S' }, projection: 'ALL' },
    // Wishes handed over at a station (`stationId` only on station handovers): the host's list and pickup codes.
    { name: 'byStation', partitionKey: { name: 'stationId', type: 'S' }, sortKey: { name: 'postedAt', type: 'S' }, projection: 'ALL' },
    // Claims the claim-expiry job must look at: `dueQueue` = 'claims' while claimed, `dueAt` (UTC) =
    // when the reminder is due, then when the claim lapses.
    { name: 'byDue', partitionKey: { name: 'dueQueue', type: 'S' }, sortKey: { name: 'dueAt', type: 'S' }, projection: 'ALL' },
  ],
  personalData: true,
} as const satisfies TableDef;

/**
 * Volunteers (爱心志愿者): one item per user (`userId`), with the masked name and mobile and the
 * envelope-encrypted { name, mobile }, consent version and time. The `volunteer` flag on the user
 * item is set in the same transaction.
 */
export const volunteersTable = {
  name: 'volunteers',
  partitionKey: { name: 'userId', type: 'S' },
  indexes: [],
  personalData: true,
} as const satisfies TableDef;

export const wishTables = { wishes: wishesTable, volunteers: volunteersTable } as const;
