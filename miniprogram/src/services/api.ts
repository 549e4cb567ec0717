import Taro from '@tarojs/taro';
import { commonMessages, type RouteInput, type RouteName, type RouteOutput, type Session } from '@yz/shared';
import { API_ROUTES } from './api-routes';
import { canLoginSilently, loadSession, saveSession } from './session';

type Route = (typeof API_ROUTES)[RouteName];

/**
 * `/stations/{id}` with its parameters filled in. The contract's buildPath does the same, but importing
 * it brings the whole contract, every schema, into WeChat's main package (API_ROUTES exists for that).
 */
function fillPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

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

async function send([method]: Route, url: string, body: unknown, token: string | null) {
  try {
    return await Taro.request({
      url,
      method,
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

const stationWriteListeners: (() => void)[] = [];

/** Called after every successful write under /stations/ (the finder's tiles then expect a change). */
export function onStationWrite(listener: () => void): void {
  stationWriteListeners.push(listener);
}

export async function call<N extends RouteName>(name: N, input: RouteInput<N>): Promise<RouteOutput<N>> {
  const route = API_ROUTES[name];
  const [, path, isPublic] = route;
  const parts = input as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const url = `${API_BASE_URL}${fillPath(path, parts.params)}${queryString(parts.query)}`;
  // Public routes never carry the token: they need no identity, and the server does less work.
  const needsSession = !isPublic;
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
  if (statusCode >= 200 && statusCode < 300) {
    if (route[0] !== 'GET' && path.startsWith('/stations/')) for (const listener of stationWriteListeners) listener();
    return (statusCode === 204 ? null : data) as RouteOutput<N>;
  }
  throw failure(statusCode, data);
}

type Api = { [N in RouteName]: (input: RouteInput<N>) => Promise<RouteOutput<N>> };

export const api = Object.fromEntries((Object.keys(API_ROUTES) as RouteName[]).map((name) => [name, (input: never) => call(name, input)])) as Api;

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return commonMessages.INTERNAL;
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
  const url = `${API_BASE_URL}${fillPath(API_ROUTES[name][1], input.params)}${queryString(input.query)}`;
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
