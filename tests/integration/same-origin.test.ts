import http from 'node:http';
import type { Session } from '@yz/shared';
import { createLocalApp } from '../../dev/src/server';
import { createHandlers } from '../../dev/src/stack';
import { request } from '../helpers/api';
import { startTestStack, type TestStack } from '../helpers/stack';

/**
 * The local server answers browsers from its own origin only. Its development sign-in mints admin
 * tokens, so a page on another site, open in the developer's browser, must not be able to read it:
 * it used to echo any Origin back in Access-Control-Allow-Origin, on every route.
 */

const EVIL = 'https://evil.example';
const TOOL = 'http://localhost:5173';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ allowedOrigins: [TOOL] });
});
afterAll(async () => {
  await stack?.stop();
});

function preflight(origin: string) {
  return fetch(`${stack.url}/auth/dev`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
}

/** A request with a Host header of our choosing, which fetch does not let a caller set. */
function getWithHost(host: string, path: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers: { host } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the local server is same-origin only', () => {
  it('gives a page on another site no CORS answer from the development sign-in', async () => {
    const res = await request<Session>(stack.url, 'POST', '/auth/dev', { body: { persona: 'admin' }, headers: { origin: EVIL } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it("refuses another site's preflight", async () => {
    const res = await preflight(EVIL);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: 'CROSS_ORIGIN_REFUSED', message: expect.stringMatching(/[\u4e00-\u9fff]/) });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('gives no CORS answer on other routes either', async () => {
    const res = await fetch(`${stack.url}/openapi.json`, { headers: { origin: EVIL } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("serves the app's own origin", async () => {
    const res = await request<Session>(stack.url, 'POST', '/auth/dev', { body: { persona: 'admin' }, headers: { origin: stack.url } });
    expect(res.status).toBe(200);
    expect(res.body.token).toEqual(expect.any(String));
  });

  it('allows a loopback origin the stack was configured with, and only that one', async () => {
    const ok = await preflight(TOOL);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(TOOL);
    const res = await request<Session>(stack.url, 'POST', '/auth/dev', { body: { persona: 'worker' }, headers: { origin: TOOL } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(TOOL);

    const otherPort = await preflight('http://localhost:5174');
    expect(otherPort.status).toBe(403);
    expect(otherPort.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a host name re-pointed at this machine (DNS rebinding), and serves IP addresses and localhost', async () => {
    const { port } = new URL(stack.url);
    const rebound = await getWithHost(`evil.example:${port}`, '/auth/dev/personas');
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ code: 'CROSS_ORIGIN_REFUSED' });
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await getWithHost(host, '/auth/dev/personas')).status).toBe(200);
    }
  });

  it('will not be configured to allow an origin off this machine', () => {
    for (const origin of [EVIL, 'http://192.168.1.5:8787', 'http://localhost.evil.example', 'http://localhost:5173/path', 'null']) {
      expect(() => createLocalApp({ handlers: createHandlers(stack.platform), allowedOrigins: [origin] })).toThrow(/not a loopback origin/);
    }
  });
});
