import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import path from 'node:path';
import type { LatLng } from '@yz/shared';

/**
 * The BUILT WeChat mini-program (miniprogram/dist/weapp, from `npm run build:weapp`) run in
 * miniprogram-simulate: WeChat's own WXML compiler (wcc) turns Taro's templates into render functions,
 * j-component renders them, and the built JavaScript runs as it would on a phone.
 *
 * What WeChat provides is provided here, and nothing of the app is replaced:
 * - App / getApp / getCurrentPages, and Page() (which simulate lacks) as a Component with the page's
 *   lifecycle: attached → onLoad(query) + onShow, ready → onReady, detached → onUnload;
 * - wx.request over Node's `http`, behaving as WeChat's does (below), to the real local API;
 * - device APIs: wx.getLocation (a GCJ-02 fix), storage, wx.navigateTo (recorded: simulate has no
 *   page stack, so a test loads the next page itself).
 */

export const DIST = path.resolve(__dirname, '../../miniprogram/dist/weapp');

/**
 * The part of miniprogram-simulate (and its j-component) these tests use. Its own typings declare
 * WeChat's globals (a `require` without `resolve`, for one) over Node's for every test file, so they
 * are not imported.
 */
export interface RenderedPage {
  data: Record<string, unknown>;
  dom?: HTMLElement;
  attach(parent: Element): void;
  detach(): void;
  querySelector(selector: string): RenderedPage | undefined;
  querySelectorAll(selector: string): RenderedPage[];
  dispatchEvent(eventName: string, options?: object): void;
}

interface Simulate {
  load(componentPath: string, options: { rootPath: string; compilerOptions?: { maxBuffer?: number } }): string;
  render(id: string, properties?: object): RenderedPage;
}

const simulate = (): Simulate => require('miniprogram-simulate') as Simulate;

/** config/index.ts's default API_BASE_URL, which the weapp build bakes in. */
export const BUILT_API_ORIGIN = 'http://127.0.0.1:8787';

export function missingBuildMessage(): string {
  return (
    `The built weapp is missing: ${path.relative(process.cwd(), DIST) || DIST}/app.js does not exist.\n` +
    'Run `npm run build:weapp` (at the repository root) before the weapp tests; `npm test` builds it for you.'
  );
}

type Callbacks = { success?: (res: unknown) => void; fail?: (err: unknown) => void; complete?: (res: unknown) => void };

/** WeChat's calling convention: callbacks when given, otherwise a promise. */
function wxAsync<T extends object>(name: string, options: Callbacks, run: () => Promise<T>): Promise<T> | undefined {
  const settled = run().then(
    (result) => {
      const res = { errMsg: `${name}:ok`, ...result };
      options.success?.(res);
      options.complete?.(res);
      return res;
    },
    (error: unknown) => {
      const res = { errMsg: `${name}:fail ${error instanceof Error ? error.message : String(error)}` };
      options.fail?.(res);
      options.complete?.(res);
      throw res;
    },
  );
  if (options.success || options.fail || options.complete) {
    settled.catch(() => undefined);
    return undefined;
  }
  return settled;
}

// ---------------------------------------------------------------------------------------------------
// wx.request

interface WxRequestOptions extends Callbacks {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  timeout?: number;
  dataType?: string;
  responseType?: string;
}

export interface WxRequestTask {
  abort(): void;
  onHeadersReceived(listener: (res: unknown) => void): void;
  offHeadersReceived(listener?: (res: unknown) => void): void;
  onChunkReceived(listener: (res: unknown) => void): void;
  offChunkReceived(listener?: (res: unknown) => void): void;
}

export interface RecordedRequest {
  method: string;
  /** The URL the app asked for (with the built origin). */
  url: string;
  /** Where it was sent. */
  sentTo: string;
  statusCode?: number;
  /** Why it failed, when no HTTP answer came. */
  error?: string;
}

function queryOf(data: unknown): string {
  if (!data || typeof data !== 'object') return typeof data === 'string' ? data : '';
  return Object.entries(data as Record<string, unknown>)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(typeof v === 'object' ? JSON.stringify(v) : String(v))}`)
    .join('&');
}

/**
 * wx.request as WeChat implements it, over Node's http: `success` for every HTTP answer whatever its
 * status (with statusCode, header and data, parsed as JSON when dataType is json and the body parses),
 * `fail` only when no answer came (network error, timeout, abort, a domain not configured), then
 * `complete`; returns a RequestTask. Requests to the origin baked into the build go to `apiBaseUrl`.
 */
export function createWxRequest(opts: { apiBaseUrl: string; log: RecordedRequest[]; inFlight: Map<() => void, Promise<void>> }) {
  return function request(options: WxRequestOptions): WxRequestTask {
    const method = (options.method ?? 'GET').toUpperCase();
    let target = options.url;
    const record: RecordedRequest = { method, url: options.url, sentTo: target };
    opts.log.push(record);
    let settle = () => {};
    const finish = (outcome: 'success' | 'fail', res: Record<string, unknown>) => {
      opts.inFlight.delete(abort);
      settle();
      (outcome === 'success' ? options.success : options.fail)?.(res);
      options.complete?.(res);
    };

    if (!target.startsWith(`${BUILT_API_ORIGIN}/`)) {
      // WeChat refuses hosts that are not the app's configured request domains.
      setTimeout(() => finish('fail', { errMsg: `request:fail url not in domain list: ${target}` }), 0);
      return task(() => undefined);
    }
    target = opts.apiBaseUrl + target.slice(BUILT_API_ORIGIN.length);
    let body: string | undefined;
    if (method === 'GET' || method === 'HEAD') {
      const query = queryOf(options.data);
      if (query) target += (target.includes('?') ? '&' : '?') + query;
    } else if (options.data !== undefined) {
      body = typeof options.data === 'string' ? options.data : JSON.stringify(options.data);
    }
    record.sentTo = target;

    let done = false;
    const req = httpRequest(target, { method, headers: { 'content-type': 'application/json', ...options.header } }, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        if (done) return;
        done = true;
        const text = Buffer.concat(chunks).toString('utf8');
        let data: unknown = text;
        if ((options.dataType ?? 'json') === 'json') {
          try {
            data = JSON.parse(text);
          } catch {
            // WeChat hands over the raw string when the body is not JSON
          }
        }
        record.statusCode = res.statusCode;
        finish('success', { errMsg: 'request:ok', statusCode: res.statusCode, header: res.headers, data, cookies: [] });
      });
    });
    const failWith = (message: string) => {
      if (done) return;
      done = true;
      record.error = message;
      finish('fail', { errMsg: `request:fail ${message}` });
    };
    req.setTimeout(options.timeout ?? 60_000, () => {
      failWith('timeout');
      req.destroy();
    });
    req.on('error', (error) => failWith(error.message));
    const abort = () => {
      failWith('abort');
      req.destroy();
    };
    opts.inFlight.set(abort, new Promise<void>((resolve) => (settle = resolve)));
    req.end(body);
    return task(abort);
  };
}

function task(abort: () => void): WxRequestTask {
  return { abort, onHeadersReceived() {}, offHeadersReceived() {}, onChunkReceived() {}, offChunkReceived() {} };
}

// ---------------------------------------------------------------------------------------------------
// The device and the WeChat runtime

export interface Wechat {
  requests: RecordedRequest[];
  navigateTo: jest.Mock;
  getLocation: jest.Mock;
  storage: Map<string, unknown>;
  /** Waits for the requests still in flight (up to `timeoutMs`, then aborts them): for afterAll, before the stack stops. */
  settleRequests(timeoutMs?: number): Promise<void>;
}

type WxApi = Record<string, unknown>;

/**
 * Puts WeChat's runtime around the built app: call before loadApp(). `location` is where the phone
 * is, in GCJ-02 (what wx.getLocation answers for type 'gcj02').
 */
export function installWechat(opts: { apiBaseUrl: string; location: LatLng }): Wechat {
  // miniprogram-simulate defines the global `wx` (its API mocks) and `Component` when loaded.
  simulate();
  const wx = (globalThis as unknown as { wx: WxApi }).wx;
  const requests: RecordedRequest[] = [];
  const inFlight = new Map<() => void, Promise<void>>();
  const storage = new Map<string, unknown>();
  const copy = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

  const navigateTo = jest.fn((options: Callbacks & { url: string }) => wxAsync('navigateTo', options, async () => ({})));
  const getLocation = jest.fn((options: Callbacks & { type?: string }) =>
    wxAsync('getLocation', options, async () => {
      if (options.type !== 'gcj02') throw new Error('this phone answers GCJ-02 fixes only; the app asked for ' + String(options.type));
      return { latitude: opts.location.lat, longitude: opts.location.lng, speed: -1, accuracy: 30, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: 30 };
    }),
  );

  Object.assign(wx, {
    request: createWxRequest({ apiBaseUrl: opts.apiBaseUrl, log: requests, inFlight }),
    getLocation,
    navigateTo,
    setStorageSync: (key: string, data: unknown) => void storage.set(key, copy(data)),
    getStorageSync: (key: string) => (storage.has(key) ? copy(storage.get(key)) : ''),
    removeStorageSync: (key: string) => void storage.delete(key),
    clearStorageSync: () => storage.clear(),
    setStorage: (o: Callbacks & { key: string; data: unknown }) =>
      wxAsync('setStorage', o, async () => {
        storage.set(o.key, copy(o.data));
        return {};
      }),
    getStorage: (o: Callbacks & { key: string }) =>
      wxAsync('getStorage', o, async () => {
        if (!storage.has(o.key)) throw new Error('data not found');
        return { data: copy(storage.get(o.key)) };
      }),
    removeStorage: (o: Callbacks & { key: string }) =>
      wxAsync('removeStorage', o, async () => {
        storage.delete(o.key);
        return {};
      }),
  });

  const settleRequests = async (timeoutMs = 10_000) => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(inFlight.values()), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    for (const abort of [...inFlight.keys()]) abort();
  };
  return { requests, navigateTo, getLocation, storage, settleRequests };
}

interface PageOptions extends Record<string, unknown> {
  data?: Record<string, unknown>;
}

interface PageInstance {
  route: string;
  options: Record<string, string>;
  onLoad?: (query: Record<string, string>) => void;
  onShow?: () => void;
  onReady?: () => void;
  onUnload?: () => void;
}

type AppOptions = { onLaunch?: (options: unknown) => void; onShow?: (options: unknown) => void };

const pageStack: PageInstance[] = [];
let app: AppOptions | null = null;
/** The page and query the next page component mounts with (set by renderPage, read on attach). */
let opening: { route: string; query: Record<string, string> } | null = null;

/**
 * WeChat's App(), getApp(), getCurrentPages() and Page(), then the built app.js, launched at `path`
 * (App's onLaunch and onShow run, as WeChat runs them). Once per test file.
 */
export function loadApp(launchPath = 'pages/stations/index'): void {
  const Component = (globalThis as unknown as { Component: (definition: object) => void }).Component;
  Object.assign(globalThis, {
    App: (options: AppOptions) => {
      app = options;
    },
    getApp: () => app,
    getCurrentPages: () => [...pageStack],
    Page: (options: PageOptions) => {
      const methods = Object.fromEntries(Object.entries(options).filter(([, value]) => typeof value === 'function'));
      Component({
        data: options.data ?? {},
        methods,
        lifetimes: {
          attached(this: PageInstance) {
            if (!opening) throw new Error('a page attached without renderPage()');
            this.route = opening.route;
            this.options = opening.query;
            pageStack.push(this);
            this.onLoad?.(opening.query);
            this.onShow?.();
          },
          ready(this: PageInstance) {
            this.onReady?.();
          },
          detached(this: PageInstance) {
            this.onUnload?.();
            pageStack.splice(pageStack.indexOf(this), 1);
          },
        },
      });
    },
  });
  require(`${DIST}/app.js`);
  if (!app) throw new Error(`${DIST}/app.js did not call App()`);
  const launch = { path: launchPath, query: {}, scene: 1001, referrerInfo: {} };
  app.onLaunch?.(launch);
  app.onShow?.(launch);
}

/** Compiles a built page (its WXML through wcc) and registers it with simulate; slow, so once per page and file. */
export function loadPage(route: string): string {
  return simulate().load(path.join(DIST, route), { rootPath: DIST, compilerOptions: { maxBuffer: 64 * 1024 * 1024 } });
}

/**
 * Renders and attaches a loaded page with a query (onLoad runs), and waits for Taro's React tree to
 * reach the page's data (React renders asynchronously).
 */
export async function renderPage(id: string, route: string, query: Record<string, string> = {}): Promise<RenderedPage> {
  const comp = simulate().render(id);
  const parent = document.createElement('parent-wrapper');
  opening = { route, query };
  try {
    comp.attach(parent);
  } finally {
    opening = null;
  }
  await waitUntil(() => ((comp.data.root as { cn?: unknown[] } | undefined)?.cn?.length ?? 0) > 0, 'the page to render');
  return comp;
}

/** Polls until `check` is true (the page fetches over HTTP and re-renders when the answer comes). */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  let lastError: unknown = null;
  for (;;) {
    try {
      if (check()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Fails clearly when the build was made for another API (TARO_APP_API_BASE_URL set at build time). */
export function assertBuiltForLocalApi(): void {
  const baked = readdirSync(DIST)
    .filter((file) => file.endsWith('.js'))
    .some((file) => readFileSync(path.join(DIST, file), 'utf8').includes(BUILT_API_ORIGIN));
  if (!baked) {
    throw new Error(
      `${DIST} does not call ${BUILT_API_ORIGIN}: it was built for another API (TARO_APP_API_BASE_URL). ` +
        'Rebuild with plain `npm run build:weapp` for the weapp tests.',
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// For the page tests: answering WeChat's dialogs, finding and driving a page's elements

export type WxCallbacks = { success?: (r: unknown) => void; complete?: (r: unknown) => void };

/** A wx.* call that succeeds: `success` and `complete` get `{ errMsg: '<name>:ok', ...result }`, and so does the promise. */
export function wxOk<T extends object>(name: string, o: WxCallbacks, result: T) {
  const res = { errMsg: `${name}:ok`, ...result };
  o.success?.(res);
  o.complete?.(res);
  return Promise.resolve(res);
}

/** The user's answers in the page tests: 确定 in a modal, 允许 in the subscribe dialog; toasts and redirects succeed. */
export const wxAnswers = {
  showModal: (o: WxCallbacks) => wxOk('showModal', o, { confirm: true, cancel: false }),
  showToast: (o: WxCallbacks) => wxOk('showToast', o, {}),
  redirectTo: (o: WxCallbacks & { url: string }) => wxOk('redirectTo', o, {}),
  requestSubscribeMessage: (o: WxCallbacks & { tmplIds: string[] }) =>
    wxOk('requestSubscribeMessage', o, Object.fromEntries(o.tmplIds.map((id) => [id, 'accept']))),
};

/** Replaces wx.* functions of the fake WeChat (after installWechat). */
export function stubWx(stubs: Record<string, unknown>): void {
  Object.assign((globalThis as unknown as { wx: Record<string, unknown> }).wx, stubs);
}

/**
 * Finding and driving a page's elements by id. Taro continues deep trees in nested components;
 * `<host> >>> #id` (host: the page root's class, e.g. '.wish') reaches into them.
 */
export function pageDriver(host: string) {
  const find = (page: RenderedPage, id: string) => page.querySelector(`#${id}`) ?? page.querySelector(`${host} >>> #${id}`);
  const textOf = (page: RenderedPage, id: string) => find(page, id)?.dom?.textContent ?? '';
  async function waitFor(page: RenderedPage, id: string): Promise<RenderedPage> {
    await waitUntil(() => Boolean(find(page, id)), `#${id}`);
    return find(page, id)!;
  }
  async function tap(page: RenderedPage, id: string) {
    (await waitFor(page, id)).dispatchEvent('tap');
  }
  async function type(page: RenderedPage, id: string, value: string) {
    (await waitFor(page, id)).dispatchEvent('input', { detail: { value } });
  }
  return { find, textOf, waitFor, tap, type };
}
