import type { Me, Session } from '@yz/shared';
import { startFakeWechat, type FakeWechat } from '../../dev/src/fake-wechat';
import { WechatClient } from '../../functions/src/platform/wechat';
import { loginWechat, request } from '../helpers/api';
import { startTestStack, type TestStack } from '../helpers/stack';

/** WeChat login end to end: the real client, against the fake WeChat server, behind the real handlers. */

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack.stop();
});

describe('the WeChat client against the fake WeChat server', () => {
  let wechat: FakeWechat;
  let client: WechatClient;
  beforeAll(async () => {
    wechat = await startFakeWechat({ appId: 'wx-test', secret: 's3cret' });
    client = new WechatClient({ apiBase: wechat.url, credentials: async () => ({ appId: 'wx-test', secret: 's3cret' }) });
  });
  afterAll(async () => {
    await wechat.stop();
  });

  test('a code becomes an openid and a session key, sent with appid, secret and grant type', async () => {
    const result = await client.code2Session('carol.1');
    expect(result.openid).toBe(wechat.openidFor('carol.1'));
    expect(result.sessionKey).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    const last = wechat.requests[wechat.requests.length - 1]!;
    expect(last.path).toBe('/sns/jscode2session');
    expect(last.query).toEqual({ appid: 'wx-test', secret: 's3cret', js_code: 'carol.1', grant_type: 'authorization_code' });
  });

  test.each([
    ['invalid-code', 400, 'WECHAT_CODE_INVALID'],
    ['busy-now', 429, 'WECHAT_RATE_LIMITED'],
    ['risky-person', 403, 'WECHAT_RISKY_USER'],
  ])('WeChat error for %s becomes %i %s', async (code, status, errorCode) => {
    await expect(client.code2Session(code)).rejects.toMatchObject({ status, code: errorCode });
  });

  test('a code works once (40163 the second time)', async () => {
    await client.code2Session('dave.1');
    await expect(client.code2Session('dave.1')).rejects.toMatchObject({ status: 400, code: 'WECHAT_CODE_USED' });
  });

  test('a wrong secret is reported as WeChat being unavailable, not as a user error', async () => {
    const wrong = new WechatClient({ apiBase: wechat.url, credentials: async () => ({ appId: 'wx-test', secret: 'nope' }) });
    await expect(wrong.code2Session('erin.1')).rejects.toMatchObject({ status: 502, code: 'WECHAT_UNAVAILABLE' });
  });

  test('WeChat unreachable becomes 503 WECHAT_UNAVAILABLE', async () => {
    const down = new WechatClient({ apiBase: 'http://127.0.0.1:9', credentials: async () => ({ appId: 'wx-test', secret: 's3cret' }), timeoutMs: 2000 });
    await expect(down.code2Session('frank.1')).rejects.toMatchObject({ status: 503, code: 'WECHAT_UNAVAILABLE' });
  });
});

describe('POST /auth/wechat', () => {
  test('logs in, returns our own token (never the session key), and the token works', async () => {
    const res = await loginWechat(stack.url, 'alice.1');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['expiresAt', 'me', 'token']);
    expect(JSON.stringify(res.body)).not.toMatch(/session_?key/i);
    expect(res.body.me.roles).toEqual(['worker']);
    const me = await request<Me>(stack.url, 'GET', '/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(res.body.me.id);
  });

  test('the same WeChat user is the same account on every login; another person is another account', async () => {
    const first = await loginWechat(stack.url, 'gina.1');
    const again = await loginWechat(stack.url, 'gina.2');
    const other = await loginWechat(stack.url, 'hank.1');
    expect(again.body.me.id).toBe(first.body.me.id);
    expect(other.body.me.id).not.toBe(first.body.me.id);
  });

  test('first logins of one person at the same moment still make one account', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => loginWechat(stack.url, `ivy.${i}`)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(results.map((r) => r.body.me.id)).size).toBe(1);
  });

  test.each([
    ['invalid-x', 400, 'WECHAT_CODE_INVALID'],
    ['busy-x', 429, 'WECHAT_RATE_LIMITED'],
    ['risky-x', 403, 'WECHAT_RISKY_USER'],
  ])('%s answers %i %s with a Chinese message', async (code, status, errorCode) => {
    const res = await request<{ code: string; message: string }>(stack.url, 'POST', '/auth/wechat', { body: { code } });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(errorCode);
    expect(res.body.message).toMatch(/[\u4e00-\u9fa5]/);
    if (status === 429) expect(res.headers.get('retry-after')).toBe('60');
  });

  test('a used code is refused', async () => {
    expect((await loginWechat(stack.url, 'jack.1')).status).toBe(200);
    const again = await loginWechat(stack.url, 'jack.1');
    expect(again.status).toBe(400);
    expect((again.body as unknown as { code: string }).code).toBe('WECHAT_CODE_USED');
  });

  test('a missing or malformed code is a 400 naming the field', async () => {
    const missing = await request<{ code: string; field: string }>(stack.url, 'POST', '/auth/wechat', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('code');
    const extra = await request<{ code: string }>(stack.url, 'POST', '/auth/wechat', { body: { code: 'kim.1', openid: 'forged' } });
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe('UNKNOWN_FIELD');
  });

  test('the session ends at logout and other sessions of the same person stay', async () => {
    const a = (await loginWechat(stack.url, 'lena.1')).body as Session;
    const b = (await loginWechat(stack.url, 'lena.2')).body as Session;
    expect((await request(stack.url, 'POST', '/auth/logout', { token: a.token })).status).toBe(204);
    const after = await request<{ code: string }>(stack.url, 'GET', '/me', { token: a.token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('SESSION_EXPIRED');
    expect((await request(stack.url, 'GET', '/me', { token: b.token })).status).toBe(200);
  });
});
