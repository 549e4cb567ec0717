import Taro from '@tarojs/taro';
import {
  buildPath,
  commonMessages,
  contract,
  routeNames,
  STATION_VERSION_CONFLICT,
  type RouteDef,
  type RouteInput,
  type RouteName,
  type RouteOutput,
  type Session,
  type Station,
} from '@yz/shared';
import { canLoginSilently, loadSession, saveSession } from './session';

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

  /** True when the caller must sign in (again). */
  get needsLogin(): boolean {
    return this.status === 401;
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

async function send(route: RouteDef, url: string, body: unknown, token: string | null) {
  try {
    return await Taro.request({
      url,
      method: route.method,
      data: body === undefined ? undefined : JSON.stringify(body),
      header: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      timeout: TIMEOUT_MS,
      dataType: 'json',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', commonMessages.NETWORK);
  }
}

function failure(statusCode: number, data: unknown): ApiError {
  const body = (typeof data === 'object' && data !== null ? data : {}) as { code?: string; message?: string; field?: string };
  return new ApiError(
    statusCode,
    body.code ?? `HTTP_${statusCode}`,
    body.message ?? (statusCode >= 500 ? commonMessages.INTERNAL : '请求没有成功，请稍后再试'),
    body.field,
    data,
  );
}

let loginInFlight: Promise<Session> | null = null;

/**
 * Silent WeChat login: wx.login's code to our server, which asks WeChat who it is. Concurrent callers
 * share one attempt.
 */
export function loginSilently(): Promise<Session> {
  if (!canLoginSilently) return Promise.reject(new ApiError(401, 'UNAUTHENTICATED', '请先登录'));
  loginInFlight ??= (async () => {
    try {
      const { code } = await Taro.login();
      const session = await call('loginWechat', { body: { code } });
      saveSession(session);
      return session;
    } finally {
      loginInFlight = null;
    }
  })();
  return loginInFlight;
}

export async function call<N extends RouteName>(name: N, input: RouteInput<N>): Promise<RouteOutput<N>> {
  const route = contract[name] as RouteDef;
  const parts = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const url = `${API_BASE_URL}${buildPath(route.path, parts.params)}${queryString(parts.query)}`;
  // Public routes never carry the token: they need no identity, and the server does less work.
  const needsSession = route.access.kind !== 'public';
  let session = needsSession ? loadSession() : null;
  if (needsSession && !session && canLoginSilently) session = await loginSilently();

  let response = await send(route, url, parts.body, session?.token ?? null);
  if (response.statusCode === 401 && needsSession) {
    saveSession(null);
    // The session ended (logout elsewhere, expiry, account change): sign in again once, retry once.
    if (canLoginSilently) {
      session = await loginSilently();
      response = await send(route, url, parts.body, session.token);
    }
  }
  const { statusCode, data } = response;
  if (statusCode >= 200 && statusCode < 300) return (statusCode === 204 ? null : data) as RouteOutput<N>;
  throw failure(statusCode, data);
}

type Api = { [N in RouteName]: (input: RouteInput<N>) => Promise<RouteOutput<N>> };

export const api = Object.fromEntries(routeNames.map((name) => [name, (input: never) => call(name, input)])) as Api;

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return commonMessages.INTERNAL;
}

/** The station as it is now, when a write was refused because someone else saved first (409). */
export function conflictOf(error: unknown): Station | null {
  if (!(error instanceof ApiError) || error.code !== STATION_VERSION_CONFLICT) return null;
  return ((error.body as { current?: Station } | undefined)?.current ?? null) as Station | null;
}

/** Photo URLs the local stack stores are relative to the API (/photos/…); WeChat needs them whole. */
export function mediaUrl(url: string | null): string | null {
  if (!url) return null;
  return url.startsWith('/') ? `${API_BASE_URL}${url}` : url;
}

/**
 * Uploads a file chosen on the phone (wx.chooseMedia / chooseMessageFile) to a route that takes a
 * file, the way WeChat uploads: a multipart form with the file in the `file` part.
 */
export async function uploadFile<N extends RouteName>(
  name: N,
  input: { params?: Record<string, unknown>; query?: Record<string, unknown> },
  filePath: string,
): Promise<RouteOutput<N>> {
  const route = contract[name] as RouteDef;
  const url = `${API_BASE_URL}${buildPath(route.path, input.params)}${queryString(input.query)}`;
  let session = loadSession();
  if (!session && canLoginSilently) session = await loginSilently();
  const send = async (token: string | null) => {
    try {
      return await Taro.uploadFile({ url, filePath, name: 'file', header: token ? { authorization: `Bearer ${token}` } : {}, timeout: 60_000 });
    } catch {
      throw new ApiError(0, 'NETWORK', commonMessages.NETWORK);
    }
  };
  let response = await send(session?.token ?? null);
  if (response.statusCode === 401 && canLoginSilently) {
    saveSession(null);
    session = await loginSilently();
    response = await send(session.token);
  }
  let data: unknown = response.data;
  try {
    data = typeof response.data === 'string' ? JSON.parse(response.data) : response.data;
  } catch {
    // not JSON: reported below by its status
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return data as RouteOutput<N>;
  throw failure(response.statusCode, data);
}
