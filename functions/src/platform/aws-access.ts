import type { TableName } from '../tables';
import type { SecretName } from './secret-defs';

/**
 * What code needs from AWS, declared beside the code that makes the calls: each domain's `access.ts`
 * lists what its stores do and brings along the declared needs of the other domains' ports it calls.
 * The CDK app grants each function exactly the union of its domain's declaration and the router's
 * needs, so a store and its grant cannot drift apart.
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
  | 'ConditionCheckItem'
  // Only the retention job's read of the small volunteers table: no request ever scans.
  | 'Scan';

export const READ_ACTIONS: readonly TableAction[] = ['GetItem', 'BatchGetItem', 'Query', 'ConditionCheckItem'];

export interface AwsNeeds {
  /** DynamoDB actions per table. `Query` also reaches the table's indexes. */
  tables?: { readonly [T in TableName]?: readonly TableAction[] };
  /** Secrets read with platform/secrets.ts. */
  secrets?: readonly SecretName[];
  /** Encrypts and decrypts personal data itself (envelope encryption, platform/crypto.ts). */
  envelopeKey?: boolean;
  /** S3 calls per key prefix of the photo bucket (`stations/`, `wishes/`): exactly what the code sends there. */
  photos?: { readonly [P in PhotoPrefix]?: readonly PhotoAction[] };
}

/** S3 object calls the photo stores make (platform/photos.ts). */
export type PhotoAction = 'PutObject' | 'GetObject' | 'DeleteObject';
/** Prefixes of the photo bucket, each owned by the domain that writes it: stations/ and tiles/ are public, wishes/ private. */
export type PhotoPrefix = 'stations/' | 'wishes/' | 'tiles/';

/** Needs with every part present, as the CDK app reads them. */
export interface ResolvedNeeds {
  tables: { readonly [T in TableName]?: readonly TableAction[] };
  secrets: readonly SecretName[];
  envelopeKey: boolean;
  photos: { readonly [P in PhotoPrefix]?: readonly PhotoAction[] };
}

/** The union of several declarations: what code that makes all their calls needs. */
export function combineNeeds(...parts: AwsNeeds[]): ResolvedNeeds {
  const tables: { [T in TableName]?: TableAction[] } = {};
  for (const part of parts) {
    for (const [table, actions] of Object.entries(part.tables ?? {}) as [TableName, readonly TableAction[]][]) {
      tables[table] = [...new Set([...(tables[table] ?? []), ...actions])];
    }
  }
  return {
    tables,
    secrets: [...new Set(parts.flatMap((p) => p.secrets ?? []))],
    envelopeKey: parts.some((p) => p.envelopeKey === true),
    photos: Object.fromEntries(
      (['stations/', 'wishes/', 'tiles/'] as const)
        .map((prefix) => [prefix, [...new Set(parts.flatMap((p) => p.photos?.[prefix] ?? []))]] as const)
        .filter(([, actions]) => actions.length > 0),
    ),
  };
}

/**
 * What every function's router needs before any handler runs: the caller's session and user (one
 * BatchGet; GetItem when keys come back unprocessed; the `user` object resolver reads it too), the
 * rate-limit counters (an UpdateItem on the current slice, a BatchGet of the older ones:
 * platform/rate-limit.ts), and the key that verifies session tokens. The resolvers of the domains'
 * objects are the domains' (<domain>/resolver.ts), and so are their grants.
 */
export const routerNeeds = {
  tables: {
    // The session and its user come in one BatchGet (platform/auth.ts); a domain whose routes name a
    // `user` object, or that reads users itself, declares GetItem on users in its own needs.
    users: ['BatchGetItem'],
    sessions: ['BatchGetItem'],
    rateLimits: ['UpdateItem', 'BatchGetItem'],
  },
  secrets: ['tokenSigningKey'],
} as const satisfies AwsNeeds;

/** Writing an entry to the audit log (platform/audit.ts). */
export const auditWriteNeeds = { tables: { audit: ['PutItem'] } } as const satisfies AwsNeeds;
/** Reading a region's audit log (platform/audit.ts). */
export const auditReadNeeds = { tables: { audit: ['Query'] } } as const satisfies AwsNeeds;
/** Queueing a message in the same transaction as the change it announces (platform/outbox.ts). */
export const outboxQueueNeeds = { tables: { outbox: ['PutItem'] } } as const satisfies AwsNeeds;
/**
 * Sending queued messages (platform/outbox.ts, platform/subscriptions.ts): reads what is due, the
 * recipient's openid and grants, and WeChat's credentials for the access token.
 */
export const outboxSendNeeds = {
  tables: { outbox: ['Query', 'UpdateItem'], users: ['GetItem', 'UpdateItem'] },
  secrets: ['wechat'],
} as const satisfies AwsNeeds;
/**
 * A flag or a subscribe-message grant on the user item (platform/users.ts, platform/subscriptions.ts):
 * the member, volunteer and hardship flags, the bound file, `subscribe#…` grants.
 */
export const userFlagsNeeds = { tables: { users: ['GetItem', 'UpdateItem'] } } as const satisfies AwsNeeds;
/** Envelope encryption of personal data, and the keyed hash that finds an ID number without decrypting. */
export const piiNeeds = { secrets: ['piiHashKey'], envelopeKey: true } as const satisfies AwsNeeds;
