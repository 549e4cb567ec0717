import type { Context } from 'aws-lambda';
import type * as OutboxModule from '../../functions/src/jobs/outbox';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { physicalTableName } from '@yz/functions';
import type { Application, Session } from '@yz/shared';
import type { OutboxMessage } from '../../functions/src/platform/outbox';
import { AccessTokenCache, sendSubscribeMessage, WechatApiError } from '../../functions/src/platform/wechat';
import { loginAs, loginWechat, request } from '../helpers/api';
import { applicationBody } from '../helpers/membership';
import { startTestStack, type TestStack } from '../helpers/stack';

/**
 * Decisions reach the applicant through the outbox and WeChat subscribe messages, sent by the real
 * sender against the fake WeChat server: retries with backoff, final errors, the access-token cache.
 */

const TEMPLATE = 'local-tmpl-membership-result';
const SEND = '/cgi-bin/message/subscribe/send';

let stack: TestStack;
let staff: string;

beforeAll(async () => {
  stack = await startTestStack();
  staff = (await loginAs(stack.url, 'district-staff')).token;
});
afterAll(async () => {
  await stack.stop();
});

let people = 0;
/** An applicant signed in through WeChat (so they have an openid) who accepted the template `grants` times. */
async function applicant(grants = 1): Promise<{ session: Session; openid: string }> {
  people += 1;
  const code = `outbox-${people}-${Math.random().toString(36).slice(2)}.1`;
  const session = (await loginWechat(stack.url, code)).body;
  for (let i = 0; i < grants; i += 1) {
    const res = await request<{ grants: Record<string, number> }>(stack.url, 'POST', '/membership/subscriptions', {
      token: session.token,
      body: { results: { [TEMPLATE]: 'accept', 'some-other-template': 'accept' } },
    });
    expect(res.body.grants).toEqual({ [TEMPLATE]: i + 1 });
  }
  return { session, openid: stack.wechat.openidFor(code) };
}

async function decided(session: Session, action: 'approve' | 'reject' | 'return' = 'approve'): Promise<Application> {
  const app = await request<Application>(stack.url, 'POST', '/membership/applications', { token: session.token, body: applicationBody() });
  expect(app.status).toBe(201);
  const res = await request<Application>(stack.url, 'POST', `/membership/applications/${app.body.id}/decision`, {
    token: staff,
    body: { action, version: 1, ...(action === 'approve' ? {} : { note: '请补充工作证明材料' }) },
  });
  expect(res.status).toBe(200);
  return res.body;
}

async function messagesFor(userId: string): Promise<OutboxMessage[]> {
  const out = await stack.platform.db.raw.send(new ScanCommand({ TableName: physicalTableName(stack.tablePrefix, 'outbox') }));
  return (out.Items ?? []).map((i) => unmarshall(i) as OutboxMessage).filter((m) => (m.payload as { userId?: string }).userId === userId);
}

const seconds = (base: Date, s: number) => new Date(base.getTime() + s * 1000);

test('a decision is queued in its own transaction and sent as a subscribe message, using the grant', async () => {
  const { session, openid } = await applicant(1);
  const app = await decided(session);
  const [queued] = await messagesFor(session.me.id);
  expect(queued).toMatchObject({ kind: 'wechat.subscribe', status: 'pending', attempts: 0, queue: 'pending' });
  const report = await stack.outbox.drain(seconds(new Date(), 1));
  expect(report.sent).toBeGreaterThanOrEqual(1);
  const sent = stack.wechat.sentMessages.filter((m) => m.touser === openid);
  expect(sent).toEqual([
    {
      touser: openid,
      template_id: TEMPLATE,
      page: `pkg-member/status/index?id=${app.id}`,
      data: {
        thing1: { value: '工会入会申请' },
        phrase2: { value: '已通过' },
        time3: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) },
        thing4: { value: '欢迎加入工会，点击查看电子会员证' },
      },
    },
  ]);
  const [done] = await messagesFor(session.me.id);
  expect(done).toMatchObject({ status: 'sent', attempts: 1 });
  expect(done!.queue).toBeUndefined();
  // The grant is used up: a second decision for this person is not sent.
  const grants = await request<{ grants: Record<string, number> }>(stack.url, 'POST', '/membership/subscriptions', { token: session.token, body: { results: {} } });
  expect(grants.body.grants).toEqual({ [TEMPLATE]: 0 });
});

test('WeChat failing twice (45009, then busy) is retried with backoff, then sent once', async () => {
  const { session, openid } = await applicant(1);
  await decided(session, 'return');
  stack.wechat.failNext(SEND, 45009, 1);
  const t0 = seconds(new Date(), 1);
  expect(await stack.outbox.drain(t0)).toMatchObject({ claimed: 1, retried: 1, sent: 0 });
  let [message] = await messagesFor(session.me.id);
  expect(message).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('45009') });
  // Not due again until the backoff has passed.
  expect(await stack.outbox.drain(seconds(t0, 5))).toMatchObject({ claimed: 0 });
  stack.wechat.failNext(SEND, -1, 1);
  expect(await stack.outbox.drain(seconds(t0, 16))).toMatchObject({ claimed: 1, retried: 1 });
  [message] = await messagesFor(session.me.id);
  expect(message).toMatchObject({ attempts: 2, lastError: expect.stringContaining('-1') });
  expect(await stack.outbox.drain(seconds(t0, 30))).toMatchObject({ claimed: 0 });
  expect(await stack.outbox.drain(seconds(t0, 16 + 61))).toMatchObject({ claimed: 1, sent: 1 });
  [message] = await messagesFor(session.me.id);
  expect(message).toMatchObject({ status: 'sent', attempts: 3 });
  // The grant was taken once, on the first attempt, and the message went out once.
  expect(stack.wechat.sentMessages.filter((m) => m.touser === openid)).toHaveLength(1);
  expect(stack.wechat.sentMessages.find((m) => m.touser === openid)?.data.phrase2).toEqual({ value: '待修改' });
});

test('43101 (the user refused) is final: dead after one attempt, never retried', async () => {
  const { session, openid } = await applicant(1);
  await decided(session, 'reject');
  stack.wechat.failNext(SEND, 43101, 1);
  const t0 = seconds(new Date(), 1);
  expect(await stack.outbox.drain(t0)).toMatchObject({ claimed: 1, dead: 1 });
  const [message] = await messagesFor(session.me.id);
  expect(message).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringContaining('43101') });
  expect(await stack.outbox.drain(seconds(t0, 3600 * 24))).toMatchObject({ claimed: 0 });
  expect(stack.wechat.sentMessages.filter((m) => m.touser === openid)).toHaveLength(0);
});

test('47003 (template data rejected) from the sender is final too', async () => {
  const { session } = await applicant(1);
  await decided(session, 'return');
  stack.wechat.failNext(SEND, 47003, 1);
  expect(await stack.outbox.drain(seconds(new Date(), 1))).toMatchObject({ claimed: 1, dead: 1 });
  const [message] = await messagesFor(session.me.id);
  expect(message).toMatchObject({ status: 'dead', attempts: 1, lastError: expect.stringContaining('47003') });
});

test('a message that keeps failing is dead after the attempt limit', async () => {
  const { session } = await applicant(1);
  await decided(session, 'return');
  stack.wechat.failNext(SEND, 45009, 100);
  let at = seconds(new Date(), 1);
  const outcomes: string[] = [];
  for (let round = 0; round < 10; round += 1) {
    const report = await stack.outbox.drain(at);
    outcomes.push(report.dead ? 'dead' : report.retried ? 'retried' : 'idle');
    at = seconds(at, 4 * 3600);
  }
  stack.wechat.failNext(SEND, 45009, 0);
  expect(outcomes).toEqual(['retried', 'retried', 'retried', 'retried', 'retried', 'retried', 'retried', 'dead', 'idle', 'idle']);
  const [message] = await messagesFor(session.me.id);
  expect(message).toMatchObject({ status: 'dead', attempts: 8 });
});

test('no grant, or no WeChat identity: skipped without calling WeChat; the decision stands', async () => {
  const { session } = await applicant(0);
  const app = await decided(session);
  const before = stack.wechat.requests.filter((r) => r.path === SEND).length;
  expect(await stack.outbox.drain(seconds(new Date(), 1))).toMatchObject({ skipped: 1 });
  expect(stack.wechat.requests.filter((r) => r.path === SEND).length).toBe(before);
  const [message] = await messagesFor(session.me.id);
  expect(message).toMatchObject({ status: 'skipped', lastError: 'no subscription grant' });
  expect(app.status).toBe('approved');
});

test('the access token is fetched once and cached; an expired token (42001) is refreshed once', async () => {
  const tokens = new AccessTokenCache({ apiBase: stack.platform.config.wechat.apiBase, credentials: stack.platform.config.secrets.wechatCredentials });
  const opts = { apiBase: stack.platform.config.wechat.apiBase };
  const message = { touser: 'o-test-user', templateId: TEMPLATE, data: { thing1: '工会入会申请', phrase2: '已通过' } };
  await Promise.all([sendSubscribeMessage(tokens, opts, message), sendSubscribeMessage(tokens, opts, message), sendSubscribeMessage(tokens, opts, message)]);
  expect(tokens.fetches).toBe(1);
  stack.wechat.expireTokens();
  await sendSubscribeMessage(tokens, opts, message);
  expect(tokens.fetches).toBe(2);
  const refresh = stack.wechat.requests.filter((r) => r.path === '/cgi-bin/stable_token');
  expect(refresh.length).toBeGreaterThanOrEqual(2);
  await sendSubscribeMessage(tokens, opts, message);
  expect(tokens.fetches).toBe(2);
});

test('47003 (template data WeChat rejects) is thrown with its code by the client', async () => {
  const tokens = new AccessTokenCache({ apiBase: stack.platform.config.wechat.apiBase, credentials: stack.platform.config.secrets.wechatCredentials });
  const error = await sendSubscribeMessage(tokens, { apiBase: stack.platform.config.wechat.apiBase }, {
    touser: 'o-test-user',
    templateId: TEMPLATE,
    data: { thing1: '这是一段超过二十个字的说明文字，微信会拒绝这样的模板数据' },
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(WechatApiError);
  expect((error as WechatApiError).errcode).toBe(47003);
});

test('the scheduled Lambda entry drains with configuration from the environment', async () => {
  const { session, openid } = await applicant(1);
  await decided(session);
  const env = process.env;
  process.env = {
    ...env,
    YZ_STAGE: 'test',
    YZ_TABLE_PREFIX: stack.tablePrefix,
    YZ_DYNAMODB_ENDPOINT: stack.platform.config.dynamodbEndpoint,
    YZ_WECHAT_API_BASE: stack.platform.config.wechat.apiBase,
    POWERTOOLS_LOG_LEVEL: 'INFO',
  };
  // A fresh copy of the job module: its logger reads the log level when the module loads.
  let outboxLambda!: typeof OutboxModule.handler;
  jest.isolateModules(() => {
    ({ handler: outboxLambda } = jest.requireActual<typeof OutboxModule>('../../functions/src/jobs/outbox'));
  });
  // The job's log lines carry the invocation's id (no API request exists around a scheduled run).
  const written: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    const report = await outboxLambda({ job: 'outbox' }, lambdaContext('0f7a1c2e-job-outbox-invocation'));
    expect(report.sent).toBeGreaterThanOrEqual(1);
  } finally {
    write.mockRestore();
    process.env = env;
  }
  expect(stack.wechat.sentMessages.filter((m) => m.touser === openid)).toHaveLength(1);
  const lines = written.flatMap((w) => w.split('\n')).filter((l) => l.startsWith('{') && l.includes('"level"'));
  expect(lines.map((l) => (JSON.parse(l) as { message: string }).message)).toContain('outbox drained');
  for (const line of lines) {
    expect(JSON.parse(line)).toMatchObject({ correlation_id: '0f7a1c2e-job-outbox-invocation', function_request_id: '0f7a1c2e-job-outbox-invocation' });
  }
});

function lambdaContext(awsRequestId: string): Context {
  return {
    awsRequestId,
    functionName: 'yizhan-test-job-outbox',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:cn-north-1:123456789012:function:yizhan-test-job-outbox',
    memoryLimitInMB: '256',
    logGroupName: '/aws/lambda/yizhan-test-job-outbox',
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
