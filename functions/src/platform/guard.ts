import { platformResolvers, type Resolvers } from './access';
import { Authenticator } from './auth';
import type { Platform } from './index';
import type { Guard } from './http';
import { createLogger } from './logger';
import type { Logger } from '@aws-lambda-powertools/logger';
import { RateLimiter } from './rate-limit';
import { SessionTokens } from './tokens';

/**
 * The router's guard for a function: made once per cold start from the platform, with the resolvers of
 * the objects the function's routes name (its domain's resolver.ts).
 */
export function createGuard(platform: Platform, resolvers: Resolvers = {}): Guard {
  return {
    authenticator: new Authenticator(platform.db, new SessionTokens(platform.config.secrets.tokenKey)),
    resolvers: { ...platformResolvers(platform.db), ...resolvers },
    rateLimiter: new RateLimiter(platform.db),
    limits: platform.config.limits,
    devLogin: platform.config.devLogin,
  };
}

/** What every domain's router takes from the platform besides its services: its logger, response checking and guard. */
export function routerBasics(platform: Platform, service: string, resolvers: Resolvers = {}): { logger: Logger; validateResponses: boolean; guard: Guard } {
  return { logger: createLogger(service), validateResponses: platform.config.validateResponses, guard: createGuard(platform, resolvers) };
}
