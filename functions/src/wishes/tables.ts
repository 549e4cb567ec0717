import { index, regionIndexes, table } from '../platform/table-def';

// Micro-wishes (微心愿) and the volunteers who claim them.

/**
 * Micro-wishes (微心愿). One item per wish, keyed by its id (`w_…`); `districtCode` and `userId` (the
 * worker who posted it) are plain for access checks. Besides the wishes, `quota#<userId>` items count
 * each worker's active wishes (the limit of 2, kept with a conditional ADD in the posting transaction).
 * Every index is sparse on an attribute the service sets or removes with the wish's state.
 */
export const wishesTable = table({
  name: 'wishes',
  key: 'id',
  indexes: [
    // The public wall, newest first: `wall` = 'wall' while the wish is on the wall (approved, not
    // withdrawn or closed); `wallSort` = `<approved or fulfilled at, UTC>#<id>`.
    index('byWall', 'wall', 'wallSort'),
    // The wall by bucket: `wallBucket` = open (claimable) | progress (claimed, delivered) | done.
    index('byWallBucket', 'wallBucket', 'wallSort'),
    // Staff lists and numbers by region; `statusKey` = `<1 review | 2 active | 3 done>#<posted at, UTC>#<id>`.
    ...regionIndexes('statusKey'),
    // The worker's own wishes, newest first.
    index('byUser', 'userId', 'postedAt'),
    // The volunteer's claims (`claimantId` stays after delivery; removed when a claim lapses or is cancelled).
    index('byClaimant', 'claimantId', 'claimedAt'),
    // Wishes handed over at a station (`stationId` only on station handovers): the host's list and pickup codes.
    index('byStation', 'stationId', 'postedAt'),
    // Claims the claim-expiry job must look at: `dueQueue` = 'claims' while claimed, `dueAt` (UTC) =
    // when the reminder is due, then when the claim lapses.
    index('byDue', 'dueQueue', 'dueAt'),
  ],
  personalData: true,
});

/**
 * Volunteers (爱心志愿者): one item per user (`userId`), with the masked name and mobile and the
 * envelope-encrypted { name, mobile }, consent version and time. The `volunteer` flag on the user
 * item is set in the same transaction.
 */
export const volunteersTable = table({ name: 'volunteers', key: 'userId', personalData: true });

export const wishTables = { wishes: wishesTable, volunteers: volunteersTable } as const;
