import type { ApiErrorBody, ProblemReport, ReportPage } from '@yz/shared';
import { startDynamoLocal, type DynamoLocal } from '../../dev/src/dynamodb-local';
import { checkData } from '../../dev/src/check-data';
import { DB_TIMEOUTS } from '../../functions/src/platform/db';
import { loginAs, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * When the database stalls: this file runs its OWN DynamoDB Local (it pauses the java process, which
 * would stall every other test file on the shared one), with the client settings that ship
 * (DB_TIMEOUTS). Writes go through the real handlers; during the pause every request must answer 503
 * SERVICE_UNAVAILABLE with Retry-After within 3 s; after SIGCONT the API must recover within 5 s, and
 * every write acknowledged with 201 must be there, and the data invariants (dev/src/check-data.ts,
 * `npm run check:data`) must hold.
 */

const station = makeStation({ id: 'stall-station' });
let engine: DynamoLocal;
let stack: TestStack;
let worker: string;

beforeAll(async () => {
  engine = await startDynamoLocal();
  stack = await startTestStack({ dynamodbEndpoint: engine.endpoint, dbTimeouts: DB_TIMEOUTS });
  await putStations(stack, [station]);
  worker = (await loginAs(stack.url, 'worker')).token;
}, 120_000);
afterAll(async () => {
  if (engine) process.kill(engine.pid, 'SIGCONT');
  await stack?.stop();
  await engine?.stop();
});

const post = () => request<ProblemReport | ApiErrorBody>(stack.url, 'POST', `/stations/${station.id}/reports`, { token: worker, body: { kind: 'closed' } });

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: Math.round(performance.now() - started), value };
}

it('answers 503 with Retry-After within 3 s while the database is paused, recovers within 5 s, and loses nothing acknowledged', async () => {
  const acknowledged: string[] = [];
  const record = (res: Awaited<ReturnType<typeof post>>) => {
    if (res.status === 201) acknowledged.push((res.body as ProblemReport).id);
  };
  for (let i = 0; i < 5; i += 1) record(await post());
  expect(acknowledged).toHaveLength(5);

  process.kill(engine.pid, 'SIGSTOP');
  const during = await Promise.all(
    Array.from({ length: 6 }, (_, i) =>
      timed(() => (i % 2 === 0 ? post() : request<ApiErrorBody>(stack.url, 'GET', `/stations/${station.id}/reports`, { token: worker }))),
    ),
  );
  const resumedAt = performance.now();
  process.kill(engine.pid, 'SIGCONT');

  const timings = during.map((d) => d.ms);
  console.log(`during the pause: statuses ${during.map((d) => d.value.status).join(',')}; ms ${timings.join(',')} (max ${Math.max(...timings)})`);
  for (const { ms, value } of during) {
    expect(value.status).toBe(503);
    expect(value.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(value.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(ms).toBeLessThan(3_000);
  }

  // Recovery: the first 201 after SIGCONT, within 5 s.
  let recoveredMs = -1;
  while (performance.now() - resumedAt < 5_000) {
    const res = await post();
    record(res);
    if (res.status === 201) {
      recoveredMs = Math.round(performance.now() - resumedAt);
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`recovered ${recoveredMs} ms after SIGCONT`);
  expect(recoveredMs).toBeGreaterThanOrEqual(0);
  expect(recoveredMs).toBeLessThan(5_000);

  // Nothing acknowledged was lost (a write refused with 503 may or may not have landed: the client retries).
  const host = (await loginAs(stack.url, 'admin')).token;
  const listed = await request<ReportPage>(stack.url, 'GET', `/stations/${station.id}/reports?limit=50`, { token: host });
  expect(listed.status).toBe(200);
  const ids = new Set(listed.body.items.map((r) => r.id));
  for (const id of acknowledged) expect(ids.has(id)).toBe(true);

  const report = await checkData(stack.platform.db);
  expect(report.violations).toEqual([]);
  expect(report.read.stations).toBe(1);
}, 60_000);
