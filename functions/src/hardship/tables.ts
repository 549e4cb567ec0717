import { index, regionIndexes, table } from '../platform/table-def';

// Hardship files (困难职工档案).

/**
 * Hardship files (困难职工档案). One item per file, keyed by its id (`hf_…`). The six parts are kept in
 * `parts`, envelope-encrypted (`pii`); only what routing, access and the wish wall need is plain:
 * `status`, `districtCode`/`cityCode`/`provinceCode`, `occupation`, `userId` (the bound account, once
 * bound), `helperUserId` (the paired helper), `cardTokenId` (the live QR card's random id, if any) and
 * `statusKey` = `<status>#<last change, Shanghai ISO>#<id>` for the staff lists by region.
 */
export const hardshipFilesTable = table({
  name: 'hardship-files',
  key: 'id',
  indexes: [
    ...regionIndexes('statusKey'),
    // The worker's own file (a self-application before it is bound, and the bound file after).
    index('byUser', 'userId'),
    // The live QR card: a scan finds its file with one query.
    index('byCard', 'cardTokenId', undefined, 'KEYS_ONLY'),
  ],
  personalData: true,
});

export const hardshipTables = { hardshipFiles: hardshipFilesTable } as const;
