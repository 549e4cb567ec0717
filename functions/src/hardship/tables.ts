import type { TableDef } from '../platform/table-def';

// Hardship files (困难职工档案).

/**
 * Hardship files (困难职工档案). One item per file, keyed by its id (`hf_…`). The six parts are kept in
 * `parts`, envelope-encrypted (`pii`); only what routing, access and the wish wall need is plain:
 * `status`, `districtCode`/`cityCode`/`provinceCode`, `occupation`, `userId` (the bound account, once
 * bound), `helperUserId` (the paired helper), `cardTokenId` (the live QR card's random id, if any) and
 * `statusKey` = `<status>#<last change, Shanghai ISO>#<id>` for the staff lists by region.
 */
export const hardshipFilesTable = {
  name: 'hardship-files',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [
    { name: 'byDistrict', partitionKey: { name: 'districtCode', type: 'S' }, sortKey: { name: 'statusKey', type: 'S' }, projection: 'ALL' },
    { name: 'byCity', partitionKey: { name: 'cityCode', type: 'S' }, sortKey: { name: 'statusKey', type: 'S' }, projection: 'ALL' },
    { name: 'byProvince', partitionKey: { name: 'provinceCode', type: 'S' }, sortKey: { name: 'statusKey', type: 'S' }, projection: 'ALL' },
    // The worker's own file (a self-application before it is bound, and the bound file after).
    { name: 'byUser', partitionKey: { name: 'userId', type: 'S' }, projection: 'ALL' },
    // The live QR card: a scan finds its file with one query.
    { name: 'byCard', partitionKey: { name: 'cardTokenId', type: 'S' }, projection: 'KEYS_ONLY' },
  ],
  personalData: true,
} as const satisfies TableDef;

export const hardshipTables = { hardshipFiles: hardshipFilesTable } as const;
