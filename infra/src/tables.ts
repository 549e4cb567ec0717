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

/**
 * Membership applications (入会申请). One item per application, keyed by its id. The ID number and
 * mobile are only ever stored encrypted (`pii`, envelope-encrypted) and masked (`idMasked`,
 * `mobileMasked`); `idHash` is a keyed hash for lookups. `statusKey` = `<status>#<last change,
 * Shanghai ISO>#<id>`, so a staff queue is one query: a region index, `begins_with(statusKey,
 * 'submitted#')`, or a `between` on the dates.
 */
export const applicationsTable = {
  name: 'applications',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [
    { name: 'byDistrict', partitionKey: { name: 'districtCode', type: 'S' }, sortKey: { name: 'statusKey', type: 'S' }, projection: 'ALL' },
    { name: 'byCity', partitionKey: { name: 'cityCode', type: 'S' }, sortKey: { name: 'statusKey', type: 'S' }, projection: 'ALL' },
    { name: 'byProvince', partitionKey: { name: 'provinceCode', type: 'S' }, sortKey: { name: 'statusKey', type: 'S' }, projection: 'ALL' },
    // The applicant's own applications, newest first.
    { name: 'byUser', partitionKey: { name: 'userId', type: 'S' }, sortKey: { name: 'submittedAt', type: 'S' }, projection: 'ALL' },
  ],
  personalData: true,
} as const satisfies TableDef;

/**
 * One claim per person: keyed by the keyed hash of the ID number, written in the same transaction as
 * the application with attribute_not_exists, so two submissions of one ID number, however close,
 * yield one application. The claim stays while the application is open and after approval (state
 * `member`); a rejection deletes it in the rejecting transaction, and so does the withdrawal of an open
 * application when its applicant deletes their account.
 */
export const idClaimsTable = {
  name: 'id-claims',
  partitionKey: { name: 'idHash', type: 'S' },
  indexes: [],
  personalData: true,
} as const satisfies TableDef;

/**
 * Members (会员): `member#<userId>` holds the member card (number, name, union, join date) with the
 * encrypted ID number and mobile copied from the application; `seq#<district>#<year>` counts member
 * numbers issued. Exports read the region indexes, sorted by member number.
 */
export const membersTable = {
  name: 'members',
  partitionKey: { name: 'pk', type: 'S' },
  indexes: [
    { name: 'byDistrict', partitionKey: { name: 'districtCode', type: 'S' }, sortKey: { name: 'memberNo', type: 'S' }, projection: 'ALL' },
    { name: 'byCity', partitionKey: { name: 'cityCode', type: 'S' }, sortKey: { name: 'memberNo', type: 'S' }, projection: 'ALL' },
    { name: 'byProvince', partitionKey: { name: 'provinceCode', type: 'S' }, sortKey: { name: 'memberNo', type: 'S' }, projection: 'ALL' },
  ],
  personalData: true,
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

export const tables = {
  stations: stationsTable,
  stationHistory: stationHistoryTable,
  stationKeys: stationKeysTable,
  users: usersTable,
  sessions: sessionsTable,
  bindingCodes: bindingCodesTable,
  audit: auditTable,
  rateLimits: rateLimitsTable,
  applications: applicationsTable,
  idClaims: idClaimsTable,
  members: membersTable,
  outbox: outboxTable,
  geoDensity: geoDensityTable,
  reports: reportsTable,
  visits: visitsTable,
  searchCounts: searchCountsTable,
  hardshipFiles: hardshipFilesTable,
  wishes: wishesTable,
  volunteers: volunteersTable,
} as const satisfies Record<string, TableDef>;

export type TableName = keyof typeof tables;

export function physicalTableName(prefix: string, table: TableName): string {
  return `${prefix}${tables[table].name}`;
}
