import { AccountErrorCode } from './account';
import { ActivityErrorCode } from './activity';
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

/** Codes shared by every route. Domain-specific codes live beside their schemas. */
export const CommonErrorCode = {
  INVALID_PARAMETER: 'INVALID_PARAMETER',
  MISSING_PARAMETER: 'MISSING_PARAMETER',
  INVALID_JSON: 'INVALID_JSON',
  UNKNOWN_FIELD: 'UNKNOWN_FIELD',
  NOT_FOUND: 'NOT_FOUND',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  INTERNAL: 'INTERNAL',
  NETWORK: 'NETWORK',
} as const;

export const commonMessages: Record<keyof typeof CommonErrorCode, string> = {
  INVALID_PARAMETER: '请求参数有误',
  MISSING_PARAMETER: '缺少必填参数',
  INVALID_JSON: '请求内容不是有效的 JSON',
  UNKNOWN_FIELD: '请求中包含无法识别的字段',
  NOT_FOUND: '没有找到要查看的内容',
  ROUTE_NOT_FOUND: '没有这个接口',
  INTERNAL: '服务器开小差了，请稍后再试',
  NETWORK: '网络不太好，请检查网络后重试',
};

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
