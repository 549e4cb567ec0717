import { AccountErrorCode } from './account';
import { ActivityErrorCode } from './activity';
import { CommonErrorCode } from './common-errors';
import { HardshipErrorCode } from './hardship';
import { MembershipErrorCode } from './membership';
import { StationErrorCode } from './station';
import { StationImportErrorCode } from './station-import';
import { WishErrorCode } from './wishes';
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

// Kept in their own module: the mini-program's API client needs these messages, and this module
// imports every domain's codes for the catalogue below (and with them every domain's schemas).
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

/**
 * The catalogue: every code the API answers with. A route's `errors` list is typed against it, so a
 * misspelt code fails the type-check instead of reaching the API docs.
 */
export const ErrorCode = {
  ...CommonErrorCode,
  ...PlatformErrorCode,
  ...StationErrorCode,
  ...StationImportErrorCode,
  ...AccountErrorCode,
  ...ActivityErrorCode,
  ...MembershipErrorCode,
  ...HardshipErrorCode,
  ...WishErrorCode,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
