import { commonMessages, type ApiErrorBody } from '@yz/shared';

/**
 * An error the client can act on: an HTTP status, a stable code and a Chinese message for the user.
 * Anything thrown that is not an AppError becomes a 500 whose details stay in the logs.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Omit<ApiErrorBody, 'code' | 'message'> & Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): ApiErrorBody & Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.extra };
  }
}

export const badRequest = (code: string, message: string, extra: AppError['extra'] = {}) => new AppError(400, code, message, extra);

export const notFound = (code = 'NOT_FOUND', message: string = commonMessages.NOT_FOUND) => new AppError(404, code, message);

export const conflict = (code: string, message: string, extra: AppError['extra'] = {}) => new AppError(409, code, message, extra);

export const unauthenticated = (code = 'UNAUTHENTICATED', message = '请先登录') => new AppError(401, code, message);

export const forbidden = (message = '没有权限进行这个操作') => new AppError(403, 'FORBIDDEN', message);

export const tooManyRequests = (retryAfterSeconds: number, message = '操作太频繁，请稍后再试') =>
  new AppError(429, 'RATE_LIMITED', message, { retryAfterSeconds }, { 'retry-after': String(retryAfterSeconds) });

export const internal = () => new AppError(500, 'INTERNAL', commonMessages.INTERNAL);

/** Seconds a client is asked to wait before trying again when the database is unavailable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

export const serviceUnavailable = () =>
  new AppError(503, 'SERVICE_UNAVAILABLE', commonMessages.SERVICE_UNAVAILABLE, { retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS }, {
    'retry-after': String(UNAVAILABLE_RETRY_AFTER_SECONDS),
  });

/** Node socket errors of a database that is down, unreachable or resetting connections. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
/** DynamoDB's own "not now" answers, still failing after the client's retries. */
const THROTTLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'BatchIncompleteError',
]);

/**
 * Whether an error means the database (or the network to it) is unavailable rather than a bug: the
 * request may succeed if tried again shortly, so the client gets 503 with Retry-After, not 500.
 */
export function isUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth += 1) {
    const { name, code, $metadata } = e as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number } };
    if (typeof name === 'string' && THROTTLE_NAMES.has(name)) return true;
    if (stillConflicted(e)) return true;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (($metadata?.httpStatusCode ?? 0) >= 500) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A transaction other writers kept cancelling (TransactionConflict) after the store's retries, with no
 * condition failed (platform/transaction.ts retryOnConflict), or a port's refusal saying so: nothing
 * was written and the same request may go through in a moment, so 503 with Retry-After, not 500.
 */
function stillConflicted(e: object): boolean {
  const { name, reason, CancellationReasons } = e as { name?: unknown; reason?: unknown; CancellationReasons?: { Code?: string }[] };
  if (name === 'WriteRefused') return reason === 'conflict';
  if (name !== 'TransactionCanceledException') return false;
  const codes = (CancellationReasons ?? []).map((r) => r.Code);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}
