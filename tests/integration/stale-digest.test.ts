import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { toShanghaiIso } from '@yz/shared';
import { loginAs } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * The weekly stale digest (jobs/stale-digest.ts) against DynamoDB Local: each district's staff get one
 * subscribe message in the outbox naming the stations whose last verification turned 90 days old in
 * the past week; nobody else gets one, and a second run of the same week queues nothing more.
 */

let stack: TestStack;
const DAY = 86_400_000;
const NOW = new Date();
const ago = (days: number) => toShanghaiIso(new Date(NOW.getTime() - days * DAY));
const DUCHANG = { code: '360428', name: '都昌县' };
const LANGYA = { code: '341102', name: '琅琊区' };

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [
    makeStation({ id: 'sd-a', name: '甲 驿站', district: DUCHANG, lastVerifiedAt: ago(92) }),
    makeStation({ id: 'sd-b', name: '乙 驿站', district: DUCHANG, lastVerifiedAt: ago(100) }),
    makeStation({ id: 'sd-c', name: '丙 驿站', district: DUCHANG, lastVerifiedAt: ago(10) }),
    makeStation({ id: 'sd-d', name: '丁 驿站', district: DUCHANG }),
    makeStation({ id: 'sd-e', name: '戊 驿站', district: DUCHANG }),
    makeStation({ id: 'sd-f', name: '己 驿站', district: DUCHANG, lastVerifiedAt: ago(95) }),
    makeStation({ id: 'sd-g', name: '庚 驿站', district: DUCHANG, lastVerifiedAt: ago(92), status: 'inactive' }),
    makeStation({ id: 'sd-l', name: '琅琊 驿站', district: LANGYA, location: { lat: 32.3, lng: 118.31 }, lastVerifiedAt: ago(91) }),
  ]);
  const confirm = (id: string, days: number) =>
    stack.platform.db.doc.send(
      new UpdateCommand({
        TableName: stack.platform.db.table('stations'),
        Key: { id },
        UpdateExpression: 'SET workerConfirmedAt = :t',
        ExpressionAttributeValues: { ':t': new Date(NOW.getTime() - days * DAY).toISOString() },
      }),
    );
  // 戊: only workers confirmed it, 93 days ago (stale this week). 己: the host's check is old, a worker's is fresh.
  await confirm('sd-e', 93);
  await confirm('sd-f', 3);
  // The staff accounts exist once they have signed in.
  for (const p of ['district-staff', 'district-staff-other', 'district-staff-beihai', 'city-staff'] as const) await loginAs(stack.url, p);
}, 120_000);
afterAll(async () => {
  await stack.stop();
});

interface Payload {
  userId: string;
  templateId: string;
  page: string;
  data: Record<string, string>;
}

async function queued(): Promise<Payload[]> {
  const due = await stack.outbox.outbox.due(new Date(NOW.getTime() + 365 * DAY), 1000);
  return due.map((m) => m.payload as unknown as Payload).filter((p) => p.templateId === 'local-tmpl-stale-digest');
}

test('each district with stations gone stale this week gets one message per staff member, naming them', async () => {
  const report = await stack.staleDigest.run(NOW);
  expect(report).toEqual({ districts: 3, staleStations: 3, messages: 2 });
  const messages = (await queued()).sort((a, b) => a.userId.localeCompare(b.userId));
  expect(messages.map((m) => m.userId)).toEqual(['demo-staff-duchang', 'demo-staff-langya']);
  const [duchang, langya] = messages;
  expect(duchang).toMatchObject({
    page: 'pkg-staff/health/index?region=360428',
    data: { thing1: '都昌县2个驿站超过90天未核实', thing2: '甲 驿站等2个', thing4: '请联系负责人确认信息无误' },
  });
  expect(duchang!.data.time3).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(langya!.data).toMatchObject({ thing1: '琅琊区1个驿站超过90天未核实', thing2: '琅琊 驿站' });
  for (const m of messages) for (const value of Object.values(m.data)) expect(value.length).toBeLessThanOrEqual(20);
});

test('a second run in the same week queues nothing twice; a week later the same stations are old news', async () => {
  expect((await stack.staleDigest.run(new Date(NOW.getTime() + 60_000))).messages).toBe(0);
  expect(await queued()).toHaveLength(2);
  const nextWeek = await stack.staleDigest.run(new Date(NOW.getTime() + 8 * DAY));
  // 丙 (10 days) is still fresh at 18 days, and the others went stale last week: nothing new.
  expect(nextWeek).toEqual({ districts: 3, staleStations: 0, messages: 0 });
});
