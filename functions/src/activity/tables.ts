import type { TableDef } from '../platform/table-def';

// Activity around stations: problem reports, visits and search counts.

/**
 * Problem reports (问题反馈) about stations. Read per station (its hosts) and per region (staff), newest
 * first: `atId` is the creation time followed by the id. Region indexes as for the audit log.
 */
export const reportsTable = {
  name: 'station-reports',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [
    { name: 'byStation', partitionKey: { name: 'stationId', type: 'S' }, sortKey: { name: 'atId', type: 'S' }, projection: 'ALL' },
    { name: 'byProvince', partitionKey: { name: 'province', type: 'S' }, sortKey: { name: 'atId', type: 'S' }, projection: 'ALL' },
    { name: 'byCity', partitionKey: { name: 'city', type: 'S' }, sortKey: { name: 'atId', type: 'S' }, projection: 'ALL' },
    { name: 'byDistrict', partitionKey: { name: 'district', type: 'S' }, sortKey: { name: 'atId', type: 'S' }, projection: 'ALL' },
    // A person's own reports, for their data export and for account deletion (PIPL).
    { name: 'byReporter', partitionKey: { name: 'reporterId', type: 'S' }, sortKey: { name: 'atId', type: 'S' }, projection: 'ALL' },
  ],
  personalData: true,
} as const satisfies TableDef;

/**
 * Station visits (到访). Two kinds of item: `station#<id>` / `day#<date>` is the day's counter (ADD);
 * `seen#<station>#<user>` / `last` remembers when a person's visit last counted (expires by TTL after
 * the counting window); `scan#<station>#<user>` / `last` remembers the latest scan, counted or not, for
 * confirmations (expires after CONFIRM_SCAN_HOURS). The counters carry `provinceDay` / `districtStation` for the region index.
 */
export const visitsTable = {
  name: 'station-visits',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  indexes: [
    {
      name: 'byProvinceDay',
      partitionKey: { name: 'provinceDay', type: 'S' },
      sortKey: { name: 'districtStation', type: 'S' },
      projection: 'ALL',
    },
  ],
  ttlAttribute: 'expiresAtEpoch',
  personalData: true,
} as const satisfies TableDef;

/**
 * Searches per small map cell per day (geohash-6, about 1.2 km × 0.6 km), with no user identity: the
 * counter is all there is. The district a cell is counted under is the district of the nearest
 * station the search saw (see docs/data-model.md for the limits of that).
 */
export const searchCountsTable = {
  name: 'search-counts',
  partitionKey: { name: 'cell', type: 'S' },
  sortKey: { name: 'day', type: 'S' },
  indexes: [
    {
      name: 'byProvinceDay',
      partitionKey: { name: 'provinceDay', type: 'S' },
      sortKey: { name: 'districtCell', type: 'S' },
      projection: 'ALL',
    },
  ],
  ttlAttribute: 'expiresAtEpoch',
  personalData: false,
} as const satisfies TableDef;

export const activityTables = { reports: reportsTable, visits: visitsTable, searchCounts: searchCountsTable } as const;
