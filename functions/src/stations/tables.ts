import type { TableDef } from '../platform/table-def';

// Station tables: the stations, their identity keys, their change history and the per-cell density hint of the nearby search.

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
  // Every change, whoever makes it (hosts, staff, imports, closures), reaches the tile builder (functions/src/tiles).
  stream: 'NEW_AND_OLD_IMAGES',
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

export const stationTables = {
  stations: stationsTable,
  stationHistory: stationHistoryTable,
  stationKeys: stationKeysTable,
  geoDensity: geoDensityTable,
} as const;
