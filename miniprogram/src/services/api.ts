import Taro from '@tarojs/taro';
import { buildPath, commonMessages, contract, routeNames, type RouteInput, type RouteName, type RouteOutput } from '@yz/shared';

/**
 * The typed API client, derived from the shared contract: `api.nearbyStations({ query })` knows its
 * path, method, input and output. Every failure becomes an ApiError with a Chinese message to show.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** True when the request never reached the server (offline, timeout, DNS). */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

const TIMEOUT_MS = 12_000;

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    const text = Array.isArray(value) ? value.join(',') : String(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export async function call<N extends RouteName>(name: N, input: RouteInput<N>): Promise<RouteOutput<N>> {
  const route = contract[name];
  const parts = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const url = `${API_BASE_URL}${buildPath(route.path, parts.params)}${queryString(parts.query)}`;
  let response: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;
  try {
    response = await Taro.request({
      url,
      method: route.method,
      data: parts.body === undefined ? undefined : JSON.stringify(parts.body),
      header: { 'content-type': 'application/json' },
      timeout: TIMEOUT_MS,
      dataType: 'json',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', commonMessages.NETWORK);
  }
  const { statusCode, data } = response;
  if (statusCode >= 200 && statusCode < 300) return data as RouteOutput<N>;
  const body = (typeof data === 'object' && data !== null ? data : {}) as { code?: string; message?: string; field?: string };
  throw new ApiError(
    statusCode,
    body.code ?? `HTTP_${statusCode}`,
    body.message ?? (statusCode >= 500 ? commonMessages.INTERNAL : '请求没有成功，请稍后再试'),
    body.field,
    data,
  );
}

type Api = { [N in RouteName]: (input: RouteInput<N>) => Promise<RouteOutput<N>> };

export const api = Object.fromEntries(routeNames.map((name) => [name, (input: never) => call(name, input)])) as Api;

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return commonMessages.INTERNAL;
}
