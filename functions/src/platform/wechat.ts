import { AppError } from './errors';

/**
 * WeChat's server API, as the backend calls it. Locally and in tests the base URL points at the fake
 * WeChat server (functions/src/local/fake-wechat.ts), which answers with WeChat's own error codes.
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

/** Errors of stable_token and getwxacodeunlimit that mean something to the people waiting for a code. */
const ACCESS_TOKEN_INVALID = new Set([40001, 42001, 40014]);
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
  private token: { value: string; expiresAt: number } | null = null;
  private tokenInFlight: Promise<string> | null = null;

  constructor(
    private readonly opts: { apiBase: string; appId: string; secret: string; timeoutMs?: number },
  ) {}

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

  /**
   * The server's access token, from `stable_token`: unlike `cgi-bin/token`, asking again does not
   * invalidate the token other function instances hold. Kept until five minutes before it expires;
   * concurrent callers share one request. `force` asks WeChat for a fresh one (after a 40001).
   */
  async accessToken(now = Date.now(), force = false): Promise<string> {
    if (!force && this.token && now < this.token.expiresAt) return this.token.value;
    this.tokenInFlight ??= (async () => {
      try {
        const res = await this.post('/cgi-bin/stable_token', {
          grant_type: 'client_credential',
          appid: this.opts.appId,
          secret: this.opts.secret,
          force_refresh: force,
        });
        const reply = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
        if (reply.errcode || !reply.access_token) {
          throw new AppError(502, 'WECHAT_UNAVAILABLE', `微信接口调用凭证获取失败（${reply.errcode ?? '无凭证'}），请稍后再试`);
        }
        const lifetime = Math.max(60, (reply.expires_in ?? 7200) - 300);
        this.token = { value: reply.access_token, expiresAt: now + lifetime * 1000 };
        return reply.access_token;
      } finally {
        this.tokenInFlight = null;
      }
    })();
    return this.tokenInFlight;
  }

  /**
   * A mini-program code (小程序码) for a page and scene: `wxa/getwxacodeunlimit`. WeChat answers with
   * the image, or with JSON carrying an errcode. A token WeChat no longer accepts is refreshed once.
   */
  async wxaCodeUnlimited(request: WxaCodeRequest, now = Date.now()): Promise<{ contentType: string; image: Buffer }> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.accessToken(now, attempt > 0);
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
      if (ACCESS_TOKEN_INVALID.has(code) && attempt === 0) {
        this.token = null;
        continue;
      }
      const known = QR_ERRORS[code];
      throw known ? known() : new AppError(502, 'WECHAT_UNAVAILABLE', `生成小程序码失败（${code}），请稍后再试`);
    }
  }

  async code2Session(code: string): Promise<Code2Session> {
    const url = new URL('/sns/jscode2session', this.opts.apiBase);
    url.searchParams.set('appid', this.opts.appId);
    url.searchParams.set('secret', this.opts.secret);
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
