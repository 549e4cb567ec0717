import type { Platform } from '../platform';
import { createGuard } from '../platform/guard';
import type { LambdaHandler } from '../platform/http';
import { createLogger } from '../platform/logger';
import { stationServices } from '../stations';
import { createStationBulkHandler } from './handler';

export function stationBulkFunction(platform: Platform): LambdaHandler {
  const { importer, store } = stationServices(platform);
  return createStationBulkHandler({
    importer,
    store,
    logger: createLogger('stationBulk'),
    validateResponses: platform.config.validateResponses,
    guard: createGuard(platform),
  });
}
