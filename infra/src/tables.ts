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
  /** ALL: the index carries whole items, so a query needs no follow-up read. */
  projection: 'ALL' | 'KEYS_ONLY';
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
      name: 'byGeoCell',
      partitionKey: { name: 'geoCell', type: 'S' },
      sortKey: { name: 'geohash', type: 'S' },
      projection: 'ALL',
    },
    {
      // Browse by district (区县), sorted by name; every station, whatever its status.
      name: 'byDistrict',
      partitionKey: { name: 'districtCode', type: 'S' },
      sortKey: { name: 'name', type: 'S' },
      projection: 'ALL',
    },
    {
      // Staff lists and exports for a city-level scope (4-digit code).
      name: 'byCity',
      partitionKey: { name: 'cityCode', type: 'S' },
      sortKey: { name: 'name', type: 'S' },
      projection: 'ALL',
    },
    {
      // Staff lists and exports for a province-level scope (2-digit code).
      name: 'byProvince',
      partitionKey: { name: 'provinceCode', type: 'S' },
      sortKey: { name: 'name', type: 'S' },
      projection: 'ALL',
    },
  ],
  personalData: false,
} as const satisfies TableDef;

/**
 * Every change to a station (修改记录): who, when, which action, and each changed field before and
 * after. Written in the same transaction as the change itself, so a change never exists without its
 * entry. Read newest first per station.
 */
export const stationHistoryTable = {
  name: 'station-history',
  partitionKey: { name: 'stationId', type: 'S' },
  sortKey: { name: 'atId', type: 'S' },
  indexes: [],
  personalData: false,
} as const satisfies TableDef;

/**
 * One item per station identity: district + normalised name + normalised address → station id. Written
 * with attribute_not_exists in the same transaction as the station, so the same station can never be
 * created twice (by two imports at once, or by staff typing it in again), and an import finds the
 * station a row describes with one read instead of a scan.
 */
export const stationKeysTable = {
  name: 'station-keys',
  partitionKey: { name: 'key', type: 'S' },
  indexes: [],
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
  stationHistory: stationHistoryTable,
  stationKeys: stationKeysTable,
  users: usersTable,
  sessions: sessionsTable,
  bindingCodes: bindingCodesTable,
  audit: auditTable,
  rateLimits: rateLimitsTable,
} as const satisfies Record<string, TableDef>;

export type TableName = keyof typeof tables;

export function physicalTableName(prefix: string, table: TableName): string {
  return `${prefix}${tables[table].name}`;
}
