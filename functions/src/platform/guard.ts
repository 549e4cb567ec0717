import { createResolvers } from './access';
import { Authenticator } from './auth';
import type { Platform } from './index';
import type { Guard } from './http';
import { RateLimiter } from './rate-limit';
import { SessionTokens } from './tokens';

/** The router's guard for a function: made once per cold start from the platform. */
export function createGuard(platform: Platform): Guard {
  return {
    authenticator: new Authenticator(platform.db, new SessionTokens(platform.config.secrets.tokenKey)),
    resolvers: createResolvers(platform.db),
    rateLimiter: new RateLimiter(platform.db),
    limits: platform.config.limits,
    devLogin: platform.config.devLogin,
  };
}
