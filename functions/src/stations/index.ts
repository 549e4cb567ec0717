import type { Platform } from '../platform';
import { createGuard } from '../platform/guard';
import { createLogger } from '../platform/logger';
import type { LambdaHandler } from '../platform/http';
import { createStationsHandler } from './handler';
import { StationService } from './service';
import { DynamoStationStore } from './store';

export function stationsFunction(platform: Platform): LambdaHandler {
  return createStationsHandler({
    service: new StationService(new DynamoStationStore(platform.db)),
    logger: createLogger('stations'),
    validateResponses: platform.config.validateResponses,
    guard: createGuard(platform),
  });
}
