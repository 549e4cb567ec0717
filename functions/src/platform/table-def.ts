/**
 * The shape of a DynamoDB table definition. Each domain defines its own tables (`<domain>/tables.ts`);
 * the local stack, the tests and the CDK app all create them from those definitions, so a key or index
 * changed there changes everywhere. No aws-cdk-lib import: Lambda bundles read index names from them.
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
  /** Changes are streamed (old and new item) to a function that follows them, e.g. the tile builder. */
  stream?: 'NEW_AND_OLD_IMAGES';
}
