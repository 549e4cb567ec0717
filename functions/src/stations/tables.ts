import { regionIndexes, table } from '../platform/table-def';

// Station tables: the stations, their identity keys, their change history and the per-cell density hint of the nearby search.

export const stationsTable = table({
  name: 'stations',
  key: 'id',
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
    } as const,
    // Browse by district (区县), and staff lists and exports for a city- or province-level scope,
    // sorted by name; every station, whatever its status.
    ...regionIndexes('name'),
  ],
  personalData: false,
  // Every change, whoever makes it (hosts, staff, imports, closures), reaches the tile builder (functions/src/tiles).
  stream: 'NEW_AND_OLD_IMAGES',
});

/**
 * How many stations are on the map in each geohash-7 cell (about 150 m), one item per geohash-5
 * partition of the nearby index: `counts` maps the two characters after the partition to a count.
 * The nearby search reads it (cached per process) to plan which ranges to read; it is a hint only,
 * never a source of results, so a stale count costs reads, never a wrong answer.
 */
export const geoDensityTable = table({ name: 'geo-density', key: 'cell', personalData: false });

/**
 * Every change to a station (修改记录): who, when, which action, and each changed field before and
 * after. Written in the same transaction as the change itself, so a change never exists without its
 * entry. Read newest first per station.
 */
export const stationHistoryTable = table({ name: 'station-history', key: ['stationId', 'atId'], personalData: false });

/**
 * One item per station identity: district + normalised name + normalised address → station id. Written
 * with attribute_not_exists in the same transaction as the station, so the same station can never be
 * created twice (by two imports at once, or by staff typing it in again), and an import finds the
 * station a row describes with one read instead of a scan.
 */
export const stationKeysTable = table({ name: 'station-keys', key: 'key', personalData: false });

export const stationTables = {
  stations: stationsTable,
  stationHistory: stationHistoryTable,
  stationKeys: stationKeysTable,
  geoDensity: geoDensityTable,
} as const;
