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

export class WechatClient {
  constructor(
    private readonly opts: {
      apiBase: string;
      credentials: () => Promise<{ appId: string; secret: string }>;
      timeoutMs?: number;
    },
  ) {}

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
