import type { Db } from '../platform/db';
import { DensityIndex } from './density';
import { StationService } from './service';
import { DynamoStationStore, type StationHealthFacts } from './store';
import type { AwsNeeds } from '../platform/aws-access';
import type { Station, StationRow, StationSummary } from '@yz/shared';
import { GEOHASH_PRECISION, GEO_CELL_PRECISION, hashToKey } from '../platform/geo';
import { listRegions } from '../platform/regions';
import { nearbyRowOf } from './store';
import { summaryOf } from './summary';

// What other domains may call, each port with the AWS actions it needs (they add those to their
// own declaration in access.ts, so a caller's grant follows the store behind the port).

/** Nearby search, district browse and station pages (StationService reads, planned with the density hint). */
export const stationReadNeeds = {
  tables: { stations: ['GetItem', 'Query'], geoDensity: ['BatchGetItem'] },
} as const satisfies AwsNeeds;

/** Whose a station is (`stationResolver`): the object check of routes that name a station. */
export const stationResolverNeeds = { tables: { stations: ['GetItem'] } } as const satisfies AwsNeeds;

/** Stations' names and addresses by id (`summaries`). */
export const stationSummaryNeeds = { tables: { stations: ['GetItem', 'BatchGetItem'] } } as const satisfies AwsNeeds;

/** Recording a host binding on its station (`hostIds`), kept in step with the account's bindings. */
export const stationHostNeeds = { tables: { stations: ['UpdateItem'] } } as const satisfies AwsNeeds;

/**
 * Versioned writes (StationWrites over DynamoStationStore.write/createMany): each station in one
 * transaction with its history entry and, for a new or renamed station, its identity key (the old
 * one deleted); a refused key is looked up (keyOwners, a BatchGet); the density counts follow the
 * stations on the map (UpdateItem only). Bulk import and export use these.
 */
export const stationWriteNeeds = {
  tables: {
    stations: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
    stationKeys: ['BatchGetItem', 'PutItem', 'DeleteItem'],
    stationHistory: ['PutItem'],
    geoDensity: ['UpdateItem'],
  },
} as const satisfies AwsNeeds;

/** Data health (stationBulk) and the stale digest (a job): every station of a region, a few attributes each. */
export const stationHealthNeeds = { tables: { stations: ['Query'] } } as const satisfies AwsNeeds;

/** A region's stations as data health weighs them, a page at a time (StationStore.healthFacts). */
export function stationHealthFacts(db: Db, regionCode: string): AsyncGenerator<StationHealthFacts[]> {
  return new DynamoStationStore(db).healthFacts(regionCode);
}

/**
 * Folding workers' confirmations into a station (the confirmations domain): a consistent read, then
 * one conditional update of the summary and the list row (`DynamoStationStore.foldConfirmations`).
 */
export const stationConfirmationNeeds = { tables: { stations: ['GetItem', 'UpdateItem'] } } as const satisfies AwsNeeds;

export type StationConfirmations = Pick<DynamoStationStore, 'foldConfirmations'>;

export function stationConfirmations(db: Db): StationConfirmations {
  return new DynamoStationStore(db);
}

/** The importer's look-up of a chunk's stations by id (DynamoStationStore.getMany). */
export const stationImportNeeds = { tables: { stations: ['BatchGetItem'] } } as const satisfies AwsNeeds;

/** The station reads (nearby search, district browse, station pages) for another domain's service. */
export function stationReader(db: Db): StationService {
  return new StationService(new DynamoStationStore(db), new DensityIndex(db));
}

/** The rows on the map as the nearby index holds them, and a district's list, for the tile builder (`stationTileSource`). */
export const stationTileNeeds = { tables: { stations: ['Query'] } } as const satisfies AwsNeeds;

/**
 * What the tile builder reads: the list rows exactly as the nearby search reads them (the index's
 * serialised row, stations/store.ts `nearbyRowOf`), so a tile row and an API row are one thing.
 */
export interface StationTileSource {
  /** Every row on the map in a geohash-5 cell: one range of the nearby index. */
  rowsInCell(cell: string): Promise<StationRow[]>;
  /** Every row on the map, a province's page at a time (the full rebuild; queries only, never a scan). */
  allRows(): AsyncIterable<StationRow[]>;
  /**
   * A district's list as the district browse shows it (every station not inactive, on the map or
   * not, StationService.districtStations): one range of the byDistrict index.
   */
  districtRows(districtCode: string): Promise<StationSummary[]>;
  /** Every listed station off the map (waiting for a location), a province's page at a time (the full rebuild). */
  unlocatedRows(): AsyncIterable<StationSummary[]>;
}

export function stationTileSource(db: Db): StationTileSource {
  const store = new DynamoStationStore(db);
  const span = 2 ** ((GEOHASH_PRECISION - GEO_CELL_PRECISION) * 5);
  return {
    async rowsInCell(cell) {
      if (cell.length !== GEO_CELL_PRECISION) throw new Error(`tiles are rebuilt per geohash-${GEO_CELL_PRECISION} cell, not ${cell}`);
      const key = hashToKey(cell);
      return (await store.inRange({ partition: cell, lo: key * span, hi: (key + 1) * span })).rows;
    },
    async *allRows() {
      for await (const items of pages(listRegions().items.map((p) => p.code), 'active')) {
        yield items.flatMap((s) => (s.location ? [nearbyRowOf({ ...s, location: s.location })] : []));
      }
    },
    async districtRows(districtCode) {
      const rows: StationSummary[] = [];
      for await (const items of pages([districtCode])) rows.push(...items.filter(listed).map(summaryOf));
      return rows;
    },
    async *unlocatedRows() {
      for await (const items of pages(listRegions().items.map((p) => p.code), 'needs_location')) yield items.filter(listed).map(summaryOf);
    },
  };

  async function* pages(regions: string[], status?: Station['status']): AsyncIterable<Station[]> {
    for (const region of regions) {
      let cursor: string | undefined;
      do {
        const page = await store.listByRegion(region, { ...(status ? { status } : {}), limit: 500, cursor });
        yield page.items;
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
  }
}

/** In a district's list: every station but those taken off the map (StationService.districtStations). */
const listed = (s: Station) => s.status !== 'inactive';

export type { StationService } from './service';
export type { ConfirmationFold, StationHealthFacts, StationStore } from './store';
export { actorFor } from './station-writes';
export { stationResolver } from './resolver';
