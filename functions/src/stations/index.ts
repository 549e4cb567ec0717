import { SearchCounter } from '../activity/ports';
import type { Platform } from '../platform';
import { createGuard } from '../platform/guard';
import { stationsResolvers } from './resolver';
import { createLogger } from '../platform/logger';
import { createMetrics } from '../platform/metrics';
import type { LambdaHandler } from '../platform/http';
import { DensityIndex } from './density';
import { createStationsHandler } from './handler';
import { StationKeeping } from './station-writes';
import { createPhotoStore } from '../platform/photos';
import { StationService } from './service';
import { DynamoStationStore } from './store';

/**
 * The station services on a platform: used by both station functions, the local stack and the import
 * CLI. The importer (CSV/GBK decoding, ~1 MB of code) is built by `stationImporter` in stationBulk,
 * so the stations function's bundle never carries it.
 */
export function stationServices(platform: Platform) {
  const store = new DynamoStationStore(platform.db);
  const keeping = new StationKeeping({ store, photos: createPhotoStore(platform.config.photos, platform.config.region) });
  return {
    store,
    service: new StationService(store, new DensityIndex(platform.db)),
    keeping,
  };
}

export function stationsFunction(platform: Platform): LambdaHandler {
  const { service, keeping } = stationServices(platform);
  return createStationsHandler({
    service,
    keeping,
    searches: new SearchCounter(platform.db, platform.config.searchCountFlushMs),
    logger: createLogger('stations'),
    metrics: createMetrics('stations', platform.config.stage),
    debugCounters: platform.config.debugCounters,
    validateResponses: platform.config.validateResponses,
    guard: createGuard(platform, stationsResolvers(platform.db)),
  });
}
