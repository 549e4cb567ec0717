import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';

/**
 * A local stand-in for WeChat's servers, speaking WeChat's protocol and error codes, so the real
 * client code (functions/src/platform/wechat.ts) runs unchanged in tests and under `npm start`.
 * One function per endpoint (below), looked up by path.
 *
 * jscode2session: any code logs in; the part before the first '.' names the WeChat user, so
 * `alice.1` and `alice.2` are two logins of one person (same openid). A code works once. Codes that
 * start with `invalid`, `busy` or `risky` get WeChat's 40029, 45011 and 40226.
 *
 * stable_token (POST JSON): the app's access token, the same one until it expires (`tokenTtlSeconds`)
 * or `force_refresh` asks for a new one, which ends the old one; 40013 / 40125 for a wrong appid or
 * secret. `expireTokens()` ends every token, as time would (WeChat then answers 42001).
 *
 * getwxacodeunlimit (POST JSON, `?access_token=`): 40129 for a scene longer than 32 characters or with
 * characters WeChat refuses, 41030 for a page the released version does not have (when check_path is
 * on). Otherwise an image: a real QR code (PNG) whose text names the page and scene. subscribe/send: checks the token (40001 unknown, 42001 expired)
 * and the template data (47003 when a `thing` value exceeds 20 characters or a `phrase` 5), then
 * records the message. `failNext(path, errcode, times)` makes the next calls fail with a code.
 */

export interface SentSubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export interface FakeWechat {
  url: string;
  appId: string;
  secret: string;
  /** The openid WeChat would give the person a code names. */
  openidFor(code: string): string;
  /** Every request received, for tests to inspect. */
  requests: { path: string; query: Record<string, string>; body?: Record<string, unknown> }[];
  /** Subscribe messages accepted, in order. */
  sentMessages: SentSubscribeMessage[];
  /** The next `times` calls to `path` answer `errcode` (e.g. 45009, -1, 43101). */
  failNext(path: string, errcode: number, times?: number): void;
  /** Every access token issued so far now answers 42001. */
  expireTokens(): void;
  stop(): Promise<void>;
}

interface FakeState {
  appId: string;
  secret: string;
  usedCodes: Set<string>;
  openidFor: (code: string) => string;
  /** Access token → expiry (epoch ms); `current` is the one stable_token hands out. */
  tokens: Map<string, number>;
  current: string | null;
  ttlSeconds: number;
  sentMessages: SentSubscribeMessage[];
  failures: Map<string, { errcode: number; times: number }>;
}

type Reply = Record<string, unknown>;
/** An endpoint answers JSON, or an image (wxacode). */
type Answer = Reply | { image: Buffer };
type Endpoint = (state: FakeState, query: Record<string, string>, body: Record<string, unknown>) => Answer | Promise<Answer>;

const ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  42001: 'access_token expired',
  43101: 'user refuse to accept the msg',
  45009: 'reach max api daily quota limit',
  47003: 'argument invalid! data.thing1.value invalid',
};

function jscode2session(state: FakeState, query: Record<string, string>): Reply {
  if (query.appid !== state.appId) return { errcode: 40013, errmsg: 'invalid appid' };
  if (query.secret !== state.secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
  const code = query.js_code ?? '';
  if (query.grant_type !== 'authorization_code' || code === '' || code.startsWith('invalid')) {
    return { errcode: 40029, errmsg: 'invalid code' };
  }
  if (code.startsWith('busy')) return { errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' };
  if (code.startsWith('risky')) return { errcode: 40226, errmsg: 'high risk user' };
  if (state.usedCodes.has(code)) return { errcode: 40163, errmsg: 'code been used' };
  state.usedCodes.add(code);
  return { openid: state.openidFor(code), session_key: randomBytes(16).toString('base64') };
}

/** POST /cgi-bin/stable_token {grant_type, appid, secret, force_refresh}. */
function stableToken(state: FakeState, _query: Record<string, string>, body: Record<string, unknown>): Reply {
  if (body.grant_type !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' };
  if (body.appid !== state.appId) return { errcode: 40013, errmsg: 'invalid appid' };
  if (body.secret !== state.secret) return { errcode: 40125, errmsg: 'invalid appsecret' };
  const now = Date.now();
  if (body.force_refresh === true && state.current) state.tokens.delete(state.current);
  if (!state.current || (state.tokens.get(state.current) ?? 0) <= now) {
    state.current = `fake-token-${randomBytes(12).toString('hex')}`;
    state.tokens.set(state.current, now + state.ttlSeconds * 1000);
  }
  return { access_token: state.current, expires_in: Math.round(((state.tokens.get(state.current) ?? now) - now) / 1000) };
}

/** 40001 for an unknown access token, 42001 for an expired one; null when it is good. */
function tokenProblem(state: FakeState, token: string | undefined): Reply | null {
  const expiry = state.tokens.get(token ?? '');
  if (expiry === undefined) return { errcode: 40001, errmsg: ERRMSG[40001] };
  if (expiry <= Date.now()) return { errcode: 42001, errmsg: ERRMSG[42001] };
  return null;
}

/** Pages of the "released" mini-program, for check_path. */
const RELEASED_PAGES = new Set(['pages/stations/index', 'pages/station/index', 'pages/wishes/index', 'pages/me/index']);
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

/** POST /wxa/getwxacodeunlimit?access_token= {scene, page, check_path, env_version, width}. */
async function wxacodeUnlimited(state: FakeState, query: Record<string, string>, body: Record<string, unknown>): Promise<Answer> {
  const problem = tokenProblem(state, query.access_token);
  if (problem) return problem;
  const scene = typeof body.scene === 'string' ? body.scene : '';
  if (!SCENE.test(scene)) return { errcode: 40129, errmsg: 'invalid scene' };
  const page = typeof body.page === 'string' ? body.page : '';
  if (body.check_path !== false && page !== '' && !RELEASED_PAGES.has(page)) return { errcode: 41030, errmsg: 'invalid page' };
  const envVersion = String(body.env_version ?? 'release');
  if (!['release', 'trial', 'develop'].includes(envVersion)) return { errcode: 40097, errmsg: 'invalid args' };
  const image = await QRCode.toBuffer(`wxacode:${state.appId}:${page}?scene=${scene}&env=${envVersion}`, { type: 'png', width: Number(body.width ?? 430) });
  return { image };
}

/** Template value limits WeChat enforces, by key type. */
const LIMITS: [RegExp, number][] = [
  [/^thing\d+$/, 20],
  [/^phrase\d+$/, 5],
  [/^name\d+$/, 10],
  [/^time\d+$/, 30],
];

/** POST /cgi-bin/message/subscribe/send?access_token= {touser, template_id, page, data}. */
function subscribeSend(state: FakeState, query: Record<string, string>, body: Record<string, unknown>): Reply {
  const problem = tokenProblem(state, query.access_token);
  if (problem) return problem;
  if (typeof body.touser !== 'string' || typeof body.template_id !== 'string') return { errcode: 47003, errmsg: 'argument invalid!' };
  const data = (body.data ?? {}) as Record<string, { value?: unknown }>;
  for (const [key, entry] of Object.entries(data)) {
    const value = entry?.value;
    const limit = LIMITS.find(([pattern]) => pattern.test(key))?.[1];
    if (typeof value !== 'string' || value === '' || (limit !== undefined && [...value].length > limit)) {
      return { errcode: 47003, errmsg: `argument invalid! data.${key}.value invalid` };
    }
  }
  state.sentMessages.push({
    touser: body.touser,
    template_id: body.template_id,
    ...(typeof body.page === 'string' ? { page: body.page } : {}),
    data: data as Record<string, { value: string }>,
  });
  return { errcode: 0, errmsg: 'ok', msgid: Date.now() };
}

const ENDPOINTS: Record<string, Endpoint> = {
  '/sns/jscode2session': jscode2session,
  '/cgi-bin/stable_token': stableToken,
  '/cgi-bin/message/subscribe/send': subscribeSend,
  '/wxa/getwxacodeunlimit': wxacodeUnlimited,
};

export async function startFakeWechat(
  opts: { appId?: string; secret?: string; port?: number; tokenTtlSeconds?: number } = {},
): Promise<FakeWechat> {
  const appId = opts.appId ?? 'wx-local-appid';
  const secret = opts.secret ?? 'local-secret';
  const requests: FakeWechat['requests'] = [];
  const state: FakeState = {
    appId,
    secret,
    usedCodes: new Set(),
    openidFor: (code: string) => `o${createHash('sha256').update(`${appId}:${code.split('.')[0]}`).digest('base64url').slice(0, 27)}`,
    tokens: new Map(),
    current: null,
    ttlSeconds: opts.tokenTtlSeconds ?? 7200,
    sentMessages: [],
    failures: new Map(),
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-wechat');
    const query = Object.fromEntries(url.searchParams);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (body: object) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const endpoint = ENDPOINTS[url.pathname];
      if (!endpoint) {
        requests.push({ path: url.pathname, query });
        return reply({ errcode: 40066, errmsg: 'invalid url' });
      }
      const failure = state.failures.get(url.pathname);
      if (failure && failure.times > 0) {
        failure.times -= 1;
        requests.push({ path: url.pathname, query });
        return reply({ errcode: failure.errcode, errmsg: ERRMSG[failure.errcode] ?? 'error' });
      }
      let body: Record<string, unknown> = {};
      if (chunks.length > 0) {
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          requests.push({ path: url.pathname, query });
          return reply({ errcode: 47001, errmsg: 'data format error' });
        }
      }
      requests.push({ path: url.pathname, query, ...(chunks.length > 0 ? { body } : {}) });
      void Promise.resolve(endpoint(state, query, body)).then(
        (answer) => {
          if ('image' in answer && answer.image instanceof Uint8Array) {
            res.writeHead(200, { 'content-type': 'image/png' });
            res.end(answer.image);
          } else reply(answer);
        },
        // WeChat's answer to its own failures: a system error, never a hung connection.
        (error: Error) => {
          console.error(`fake WeChat ${url.pathname}: ${error.message}`);
          reply({ errcode: -1, errmsg: 'system error' });
        },
      );
    });
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    secret,
    openidFor: state.openidFor,
    requests,
    sentMessages: state.sentMessages,
    failNext: (path, errcode, times = 1) => state.failures.set(path, { errcode, times }),
    expireTokens: () => {
      for (const token of state.tokens.keys()) state.tokens.set(token, 0);
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
