import { ScanRecords } from '../activity/ports';
import type { Platform } from '../platform';
import { createGuard } from '../platform/guard';
import type { LambdaHandler } from '../platform/http';
import { createLogger } from '../platform/logger';
import { RateLimiter } from '../platform/rate-limit';
import { stationConfirmations, stationReader } from '../stations/ports';
import { createConfirmationsHandler } from './handler';
import { confirmationsResolvers } from './resolver';
import { ConfirmationService } from './service';
import { DynamoConfirmationStore } from './store';

export function confirmationService(platform: Platform): ConfirmationService {
  const { db } = platform;
  return new ConfirmationService({
    stations: stationReader(db),
    fold: stationConfirmations(db),
    scans: new ScanRecords(db),
    store: new DynamoConfirmationStore(db),
    limiter: new RateLimiter(db),
  });
}

export function confirmationsFunction(platform: Platform): LambdaHandler {
  return createConfirmationsHandler({
    service: confirmationService(platform),
    logger: createLogger('confirmations'),
    validateResponses: platform.config.validateResponses,
    guard: createGuard(platform, confirmationsResolvers(platform.db)),
  });
}
