import { AppError } from './errors';

/**
 * WeChat's server API, as the backend calls it. Locally and in tests the base URL points at the fake
 * WeChat server (dev/src/fake-wechat.ts), which answers with WeChat's own error codes.
 */

export interface Code2Session {
  openid: string;
  /** Never leaves the server. */
  sessionKey: string;
  unionid?: string;
}

type Code2SessionReply = { openid?: string; session_key?: string; unionid?: string; errcode?: number; errmsg?: string };

/** WeChat's error codes for jscode2session, as responses our users can understand. */
const CODE2SESSION_ERRORS: Record<number, () => AppError> = {
  40029: () => new AppError(400, 'WECHAT_CODE_INVALID', '登录凭证无效，请重新打开小程序再试'),
  40163: () => new AppError(400, 'WECHAT_CODE_USED', '登录凭证已使用过，请重新打开小程序再试'),
  45011: () => new AppError(429, 'WECHAT_RATE_LIMITED', '登录太频繁，请一分钟后再试', {}, { 'retry-after': '60' }),
  40226: () => new AppError(403, 'WECHAT_RISKY_USER', '微信提示当前账号存在风险，暂时无法登录，请稍后再试'),
};

/** Errors of getwxacodeunlimit that mean something to the people waiting for a code. */
const QR_ERRORS: Record<number, () => AppError> = {
  45009: () => new AppError(429, 'WECHAT_QUOTA_EXCEEDED', '今天生成小程序码的次数已用完，请明天再试'),
  45011: () => new AppError(429, 'WECHAT_RATE_LIMITED', '生成太频繁，请一分钟后再试', {}, { 'retry-after': '60' }),
  40129: () => new AppError(400, 'QR_SCENE_INVALID', '驿站编号不能用于生成小程序码'),
  41030: () => new AppError(502, 'WECHAT_PAGE_INVALID', '小程序的驿站页面还没有发布，发布后才能生成小程序码'),
};

export interface WxaCodeRequest {
  scene: string;
  page: string;
  /** Check that the page exists in the released version (off for trial and development versions). */
  checkPath: boolean;
  envVersion: 'release' | 'trial' | 'develop';
  width?: number;
}

export class WechatClient {
  /** The access token for server-side calls, shared with whoever else holds this cache. */
  readonly tokens: AccessTokenCache;

  constructor(
    private readonly opts: {
      apiBase: string;
      credentials: () => Promise<{ appId: string; secret: string }>;
      timeoutMs?: number;
      tokens?: AccessTokenCache;
    },
  ) {
    this.tokens = opts.tokens ?? new AccessTokenCache(opts);
  }

  private async post(path: string, body: unknown, query: Record<string, string> = {}): Promise<Response> {
    const url = new URL(path, this.opts.apiBase);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000),
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res;
    } catch {
      throw new AppError(503, 'WECHAT_UNAVAILABLE', '暂时连不上微信服务器，请稍后再试');
    }
  }

  private async accessToken(): Promise<string> {
    try {
      return await this.tokens.get();
    } catch (error) {
      const code = error instanceof WechatApiError ? error.errcode : -1;
      if (code === -1) throw new AppError(503, 'WECHAT_UNAVAILABLE', '暂时连不上微信服务器，请稍后再试');
      throw new AppError(502, 'WECHAT_UNAVAILABLE', `微信接口调用凭证获取失败（${code}），请稍后再试`);
    }
  }

  /**
   * A mini-program code (小程序码) for a page and scene: `wxa/getwxacodeunlimit`. WeChat answers with
   * the image, or with JSON carrying an errcode. A token WeChat no longer accepts is refreshed once.
   */
  async wxaCodeUnlimited(request: WxaCodeRequest): Promise<{ contentType: string; image: Buffer }> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.accessToken();
      const res = await this.post(
        '/wxa/getwxacodeunlimit',
        { scene: request.scene, page: request.page, check_path: request.checkPath, env_version: request.envVersion, width: request.width ?? 430 },
        { access_token: token },
      );
      const contentType = res.headers.get('content-type') ?? '';
      const bytes = Buffer.from(await res.arrayBuffer());
      if (contentType.startsWith('image/')) return { contentType: contentType.split(';')[0]!, image: bytes };
      let reply: { errcode?: number; errmsg?: string } = {};
      try {
        reply = JSON.parse(bytes.toString('utf8')) as typeof reply;
      } catch {
        throw new AppError(502, 'WECHAT_UNAVAILABLE', '微信返回的小程序码无法识别，请稍后再试');
      }
      const code = reply.errcode ?? -1;
      if (TOKEN_ERRORS.has(code) && attempt === 0) {
        this.tokens.invalidate(token);
        continue;
      }
      const known = QR_ERRORS[code];
      throw known ? known() : new AppError(502, 'WECHAT_UNAVAILABLE', `生成小程序码失败（${code}），请稍后再试`);
    }
  }

  async code2Session(code: string): Promise<Code2Session> {
    const { appId, secret } = await this.opts.credentials();
    const url = new URL('/sns/jscode2session', this.opts.apiBase);
    url.searchParams.set('appid', appId);
    url.searchParams.set('secret', secret);
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    let reply: Code2SessionReply;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      reply = (await res.json()) as Code2SessionReply;
    } catch {
      throw new AppError(503, 'WECHAT_UNAVAILABLE', '暂时连不上微信服务器，请稍后再试');
    }
    if (reply.errcode) {
      const known = CODE2SESSION_ERRORS[reply.errcode];
      throw known ? known() : new AppError(502, 'WECHAT_UNAVAILABLE', `微信登录失败（${reply.errcode}），请稍后再试`);
    }
    if (!reply.openid || !reply.session_key) throw new AppError(502, 'WECHAT_UNAVAILABLE', '微信登录返回的信息不完整，请稍后再试');
    return { openid: reply.openid, sessionKey: reply.session_key, ...(reply.unionid ? { unionid: reply.unionid } : {}) };
  }
}

// Server-side calls with an access token (subscribe messages, and later mini-program codes) ----------

/** A WeChat API answer with a non-zero errcode, or a transport failure (errcode -1, as WeChat's "busy"). */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat error ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

type WechatReply = { errcode?: number; errmsg?: string };

async function postJson<T extends WechatReply>(url: URL, body: unknown, timeoutMs: number): Promise<T> {
  let reply: T;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    reply = (await res.json()) as T;
  } catch (error) {
    throw new WechatApiError(-1, error instanceof Error ? error.message : 'network error');
  }
  if (reply.errcode) throw new WechatApiError(reply.errcode, reply.errmsg ?? '');
  return reply;
}

/** Access-token errors after which a fresh token may succeed: invalid (40001), expired (42001). */
export const TOKEN_ERRORS = new Set([40001, 42001, 40014]);

/**
 * The mini-program's access token, from `/cgi-bin/stable_token` (which, unlike `/cgi-bin/token`, does
 * not invalidate the tokens other instances hold), cached until five minutes before it expires.
 * Concurrent callers share one fetch. `invalidate` after WeChat says the token is bad.
 */
export class AccessTokenCache {
  private token: { value: string; expiresAt: number } | null = null;
  private inFlight: Promise<string> | null = null;
  /** After WeChat refused a token, ask for a fresh one rather than the same one back. */
  private forceNext = false;
  /** How many times a token was fetched from WeChat (for tests and logs). */
  fetches = 0;

  constructor(
    private readonly opts: {
      apiBase: string;
      credentials: () => Promise<{ appId: string; secret: string }>;
      timeoutMs?: number;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.opts.now ? this.opts.now() : Date.now();
  }

  async get(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Drops the cached token; the next `get` fetches a new one with force_refresh. */
  invalidate(bad: string): void {
    if (this.token?.value === bad) this.token = null;
    this.forceNext = true;
  }

  private async fetch(): Promise<string> {
    const force = this.forceNext;
    this.forceNext = false;
    this.fetches += 1;
    const { appId, secret } = await this.opts.credentials();
    const reply = await postJson<WechatReply & { access_token?: string; expires_in?: number }>(
      new URL('/cgi-bin/stable_token', this.opts.apiBase),
      { grant_type: 'client_credential', appid: appId, secret, force_refresh: force },
      this.opts.timeoutMs ?? 5000,
    );
    if (!reply.access_token) throw new WechatApiError(-1, 'stable_token returned no access_token');
    const lifetime = Math.max(60, (reply.expires_in ?? 7200) - 300) * 1000;
    this.token = { value: reply.access_token, expiresAt: this.now() + lifetime };
    return reply.access_token;
  }
}

/** One subscribe message (订阅消息): `data` maps the template's keys (thing1, time2…) to values. */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  /** The mini-program page the message opens, with its query. */
  page?: string;
  data: Record<string, string>;
  /** developer | trial | formal */
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

/**
 * Sends a subscribe message, fetching (and once refreshing) the access token as needed. Throws
 * WechatApiError with WeChat's code; the caller decides whether to retry (see outbox senders).
 */
export async function sendSubscribeMessage(
  tokens: AccessTokenCache,
  opts: { apiBase: string; timeoutMs?: number },
  message: SubscribeMessage,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    const token = await tokens.get();
    const url = new URL('/cgi-bin/message/subscribe/send', opts.apiBase);
    url.searchParams.set('access_token', token);
    try {
      await postJson(
        url,
        {
          touser: message.touser,
          template_id: message.templateId,
          ...(message.page ? { page: message.page } : {}),
          data: Object.fromEntries(Object.entries(message.data).map(([k, value]) => [k, { value }])),
          miniprogram_state: message.miniprogramState ?? 'formal',
          lang: 'zh_CN',
        },
        opts.timeoutMs ?? 5000,
      );
      return;
    } catch (error) {
      if (error instanceof WechatApiError && TOKEN_ERRORS.has(error.errcode) && attempt === 0) {
        tokens.invalidate(token);
        continue;
      }
      throw error;
    }
  }
}
