import type { Db } from '../platform/db';
import { DensityIndex } from './density';
import { StationService } from './service';
import { DynamoStationStore, type StationHealthFacts } from './store';
import type { AwsNeeds } from '../platform/aws-access';

// What other domains may call, each port with the AWS actions it needs (they add those to their
// own declaration in access.ts, so a caller's grant follows the store behind the port).

/** Nearby search, district browse and station pages (StationService reads, planned with the density hint). */
export const stationReadNeeds = {
  tables: { stations: ['GetItem', 'BatchGetItem', 'Query'], geoDensity: ['BatchGetItem'] },
} as const satisfies AwsNeeds;

/** Whose a station is (`stationResolver`): the object check of routes that name a station. */
export const stationResolverNeeds = { tables: { stations: ['GetItem'] } } as const satisfies AwsNeeds;

/** Stations' names and addresses by id (`summaries`). */
export const stationSummaryNeeds = { tables: { stations: ['GetItem', 'BatchGetItem'] } } as const satisfies AwsNeeds;

/** Recording a host binding on its station (`hostIds`), kept in step with the account's bindings. */
export const stationHostNeeds = { tables: { stations: ['UpdateItem'] } } as const satisfies AwsNeeds;

/**
 * Versioned writes: each station with its history entry and, for a new or renamed station, its
 * identity key; the density counts follow the stations on the map. Bulk import and export use these.
 */
export const stationWriteNeeds = {
  tables: {
    stations: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem'],
    stationKeys: ['GetItem', 'BatchGetItem', 'PutItem', 'DeleteItem'],
    stationHistory: ['PutItem'],
    geoDensity: ['BatchGetItem', 'UpdateItem'],
  },
} as const satisfies AwsNeeds;

/** Data health (stationBulk) and the stale digest (a job): every station of a region, a few attributes each. */
export const stationHealthNeeds = { tables: { stations: ['Query'] } } as const satisfies AwsNeeds;

/** A region's stations as data health weighs them, a page at a time (StationStore.healthFacts). */
export function stationHealthFacts(db: Db, regionCode: string): AsyncGenerator<StationHealthFacts[]> {
  return new DynamoStationStore(db).healthFacts(regionCode);
}

/** The station reads (nearby search, district browse, station pages) for another domain's service. */
export function stationReader(db: Db): StationService {
  return new StationService(new DynamoStationStore(db), new DensityIndex(db));
}

export type { StationService } from './service';
export type { StationHealthFacts, StationStore } from './store';
export { actorFor } from './station-writes';
export { stationResolver } from './resolver';
