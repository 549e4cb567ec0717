import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';

/**
 * A local stand-in for WeChat's servers, speaking WeChat's protocol and error codes, so the real
 * client code (functions/src/platform/wechat.ts) runs unchanged in tests and under `npm start`.
 *
 * jscode2session: any code logs in; the part before the first '.' names the WeChat user, so
 * `alice.1` and `alice.2` are two logins of one person (same openid). A code works once. Codes that
 * start with `invalid`, `busy` or `risky` get WeChat's 40029, 45011 and 40226.
 *
 * stable_token (POST JSON): the app's access token, the same one until it expires (`tokenTtlSeconds`)
 * or `force_refresh` asks for a new one, which ends the old one; 40013 / 40125 for a wrong appid or
 * secret. `expireTokens()` ends every token, as time would.
 *
 * getwxacodeunlimit (POST JSON, `?access_token=`): 40001 for an unknown token, 42001 for an expired
 * one, 40129 for a scene longer than 32 characters or with characters WeChat refuses, 41030 for a page
 * that the released version does not have (when check_path is on). Otherwise an image: a real QR code
 * (PNG) whose text names the page and scene, so a test can decode what it would open.
 */

export interface FakeWechat {
  url: string;
  appId: string;
  secret: string;
  /** The openid WeChat would give the person a code names. */
  openidFor(code: string): string;
  /** Every request received, for tests to inspect. */
  requests: { path: string; query: Record<string, string>; body?: Record<string, unknown> }[];
  /** Ends every access token issued so far (WeChat then answers 42001). */
  expireTokens(): void;
  stop(): Promise<void>;
}

/** Pages of the "released" mini-program, for check_path. */
const RELEASED_PAGES = new Set(['pages/stations/index', 'pages/station/index', 'pages/wishes/index', 'pages/me/index']);
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

export async function startFakeWechat(opts: { appId?: string; secret?: string; port?: number; tokenTtlSeconds?: number } = {}): Promise<FakeWechat> {
  const appId = opts.appId ?? 'wx-local-appid';
  const secret = opts.secret ?? 'local-secret';
  const usedCodes = new Set<string>();
  const requests: FakeWechat['requests'] = [];
  const openidFor = (code: string) =>
    `o${createHash('sha256').update(`${appId}:${code.split('.')[0]}`).digest('base64url').slice(0, 27)}`;

  const ttl = opts.tokenTtlSeconds ?? 7200;
  const tokens = new Map<string, number>(); // token → expiry (ms)
  let current: string | null = null;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks).toString('utf8'));
    });
  });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, text: string) => {
    const url = new URL(req.url ?? '/', 'http://fake-wechat');
    const query = Object.fromEntries(url.searchParams);
    let body: Record<string, unknown> | undefined;
    if (req.method === 'POST') {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = undefined;
      }
    }
    requests.push({ path: url.pathname, query, ...(body ? { body } : {}) });
    const reply = (payload: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (url.pathname === '/cgi-bin/stable_token') {
      if (req.method !== 'POST' || !body) return reply({ errcode: 47001, errmsg: 'data format error' });
      if (body.grant_type !== 'client_credential') return reply({ errcode: 40002, errmsg: 'invalid grant_type' });
      if (body.appid !== appId) return reply({ errcode: 40013, errmsg: 'invalid appid' });
      if (body.secret !== secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
      const now = Date.now();
      if (body.force_refresh === true && current) tokens.delete(current);
      if (!current || !tokens.has(current) || tokens.get(current)! <= now) {
        current = randomBytes(24).toString('base64url');
        tokens.set(current, now + ttl * 1000);
      }
      return reply({ access_token: current, expires_in: Math.round((tokens.get(current)! - now) / 1000) });
    }
    if (url.pathname === '/wxa/getwxacodeunlimit') {
      const expiry = tokens.get(query.access_token ?? '');
      if (expiry === undefined) return reply({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
      if (expiry <= Date.now()) return reply({ errcode: 42001, errmsg: 'access_token expired' });
      if (!body) return reply({ errcode: 47001, errmsg: 'data format error' });
      const scene = typeof body.scene === 'string' ? body.scene : '';
      if (!SCENE.test(scene)) return reply({ errcode: 40129, errmsg: 'invalid scene' });
      const page = typeof body.page === 'string' ? body.page : '';
      if (body.check_path !== false && page !== '' && !RELEASED_PAGES.has(page)) return reply({ errcode: 41030, errmsg: 'invalid page' });
      const envVersion = body.env_version ?? 'release';
      if (!['release', 'trial', 'develop'].includes(String(envVersion))) return reply({ errcode: 40097, errmsg: 'invalid args' });
      const image = await QRCode.toBuffer(`wxacode:${appId}:${page}?scene=${scene}&env=${String(envVersion)}`, { type: 'png', width: Number(body.width ?? 430) });
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(image);
      return;
    }
    if (url.pathname !== '/sns/jscode2session') return reply({ errcode: 40066, errmsg: 'invalid url' });
    if (query.appid !== appId) return reply({ errcode: 40013, errmsg: 'invalid appid' });
    if (query.secret !== secret) return reply({ errcode: 40125, errmsg: 'invalid appsecret' });
    const code = query.js_code ?? '';
    if (query.grant_type !== 'authorization_code' || code === '' || code.startsWith('invalid')) {
      return reply({ errcode: 40029, errmsg: 'invalid code' });
    }
    if (code.startsWith('busy')) return reply({ errcode: 45011, errmsg: 'api minute-quota reach limit  mustslower  retry next minute' });
    if (code.startsWith('risky')) return reply({ errcode: 40226, errmsg: 'high risk user' });
    if (usedCodes.has(code)) return reply({ errcode: 40163, errmsg: 'code been used' });
    usedCodes.add(code);
    return reply({ openid: openidFor(code), session_key: randomBytes(16).toString('base64') });
  };

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    secret,
    openidFor,
    requests,
    expireTokens: () => {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
