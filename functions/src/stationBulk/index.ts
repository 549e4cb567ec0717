import type { Platform } from '../platform';
import { createGuard } from '../platform/guard';
import type { LambdaHandler } from '../platform/http';
import { createLogger } from '../platform/logger';
import { openReportCounts } from '../activity/ports';
import { stationServices } from '../stations';
import { stationHealthFacts } from '../stations/ports';
import { StationImporter } from '../stations/ports/import';
import { createStationBulkHandler } from './handler';

/** The importer over the station services: stationBulk, the local stack and the import CLI. */
export function stationImporter(platform: Platform) {
  const { store, keeping } = stationServices(platform);
  return { store, importer: new StationImporter({ store, keeping }) };
}

export function stationBulkFunction(platform: Platform): LambdaHandler {
  const { importer, store } = stationImporter(platform);
  return createStationBulkHandler({
    importer,
    store,
    health: {
      stationFacts: (regionCode) => stationHealthFacts(platform.db, regionCode),
      openReports: (regionCode) => openReportCounts(platform.db, regionCode),
    },
    logger: createLogger('stationBulk'),
    validateResponses: platform.config.validateResponses,
    guard: createGuard(platform),
  });
}
