import { randomUUID } from 'node:crypto';
import { contract, routeKey, routeNames, type RouteDef } from '@yz/shared';
import { createHandlers, localConfig } from '../../dev/src/stack';
import { configFromEnv } from '../../functions/src/platform/config';
import { createDb } from '../../functions/src/platform/db';
import { AppError } from '../../functions/src/platform/errors';
import { RateLimiter } from '../../functions/src/platform/rate-limit';
import { deployedEnv } from '../helpers/deploy-settings';
import { loginAs, request } from '../helpers/api';
import { testEndpoint } from '../helpers/engine';
import { startTestStack, uniqueTablePrefix, type TestStack } from '../helpers/stack';

/** Rate limits, body size, unknown fields, and the development login's absence outside development. */

describe('rate limits', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ limits: { loginPerAddress: 3, writesPerUser: 4, writesPerAddress: 1000 } });
  });
  afterAll(async () => {
    await stack.stop();
  });

  /** Hits `key` at each time (ms); the times at which a hit passed. The clock is injected, not slept. */
  async function drive(limiter: RateLimiter, key: string, limit: number, times: number[]): Promise<number[]> {
    const passed: number[] = [];
    for (const t of times) {
      try {
        await limiter.hit(key, limit, new Date(t));
        passed.push(t);
      } catch (error) {
        if (!(error instanceof AppError && error.status === 429)) throw error;
      }
    }
    return passed;
  }
  /** The most passes inside any 60-second span [p, p + 60 s). */
  const busiestMinute = (passed: number[]) => Math.max(0, ...passed.map((p) => passed.filter((q) => q >= p && q < p + 60_000).length));
  const MINUTE_EDGE = Date.UTC(2027, 0, 4, 8, 0, 0);

  test('a 60/minute limit lets at most 60 through in any 60 seconds, across a window edge too', async () => {
    const limiter = new RateLimiter(stack.platform.db);
    // 60 just before a minute boundary, 60 just after: a fixed window let all 120 through.
    const edge = [...Array.from({ length: 60 }, (_, i) => MINUTE_EDGE - 1000 + i * 10), ...Array.from({ length: 60 }, (_, i) => MINUTE_EDGE + 1000 + i * 10)];
    const passed = await drive(limiter, `test:edge:${randomUUID()}`, 60, edge);
    expect(passed.length).toBe(60);
    expect(busiestMinute(passed)).toBeLessThanOrEqual(60);

    // A bursty stream over five minutes (deterministic pseudo-random gaps): never more than 60 in any
    // 60 s, and the limiter keeps letting hits through as the window slides.
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const times: number[] = [];
    for (let t = MINUTE_EDGE + 600_000; t < MINUTE_EDGE + 900_000; t += random() < 0.9 ? 50 + Math.floor(random() * 200) : 2_000 + Math.floor(random() * 8_000)) times.push(t);
    const stream = await drive(limiter, `test:stream:${randomUUID()}`, 60, times);
    expect(busiestMinute(stream)).toBeLessThanOrEqual(60);
    expect(times.length).toBeGreaterThan(350);
    // Strict, but not starving: most of the five minutes' 300 places are used.
    expect(stream.length).toBeGreaterThanOrEqual(200);
  });

  test('a steady rate under the limit always passes; after a refusal, Retry-After is when one fits again', async () => {
    const limiter = new RateLimiter(stack.platform.db);
    const steady = Array.from({ length: 120 }, (_, i) => MINUTE_EDGE + 3_600_000 + i * 1_200);
    expect((await drive(limiter, `test:steady:${randomUUID()}`, 60, steady)).length).toBe(120);

    const key = `test:retry:${randomUUID()}`;
    const start = MINUTE_EDGE + 7_200_000 + 25_000;
    expect((await drive(limiter, key, 5, Array.from({ length: 5 }, () => start))).length).toBe(5);
    const refused = await limiter.hit(key, 5, new Date(start + 30_000)).then(
      () => null,
      (error: AppError) => error,
    );
    expect(refused?.status).toBe(429);
    const wait = Number(refused?.headers?.['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(30);
    expect(wait).toBeLessThanOrEqual(45);
    // A second before the advertised time it is still refused; at the time it passes.
    await expect(limiter.hit(key, 5, new Date(start + 30_000 + (wait - 1) * 1000))).rejects.toMatchObject({ status: 429 });
    await expect(limiter.hit(key, 5, new Date(start + 30_000 + wait * 1000))).resolves.toBeUndefined();
  });

  test('logins from one address beyond the limit get 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i += 1) {
      const res = await request(stack.url, 'POST', '/auth/wechat', { body: { code: `rl${i}.1` } });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
  });

  test('writes by one user beyond the limit get 429; reads are not limited', async () => {
    // Log in on a stack with a generous login limit but the same low write limit.
    const other = await startTestStack({ limits: { loginPerAddress: 100, writesPerUser: 4, writesPerAddress: 1000 } });
    try {
      const session = await loginAs(other.url, 'worker');
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        statuses.push((await request(other.url, 'POST', '/bindings', { token: session.token, body: { code: 'ABCDEFGH' } })).status);
      }
      expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
      for (let i = 0; i < 6; i += 1) expect((await request(other.url, 'GET', '/me', { token: session.token })).status).toBe(200);
    } finally {
      await other.stop();
    }
  });
});

describe('bodies', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack.stop();
  });

  test('a body over the size limit gets 413 before anything else', async () => {
    const res = await request<{ code: string }>(stack.url, 'POST', '/auth/wechat', { rawBody: JSON.stringify({ code: 'x'.repeat(70_000) }) });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('unknown fields, broken JSON and a missing body are precise 400s', async () => {
    const session = await loginAs(stack.url, 'admin');
    const unknown = await request<{ code: string; field: string }>(stack.url, 'POST', '/admin/staff', {
      token: session.token,
      body: { userId: 'demo-worker', regionCode: '36', isAdmin: true },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'UNKNOWN_FIELD', field: 'isAdmin' });
    const broken = await request<{ code: string }>(stack.url, 'POST', '/admin/staff', { token: session.token, rawBody: '{"userId":' });
    expect(broken.body.code).toBe('INVALID_JSON');
    const missing = await request<{ code: string }>(stack.url, 'POST', '/admin/staff', { token: session.token });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('MISSING_PARAMETER');
  });

  test('every body schema in the contract rejects unknown fields', () => {
    // A strict object refuses an unknown key; a union of bodies (a board post is a job or an event) is
    // strict when every option is: the probe then fails on the missing discriminator first.
    type Def = { type: string; options?: { def: Def }[]; catchall?: { def: Def }; in?: { def: Def } };
    const strict = (def: Def): boolean =>
      def.type === 'pipe' ? strict(def.in!.def)
      : def.type === 'union' ? (def.options ?? []).every((o) => strict(o.def))
      : def.type === 'object' && def.catchall?.def.type === 'never';
    for (const name of routeNames) {
      const route = contract[name] as RouteDef;
      if (!route.body) continue;
      const result = route.body.safeParse({ __unexpected__: 1 });
      expect(result.success).toBe(false);
      const def = (route.body as unknown as { def: Def }).def;
      if (!result.success && def.type !== 'union') expect([name, result.error.issues.some((i) => i.code === 'unrecognized_keys')]).toEqual([name, true]);
      expect([name, strict(def)]).toEqual([name, true]);
    }
  });
});

describe('the development login exists only with the development flag', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ devLogin: false });
  });
  afterAll(async () => {
    await stack.stop();
  });

  test('without the flag the dev routes are not there at all', async () => {
    const login = await request<{ code: string }>(stack.url, 'POST', '/auth/dev', { body: { persona: 'admin' } });
    expect(login.status).toBe(404);
    expect(login.body.code).toBe('ROUTE_NOT_FOUND');
    expect((await request(stack.url, 'GET', '/auth/dev/personas')).status).toBe(404);
    const doc = await request<{ paths: Record<string, unknown> }>(stack.url, 'GET', '/openapi.json');
    expect(Object.keys(doc.body.paths)).not.toContain('/auth/dev');
  });

  test('the Lambda handler itself refuses dev routes when the flag is off, whatever the event says', async () => {
    const config = localConfig({ endpoint: testEndpoint(), wechat: stack.wechat, tablePrefix: uniqueTablePrefix(), devLogin: false });
    const handlers = createHandlers({ config, db: createDb(config) });
    for (const name of routeNames) {
      const route = contract[name] as RouteDef;
      if (!route.devOnly) continue;
      const result = await handlers[route.domain]({
        routeKey: routeKey(route),
        rawPath: route.path,
        rawQueryString: '',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona: 'admin' }),
        isBase64Encoded: false,
        version: '2.0',
        requestContext: { http: { method: route.method, path: route.path, sourceIp: '10.0.0.1', protocol: 'HTTP/1.1', userAgent: 'test' } },
      } as never);
      expect(result.statusCode).toBe(404);
    }
  });

  // A deployed stage must bring its own keys for personal data (see the membership tests).
  const DEPLOYED_PII = { YZ_KMS_KEY_ARN: 'arn:aws-cn:kms:cn-north-1:123456789012:key/test', YZ_PII_HASH_KEY: 'h'.repeat(40) };

  test('a deployed stage refuses to start with the flag on', () => {
    expect(() => configFromEnv({ YZ_STAGE: 'prod', YZ_DEV_LOGIN: '1' })).toThrow(/refused/);
    expect(() => configFromEnv({ YZ_STAGE: 'dev', YZ_DEV_LOGIN: '1' })).toThrow(/refused/);
    expect(configFromEnv(deployedEnv('prod')).devLogin).toBe(false);
  });
});
