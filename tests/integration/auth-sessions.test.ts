import { SignJWT } from 'jose';
import type { Me } from '@yz/shared';
import { localSecrets } from '../../functions/src/platform/config';
import { SessionTokens } from '../../functions/src/platform/tokens';
import { loginAs, loginWechat, request } from '../helpers/api';
import { startTestStack, type TestStack } from '../helpers/stack';

/** Tokens, revocation, account deletion and data export. */

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack.stop();
});

test('no token, a malformed header, a forged or tampered token: 401, never 5xx', async () => {
  expect((await request(stack.url, 'GET', '/me')).status).toBe(401);
  expect((await request(stack.url, 'GET', '/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  const session = await loginAs(stack.url, 'worker');
  const [h, p, sig] = session.token.split('.');
  const tampered = `${h}.${p}.${sig!.slice(0, -2)}${sig!.endsWith('AA') ? 'BB' : 'AA'}`;
  expect((await request(stack.url, 'GET', '/me', { token: tampered })).status).toBe(401);
  const forged = await new SignJWT({ sid: 'x' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('demo-admin')
    .setIssuer('yizhan')
    .setAudience('yizhan-api')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode('a-key-that-is-not-the-servers-key-at-all!!'));
  expect((await request(stack.url, 'GET', '/me', { token: forged })).status).toBe(401);
});

test('an expired token is refused even though its session exists', async () => {
  const session = await loginAs(stack.url, 'worker');
  const tokens = new SessionTokens(localSecrets().tokenKey);
  const claims = await tokens.verify(session.token);
  const expired = await tokens.sign({ userId: claims!.userId, sessionId: claims!.sessionId, expiresAt: new Date(Date.now() - 1000) });
  const res = await request<{ code: string }>(stack.url, 'GET', '/me', { token: expired });
  expect(res.status).toBe(401);
  expect(res.body.code).toBe('SESSION_EXPIRED');
});

test('a public route ignores a stale token instead of refusing the request', async () => {
  const session = await loginAs(stack.url, 'worker');
  await request(stack.url, 'POST', '/auth/logout', { token: session.token });
  const res = await request(stack.url, 'GET', '/stations/nearby?lat=29.27&lng=116.2', { token: session.token });
  expect(res.status).toBe(200);
});

test('role changes take effect on the very next call with the same token', async () => {
  const worker = (await loginWechat(stack.url, 'mona.1')).body;
  const admin = await loginAs(stack.url, 'admin');
  expect((await request(stack.url, 'GET', '/audit?regionCode=360428', { token: worker.token })).status).toBe(403);

  const grant = await request(stack.url, 'POST', '/admin/staff', { token: admin.token, body: { userId: worker.me.id, regionCode: '360428' } });
  expect(grant.status).toBe(200);
  expect((await request<Me>(stack.url, 'GET', '/me', { token: worker.token })).body.roles).toContain('staff');
  expect((await request(stack.url, 'GET', '/audit?regionCode=360428', { token: worker.token })).status).toBe(200);

  const revoke = await request(stack.url, 'DELETE', `/admin/staff/${worker.me.id}/360428`, { token: admin.token });
  expect(revoke.status).toBe(204);
  expect((await request<Me>(stack.url, 'GET', '/me', { token: worker.token })).body.roles).not.toContain('staff');
  expect((await request(stack.url, 'GET', '/audit?regionCode=360428', { token: worker.token })).status).toBe(403);

  const staff = await request<{ items: { userId: string }[] }>(stack.url, 'GET', '/admin/staff', { token: admin.token });
  expect(staff.body.items.map((s) => s.userId)).not.toContain(worker.me.id);
});

test('granting staff to an unknown user is a 404 with a clear message', async () => {
  const admin = await loginAs(stack.url, 'admin');
  const res = await request<{ code: string; message: string }>(stack.url, 'POST', '/admin/staff', {
    token: admin.token,
    body: { userId: 'u_nobody', regionCode: '36' },
  });
  expect(res.status).toBe(404);
  expect(res.body.code).toBe('USER_NOT_FOUND');
});

test('GET /me/data exports the account and its sessions; DELETE /me removes it and ends every session', async () => {
  const first = (await loginWechat(stack.url, 'nora.1')).body;
  const second = (await loginWechat(stack.url, 'nora.2')).body;
  const data = await request<{ account: Me; sessions: unknown[]; exportedAt: string }>(stack.url, 'GET', '/me/data', { token: first.token });
  expect(data.status).toBe(200);
  expect(data.body.account.id).toBe(first.me.id);
  expect(data.body.sessions).toHaveLength(2);

  expect((await request(stack.url, 'DELETE', '/me', { token: first.token })).status).toBe(204);
  expect((await request(stack.url, 'GET', '/me', { token: first.token })).status).toBe(401);
  expect((await request(stack.url, 'GET', '/me', { token: second.token })).status).toBe(401);

  // The audit log keeps that an account was deleted, by id only: no openid, nothing personal.
  const admin = await loginAs(stack.url, 'admin');
  const audit = await request<{ items: { action: string; targetId: string; detail: Record<string, string> }[] }>(stack.url, 'GET', '/audit?regionCode=00', {
    token: admin.token,
  });
  const entry = audit.body.items.find((e) => e.action === 'account.delete' && e.targetId === first.me.id);
  expect(entry).toBeDefined();
  expect(JSON.stringify(entry)).not.toContain(stack.wechat.openidFor('nora.1'));

  // Logging in again with WeChat makes a new, empty account.
  const again = (await loginWechat(stack.url, 'nora.3')).body;
  expect(again.me.id).not.toBe(first.me.id);
});
