import type { Domain } from '@yz/shared';
import type { SecretName } from '../secrets';
import type { TableName } from '../tables';
import type { JobName } from './jobs';

/**
 * What each function may touch, declared in one place and nowhere else: the stack grants exactly
 * these actions on exactly these tables (and their indexes) and secrets, and the tests compare every
 * function's policy with this table. A new domain or job adds its entry here; until it does, the
 * type-check and the tests fail.
 */

/**
 * DynamoDB actions a function may be granted. Scan is deliberately absent: the data model answers
 * every read from a key or an index. Transactions need no action of their own: TransactWriteItems is
 * authorised as the Put/Update/Delete/ConditionCheck it contains.
 */
export type TableAction =
  | 'GetItem'
  | 'BatchGetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchWriteItem'
  | 'ConditionCheckItem';

/** S3 actions a function may be granted on its own prefix of the photo bucket. */
export type PhotoAction = 'PutObject' | 'GetObject' | 'DeleteObject';

/** Prefixes of the photo bucket (infra/src/cdk/photos.ts), each owned by the domain that writes it. */
export type PhotoPrefix = 'stations/' | 'wishes/';

export const READ_ACTIONS: readonly TableAction[] = ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem'];

export interface FunctionAccess {
  /** DynamoDB actions per table. `Query` also reaches the table's indexes. */
  tables: { readonly [table: string]: readonly TableAction[] | undefined };
  /** Secrets the function reads (it gets their ARNs in its environment). */
  secrets: readonly SecretName[];
  /**
   * Encrypts and decrypts personal data itself (envelope encryption of ID numbers and mobiles): it gets
   * the envelope key's ARN and may generate and decrypt data keys with it, nothing else.
   */
  envelopeKey?: boolean;
  /**
   * S3 actions per prefix of the photo bucket (it gets the bucket's name): exactly the object calls
   * the function's code sends, on the key prefix it builds.
   */
  photos?: { readonly [prefix: string]: readonly PhotoAction[] | undefined };
  /** Defaults: 10 s (API Gateway gives up after 30 s), 512 MB. */
  timeoutSeconds?: number;
  memoryMb?: number;
  /** Concurrent executions reserved (and capped) for the function. */
  reservedConcurrency?: number;
}

/** A declaration checked against the real table names. */
type Declared = {
  tables: Partial<Record<TableName, readonly TableAction[]>>;
  secrets: readonly SecretName[];
  envelopeKey?: boolean;
  photos?: Partial<Record<PhotoPrefix, readonly PhotoAction[]>>;
  timeoutSeconds?: number;
  memoryMb?: number;
  reservedConcurrency?: number;
};

/**
 * What every function's router needs before any handler runs: the caller's session and user (one
 * BatchGet; GetItem when keys come back unprocessed), the rate-limit counters, the object resolvers'
 * look-ups (stations and users by key), and the key that verifies session tokens.
 */
const routerTables = {
  users: ['GetItem', 'BatchGetItem'],
  sessions: ['GetItem', 'BatchGetItem'],
  rateLimits: ['UpdateItem'],
  stations: ['GetItem'],
} as const satisfies Partial<Record<TableName, readonly TableAction[]>>;

function withRouter(own: Declared): Declared {
  const tables: Partial<Record<TableName, TableAction[]>> = {};
  for (const source of [routerTables, own.tables] as Partial<Record<TableName, readonly TableAction[]>>[]) {
    for (const [table, actions] of Object.entries(source) as [TableName, readonly TableAction[]][]) {
      tables[table] = [...new Set([...(tables[table] ?? []), ...actions])];
    }
  }
  return { ...own, tables, secrets: [...new Set<SecretName>(['tokenSigningKey', ...own.secrets])] };
}

export const domainAccess: Record<Domain, Declared> = {
  // Nearby search (Query on byGeoCell) and station pages (GetItem).
  // Nearby search (Query on byGeoCell, planned with the per-cell counts), district browse, station
  // pages, region names, and the per-cell search counts behind coverage.
  // Hosts' and staff's versioned writes (each with its history entry and, for a new or renamed
  // station, its identity key), and photos.
  stations: withRouter({
    tables: {
      stations: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'],
      stationKeys: ['GetItem', 'BatchGetItem', 'PutItem', 'DeleteItem'],
      stationHistory: ['PutItem', 'Query'],
      geoDensity: ['BatchGetItem', 'UpdateItem'],
      searchCounts: ['UpdateItem'],
    },
    secrets: [],
    // A station photo is put under stations/<id>/…, and deleted again when the station write fails
    // (functions/src/stations/keeping.ts).
    photos: { 'stations/': ['PutObject', 'DeleteObject'] },
  }),
  // Bulk import and export of station lists: big requests, so more time and memory.
  stationBulk: withRouter({
    tables: {
      stations: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'],
      stationKeys: ['GetItem', 'BatchGetItem', 'PutItem', 'DeleteItem'],
      stationHistory: ['PutItem'],
      geoDensity: ['BatchGetItem', 'UpdateItem'],
    },
    secrets: [],
    timeoutSeconds: 29,
    memoryMb: 1024,
    // An import writes thousands of items: a few at a time, so that searches keep their capacity.
    reservedConcurrency: 2,
  }),
  // Login (WeChat jscode2session), sessions, roles, binding codes and the audit log.
  accounts: withRouter({
    tables: {
      users: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
      sessions: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'DeleteItem', 'BatchWriteItem'],
      bindingCodes: ['GetItem', 'PutItem', 'UpdateItem'],
      audit: ['PutItem', 'Query'],
      // The person's own applications, member card and problem reports, for 导出我的数据; deleting an
      // account unlinks their reports and withdraws their open applications, freeing the ID number.
      applications: ['Query', 'UpdateItem'],
      idClaims: ['DeleteItem'],
      members: ['GetItem'],
      reports: ['Query', 'UpdateItem'],
      // Hosts are recorded on their station too (hostIds), kept in step with bindings.
      stations: ['UpdateItem'],
      // A hardship binding code names its file: redeeming it records the account on the file; the
      // data export reads the bound file (masked), deleting the account unbinds it.
      hardshipFiles: ['GetItem', 'UpdateItem'],
      // The person's wishes, claims and volunteer registration for 导出我的数据; deleting an account
      // deletes the registration.
      wishes: ['Query'],
      volunteers: ['GetItem', 'DeleteItem'],
    },
    secrets: ['wechat'],
  }),
  // 网上入会: applications, the one-open-application claims, members, the member flag on users,
  // subscribe-message grants (users) and queued notifications, and audited reveals.
  membership: withRouter({
    tables: {
      applications: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      idClaims: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
      members: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      users: ['GetItem', 'UpdateItem'],
      outbox: ['PutItem'],
      audit: ['PutItem'],
    },
    secrets: ['piiHashKey'],
    envelopeKey: true,
  }),
  // 困难职工档案: files and their ID-number claims (one table), the binding flag on users (a
  // self-application binds its applicant), binding codes it issues, audited reads and reveals, and the
  // QR card (signed with a key derived from the session-token secret the router already reads).
  hardship: withRouter({
    tables: {
      hardshipFiles: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
      users: ['GetItem', 'UpdateItem'],
      bindingCodes: ['PutItem'],
      audit: ['PutItem'],
    },
    secrets: ['piiHashKey'],
    envelopeKey: true,
  }),
  // Problem reports, QR visits and their counts, station QR codes (WeChat's wxacode), coverage gaps.
  activity: withRouter({
    tables: {
      stations: ['GetItem', 'BatchGetItem', 'Query'],
      geoDensity: ['BatchGetItem'],
      reports: ['PutItem', 'Query', 'UpdateItem'],
      visits: ['UpdateItem', 'Query'],
      searchCounts: ['Query', 'UpdateItem'],
    },
    secrets: ['wechat'],
  }),
  // 微心愿: wishes, volunteers (encrypted contact), the hardship file reference, subscribe grants and
  // queued notifications, audited reveals of a claimant's contact.
  wishes: withRouter({
    tables: {
      // Wishes are replaced whole under a status-and-version condition; the quota items are counters.
      wishes: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      volunteers: ['GetItem', 'BatchGetItem', 'PutItem'],
      // The bound file id (users), the volunteer flag, subscribe-message grants (users: subscribe#…).
      users: ['GetItem', 'UpdateItem'],
      // Only the plain reference attributes of a file (functions/src/hardship/ref.ts).
      hardshipFiles: ['GetItem'],
      // Handover stations' names and addresses.
      stations: ['GetItem', 'BatchGetItem'],
      outbox: ['PutItem'],
      audit: ['PutItem'],
    },
    secrets: [],
    envelopeKey: true,
    // Delivery photos go under wishes/<id>/… (private: read back through presigned GET URLs) and are
    // deleted again when the wish write fails (functions/src/wishes/service.ts, uploadPhoto).
    photos: { 'wishes/': ['PutObject', 'GetObject', 'DeleteObject'] },
  }),
};

export const jobAccess: Record<JobName, Declared> = {
  // Lets lapsed micro-wish claims go back to open and reminds volunteers before the deadline: reads
  // the sparse byDue index, replaces the wish under its version, queues the notification.
  // One run at a time: a second concurrent run would only race the first over the same claims.
  'claim-expiry': { tables: { wishes: ['Query', 'GetItem', 'PutItem'], outbox: ['PutItem'] }, secrets: [], reservedConcurrency: 1 },
  // Sends queued WeChat subscribe messages: reads the recipient's openid and grants, needs WeChat's
  // credentials for the access token.
  outbox: { tables: { outbox: ['Query', 'GetItem', 'UpdateItem'], users: ['GetItem', 'UpdateItem'] }, secrets: ['wechat'], reservedConcurrency: 1 },
};

export const dynamodbActions = (actions: readonly TableAction[]): string[] => actions.map((a) => `dynamodb:${a}`);

/** KMS actions a function needs on a customer-managed table key, given its table actions. */
export function kmsActionsFor(actions: readonly TableAction[]): string[] {
  const writes = actions.some((a) => !READ_ACTIONS.includes(a));
  return writes ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt', 'kms:DescribeKey'];
}
