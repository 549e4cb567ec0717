import { index, table } from '../platform/table-def';
import { auditRegionIndexes } from '../platform/tables';

// Activity around stations: problem reports, visits and search counts.

/**
 * Problem reports (问题反馈) about stations. Read per station (its hosts) and per region (staff), newest
 * first: `atId` is the creation time followed by the id. Region indexes as for the audit log (same
 * attributes and order).
 */
export const reportsTable = table({
  name: 'station-reports',
  key: 'id',
  indexes: [
    index('byStation', 'stationId', 'atId'),
    ...auditRegionIndexes,
    // A person's own reports, for their data export and for account deletion (PIPL).
    index('byReporter', 'reporterId', 'atId'),
  ],
  personalData: true,
});

/**
 * Station visits (到访). Two kinds of item: `station#<id>` / `day#<date>` is the day's counter (ADD);
 * `seen#<station>#<user>` / `last` remembers when a person's visit last counted (expires by TTL after
 * the counting window); `scan#<station>#<user>` / `last` remembers the latest scan, counted or not, for
 * confirmations (expires after CONFIRM_SCAN_HOURS). The counters carry `provinceDay` / `districtStation` for the region index.
 */
export const visitsTable = table({
  name: 'station-visits',
  key: ['pk', 'sk'],
  indexes: [index('byProvinceDay', 'provinceDay', 'districtStation')],
  ttlAttribute: 'expiresAtEpoch',
  personalData: true,
});

/**
 * Searches per small map cell per day (geohash-6, about 1.2 km × 0.6 km), with no user identity: the
 * counter is all there is. The district a cell is counted under is the district of the nearest
 * station the search saw (see docs/data-model.md for the limits of that).
 */
export const searchCountsTable = table({
  name: 'search-counts',
  key: ['cell', 'day'],
  indexes: [index('byProvinceDay', 'provinceDay', 'districtCell')],
  ttlAttribute: 'expiresAtEpoch',
  personalData: false,
});

export const activityTables = { reports: reportsTable, visits: visitsTable, searchCounts: searchCountsTable } as const;
