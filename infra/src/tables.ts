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
      // Browse by district (区县), sorted by name.
      name: 'byDistrict',
      partitionKey: { name: 'districtCode', type: 'S' },
      sortKey: { name: 'name', type: 'S' },
      projection: 'ALL',
    },
  ],
  personalData: false,
} as const satisfies TableDef;

export const tables = {
  stations: stationsTable,
} as const satisfies Record<string, TableDef>;

export type TableName = keyof typeof tables;

export function physicalTableName(prefix: string, table: TableName): string {
  return `${prefix}${tables[table].name}`;
}
