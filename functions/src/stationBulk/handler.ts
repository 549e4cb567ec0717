import type { Logger } from '@aws-lambda-powertools/logger';
import { IMPORT_MAX_ROWS, regionName } from '@yz/shared';
import { csvText } from '../platform/csv';
import { createLambdaHandler, type Guard, type LambdaHandler } from '../platform/http';
import { tallyRegion, type HealthSources } from './health';
import { stationsCsv, stationsGeoJson, type StationImporter } from '../stations/ports/import';
import { actorFor, type StationStore } from '../stations/ports';

/**
 * The bulk function: importing station lists, exporting a region's stations and its data health. Its own Lambda, with
 * more time and memory than the request-sized station routes, and the CSV libraries only it needs.
 */
export function createStationBulkHandler(deps: {
  importer: StationImporter;
  store: StationStore;
  health: HealthSources;
  logger: Logger;
  validateResponses: boolean;
  guard: Guard;
}): LambdaHandler {
  const { importer, store, health } = deps;
  return createLambdaHandler(
    'stationBulk',
    {
      importStations: async ({ query, file, ctx }) =>
        importer.importFile(file.bytes, {
          regionCode: query.regionCode,
          dryRun: query.dryRun,
          actor: actorFor(ctx.user(), query.regionCode),
          now: ctx.now,
          maxRows: IMPORT_MAX_ROWS,
          concurrency: 16,
        }),
      exportStations: async ({ query }) => {
        const stations = [];
        let cursor: string | undefined;
        do {
          const page = await store.listByRegion(query.regionCode, { limit: 100, cursor });
          stations.push(...page.items.filter((s) => s.status !== 'inactive'));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        const base = `驿站-${regionName(query.regionCode) ?? query.regionCode}`;
        return query.format === 'geojson'
          ? { contentType: 'application/geo+json; charset=utf-8', filename: `${base}.geojson`, body: stationsGeoJson(stations, query.regionCode) }
          : { contentType: 'text/csv; charset=utf-8', filename: `${base}.csv`, body: stationsCsv(stations) };
      },
      dataHealth: async ({ query, ctx }) => (await tallyRegion(health, query.regionCode, ctx.now)).report(query.regionCode),
      exportDataHealth: async ({ query, ctx }) => {
        const tally = await tallyRegion(health, query.regionCode, ctx.now);
        const date = ctx.now.toISOString().slice(0, 10);
        return {
          contentType: 'text/csv; charset=utf-8',
          filename: `数据质量-${regionName(query.regionCode) ?? query.regionCode}-${date}.csv`,
          body: csvText(tally.rows()),
        };
      },
    },
    deps,
  );
}
