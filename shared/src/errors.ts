import './zod-config';
import * as z from 'zod';

/** The body of every 4xx/5xx response: a code the client can act on and a message a user can read. */
export const ApiErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

// Kept in a module without zod: the mini-program's API client needs these messages and nothing else.
// The catalogue of every code (with every domain's schemas behind it) is error-catalogue.ts.
export * from './common-errors';

/** Codes the platform answers with on the routes that need them: sign-in, rate limits, bodies, paging, WeChat. */
export const PlatformErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  SESSION_INVALID: 'SESSION_INVALID',
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  FORBIDDEN: 'FORBIDDEN',
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  INVALID_CURSOR: 'INVALID_CURSOR',
  WECHAT_UNAVAILABLE: 'WECHAT_UNAVAILABLE',
  WECHAT_RATE_LIMITED: 'WECHAT_RATE_LIMITED',
} as const;

