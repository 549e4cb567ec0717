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
