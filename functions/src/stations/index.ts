import { SearchCounter } from '../activity/search-counts';
import type { Platform } from '../platform';
import { createGuard } from '../platform/guard';
import { createLogger } from '../platform/logger';
import type { LambdaHandler } from '../platform/http';
import { DensityIndex } from './density';
import { createStationsHandler } from './handler';
import { StationService } from './service';
import { DynamoStationStore } from './store';

export function stationsFunction(platform: Platform): LambdaHandler {
  const { db, config } = platform;
  return createStationsHandler({
    service: new StationService(new DynamoStationStore(db), new DensityIndex(db)),
    searches: new SearchCounter(db, config.searchCountFlushMs),
    logger: createLogger('stations'),
    validateResponses: config.validateResponses,
    guard: createGuard(platform),
  });
}
