import { randomBytes } from 'node:crypto';
import type { Station } from '@yz/shared';
import type { OutboxJob } from '../../functions/src/jobs/outbox';
import type { ClaimExpiry } from '../../functions/src/wishes/expiry';
import type { StaleDigest } from '../../functions/src/jobs/stale-digest';
import type { FakeWechat } from '../../dev/src/fake-wechat';
import type { Platform } from '../../functions/src/platform';
import type { Config } from '../../functions/src/platform/config';
import type { DbTimeouts } from '../../functions/src/platform/db';
import { startLocalStack } from '../../dev/src/stack';
import { DynamoStationStore } from '../../functions/src/stations/store';
import { testEndpoint } from './engine';

export { makeStation, stationAt } from './stations';

export interface TestStack {
  /** Base URL of the local API, e.g. http://127.0.0.1:41234. */
  url: string;
  platform: Platform;
  /** The fake WeChat server this stack logs in through. */
  wechat: FakeWechat;
  /** This stack's tables are `${tablePrefix}stations` etc.; no other stack sees them. */
  tablePrefix: string;
  /** Demo stations loaded at start (0 unless seeded into new tables). */
  seeded: number;
  /** The outbox job: tests drain it on demand (no timer runs in tests). */
  outbox: OutboxJob;
  /** The claim-expiry job: tests run it with a chosen clock (no timer runs in tests). */
  claimExpiry: ClaimExpiry;
  /** The stale digest job: tests run it with a chosen clock. */
  staleDigest: StaleDigest;
  stop(): Promise<void>;
}

export function uniqueTablePrefix(): string {
  return `t-${randomBytes(6).toString('hex')}-`;
}

/**
 * The real handlers behind a real HTTP server on a free port, on the run's shared DynamoDB Local,
 * with fresh tables under a random prefix. Call `await stack.stop()` in afterAll.
 */
export async function startTestStack(
  opts: { seed?: boolean; tablePrefix?: string; devLogin?: boolean; limits?: Config['limits']; wishes?: Config['wishes']; dynamodbEndpoint?: string; dbTimeouts?: Partial<DbTimeouts>; allowedOrigins?: string[] } = {},
): Promise<TestStack> {
  const tablePrefix = opts.tablePrefix ?? uniqueTablePrefix();
  const stack = await startLocalStack({
    dynamodbEndpoint: opts.dynamodbEndpoint ?? testEndpoint(),
    tablePrefix,
    port: 0,
    stage: 'test',
    seed: opts.seed ?? false,
    devLogin: opts.devLogin ?? true,
    // Tests make many requests from one address; the rate-limit tests pass their own low limits.
    limits: opts.limits ?? { loginPerAddress: 100_000, writesPerUser: 100_000, writesPerAddress: 100_000 },
    searchCountFlushMs: 0,
    wishes: opts.wishes,
    // One engine serves every test file on a busy machine: a slow answer there is not a stalled database.
    // The stall test passes the shipped DB_TIMEOUTS.
    dbTimeouts: opts.dbTimeouts ?? { requestTimeoutMs: 15_000, maxAttempts: 3 },
    allowedOrigins: opts.allowedOrigins,
  });
  return {
    url: stack.url,
    platform: stack.platform,
    wechat: stack.wechat,
    tablePrefix,
    seeded: stack.seeded,
    outbox: stack.outbox,
    claimExpiry: stack.claimExpiry,
    staleDigest: stack.staleDigest,
    stop: () => stack.stop(),
  };
}

/** Write stations straight to the stack's table, the way the demo loader and imports do. */
export async function putStations(stack: Pick<TestStack, 'platform'>, stations: Station[]): Promise<void> {
  await new DynamoStationStore(stack.platform.db).putMany(stations);
}
