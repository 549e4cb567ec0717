import type { Platform } from '../platform';
import { createGuard } from '../platform/guard';
import type { LambdaHandler } from '../platform/http';
import { createLogger } from '../platform/logger';
import { createWishesHandler } from './handler';

export function wishesFunction(platform: Platform): LambdaHandler {
  const { config } = platform;
  return createWishesHandler({ logger: createLogger('wishes'), validateResponses: config.validateResponses, guard: createGuard(platform) });
}
