/**
 * Every DynamoDB table, defined once. The local stack creates these, the tests create these, and the
 * CDK app deploys these: a key or index changed here changes everywhere. No aws-cdk-lib import here,
 * so Lambda bundles can read index names without pulling in the CDK.
 */

export type AttributeType = 'S' | 'N';

export interface KeyDef {
  name: string;
  type: AttributeType;
}

export interface IndexDef {
  name: string;
  partitionKey: KeyDef;
  sortKey?: KeyDef;
  /**
   * ALL: the index carries whole items, so a query needs no follow-up read. INCLUDE: keys plus
   * `nonKeyAttributes` only, for an index read so often that the size of what it returns matters.
   */
  projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
  nonKeyAttributes?: readonly string[];
}

export interface TableDef {
  /** Logical name; the physical name is `${prefix}${name}`. */
  name: string;
  partitionKey: KeyDef;
  sortKey?: KeyDef;
  indexes: IndexDef[];
  /** Attribute holding an epoch-seconds expiry, when items expire. */
  ttlAttribute?: string;
  /** Holds personal information: encrypted with a customer-managed key in AWS. */
  personalData: boolean;
}

/** Geohash precision of the nearby index's partition key: cells of about 4.9 km × 4.9 km. */
export const GEO_CELL_PRECISION = 5;
/** Geohash precision of the sort key: about 4.8 m × 4.8 m, fine enough to range-query sub-cells. */
export const GEOHASH_PRECISION = 9;

export const stationsTable = {
  name: 'stations',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [
    {
      // Nearby search: one partition per 5-character geohash cell, sorted by the 9-character geohash,
      // so a finer cell is a `begins_with` range inside its partition. Sparse: only stations on the map
      // (active, with a location) carry geoCell, so the rest never appear in a nearby search.
      //
      // It carries only `nearbyRow`: the list row, already serialised (toItem writes it beside the
      // station). DynamoDB Local returned a one-string item 3-4x faster than the same station as
      // nested maps, and the function parses one JSON string instead of unmarshalling ~40 attributes.
      name: 'byGeoCell',
      partitionKey: { name: 'geoCell', type: 'S' },
      sortKey: { name: 'geohash', type: 'S' },
      projection: 'INCLUDE',
      nonKeyAttributes: ['nearbyRow'],
    },
    {
      // Browse by district (区县), sorted by name.
      name: 'byDistrict',
      partitionKey: { name: 'districtCode', type: 'S' },
      sortKey: { name: 'name', type: 'S' },
      projection: 'ALL',
    },
  ],
  personalData: false,
} as const satisfies TableDef;

/**
 * How many stations are on the map in each geohash-7 cell (about 150 m), one item per geohash-5
 * partition of the nearby index: `counts` maps the two characters after the partition to a count.
 * The nearby search reads it (cached per process) to plan which ranges to read; it is a hint only,
 * never a source of results, so a stale count costs reads, never a wrong answer.
 */
export const geoDensityTable = {
  name: 'geo-density',
  partitionKey: { name: 'cell', type: 'S' },
  indexes: [],
  personalData: false,
} as const satisfies TableDef;

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
 * the counting window). The counters carry `provinceDay` / `districtStation` for the region index.
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

/**
 * Accounts. Two kinds of item share the table: `user#<id>` holds a user (roles, staff scopes, host
 * bindings), and `openid#<openid>` points a WeChat identity at its user. Both are written in one
 * transaction with attribute_not_exists, so one WeChat account can never become two users.
 */
export const usersTable = {
  name: 'users',
  partitionKey: { name: 'pk', type: 'S' },
  indexes: [
    {
      // Staff listing for admins: only users with a staff scope carry `staffFlag`.
      name: 'byStaff',
      partitionKey: { name: 'staffFlag', type: 'S' },
      sortKey: { name: 'pk', type: 'S' },
      projection: 'ALL',
    },
  ],
  personalData: true,
} as const satisfies TableDef;

/** Sessions: a token names its session; deleting the session ends the token at once. */
export const sessionsTable = {
  name: 'sessions',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [
    {
      name: 'byUser',
      partitionKey: { name: 'userId', type: 'S' },
      projection: 'ALL',
    },
  ],
  ttlAttribute: 'expiresAtEpoch',
  personalData: true,
} as const satisfies TableDef;

/** One-time binding codes, keyed by a hash of the code so the table never holds a usable code. */
export const bindingCodesTable = {
  name: 'binding-codes',
  partitionKey: { name: 'codeHash', type: 'S' },
  indexes: [],
  ttlAttribute: 'purgeAtEpoch',
  personalData: false,
} as const satisfies TableDef;

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

export const tables = {
  stations: stationsTable,
  users: usersTable,
  sessions: sessionsTable,
  bindingCodes: bindingCodesTable,
  audit: auditTable,
  rateLimits: rateLimitsTable,
  geoDensity: geoDensityTable,
  reports: reportsTable,
  visits: visitsTable,
  searchCounts: searchCountsTable,
} as const satisfies Record<string, TableDef>;

export type TableName = keyof typeof tables;

export function physicalTableName(prefix: string, table: TableName): string {
  return `${prefix}${tables[table].name}`;
}
