import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for WeChat's servers, speaking WeChat's protocol and error codes, so the real
 * client code (functions/src/platform/wechat.ts) runs unchanged in tests and under `npm start`.
 *
 * jscode2session: any code logs in; the part before the first '.' names the WeChat user, so
 * `alice.1` and `alice.2` are two logins of one person (same openid). A code works once. Codes that
 * start with `invalid`, `busy` or `risky` get WeChat's 40029, 45011 and 40226.
 */

export interface FakeWechat {
  url: string;
  appId: string;
  secret: string;
  /** The openid WeChat would give the person a code names. */
  openidFor(code: string): string;
  /** Every request received, for tests to inspect. */
  requests: { path: string; query: Record<string, string> }[];
  stop(): Promise<void>;
}

export async function startFakeWechat(opts: { appId?: string; secret?: string; port?: number } = {}): Promise<FakeWechat> {
  const appId = opts.appId ?? 'wx-local-appid';
  const secret = opts.secret ?? 'local-secret';
  const usedCodes = new Set<string>();
  const requests: FakeWechat['requests'] = [];
  const openidFor = (code: string) =>
    `o${createHash('sha256').update(`${appId}:${code.split('.')[0]}`).digest('base64url').slice(0, 27)}`;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-wechat');
    const query = Object.fromEntries(url.searchParams);
    requests.push({ path: url.pathname, query });
    const reply = (body: object) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
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
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    secret,
    openidFor,
    requests,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
