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
  indexes: readonly IndexDef[];
  /** Attribute holding an epoch-seconds expiry, when items expire. */
  ttlAttribute?: string;
  /** Holds personal information: encrypted with a customer-managed key in AWS. */
  personalData: boolean;
  /** Changes are streamed (old and new item) to a function that follows them, e.g. the tile builder. */
  stream?: 'NEW_AND_OLD_IMAGES';
}

/** Every key attribute in this data model is a string. */
const key = (name: string) => ({ name, type: 'S' }) as const;

export type NamedIndex<N extends string> = IndexDef & { readonly name: N };

/** A global secondary index on string keys, carrying whole items unless a projection is named. */
export function index<const N extends string>(name: N, partitionKey: string, sortKey?: string, projection: 'ALL' | 'KEYS_ONLY' = 'ALL'): NamedIndex<N> {
  return { name, partitionKey: key(partitionKey), ...(sortKey ? { sortKey: key(sortKey) } : {}), projection };
}

/**
 * The region indexes of a regional listing (districtCode, cityCode and provinceCode on each item), each
 * sorted by `sortKey`: any staff scope, from province to district, is one query.
 */
export function regionIndexes(sortKey: string): readonly [NamedIndex<'byDistrict'>, NamedIndex<'byCity'>, NamedIndex<'byProvince'>] {
  return [index('byDistrict', 'districtCode', sortKey), index('byCity', 'cityCode', sortKey), index('byProvince', 'provinceCode', sortKey)];
}

/**
 * A table keyed by strings: `key` is its partition key, or its partition and sort keys. The index
 * tuple keeps its names' types, so a store names an index the table really has.
 */
export function table<const N extends string, const I extends readonly IndexDef[] = readonly []>(def: {
  name: N;
  key: string | readonly [string, string];
  indexes?: I;
  ttlAttribute?: string;
  personalData: boolean;
  stream?: TableDef['stream'];
}): {
  readonly name: N;
  readonly partitionKey: KeyDef;
  readonly sortKey?: KeyDef;
  readonly indexes: I;
  readonly ttlAttribute?: string;
  readonly personalData: boolean;
  readonly stream?: TableDef['stream'];
} {
  const [partition, sort] = typeof def.key === 'string' ? [def.key] : def.key;
  return {
    name: def.name,
    partitionKey: key(partition),
    ...(sort ? { sortKey: key(sort) } : {}),
    indexes: def.indexes ?? ([] as unknown as I),
    ...(def.ttlAttribute ? { ttlAttribute: def.ttlAttribute } : {}),
    personalData: def.personalData,
    ...(def.stream ? { stream: def.stream } : {}),
  };
}
