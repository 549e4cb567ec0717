import { randomBytes } from 'node:crypto';
import type { Station } from '@yz/shared';
import type { Config } from '../../functions/src/platform/config';
import type { DbTimeouts } from '../../functions/src/platform/db';
import { startLocalStack, type LocalStack } from '../../dev/src/stack';
import { DynamoStationStore } from '../../functions/src/stations/store';
import { staffTokens, type StaffTokens } from './api';
import { testEndpoint } from './engine';

export { makeStation, stationAt } from './stations';

/** The local stack as tests use it (no timer runs the jobs: tests run them on demand, with a chosen clock). */
export interface TestStack extends Pick<LocalStack, 'url' | 'platform' | 'wechat' | 'seeded' | 'outbox' | 'claimExpiry' | 'staleDigest' | 'tiles' | 'stop'> {
  /** This stack's tables are `${tablePrefix}stations` etc.; no other stack sees them. */
  tablePrefix: string;
}

export function uniqueTablePrefix(): string {
  return `t-${randomBytes(6).toString('hex')}-`;
}

/**
 * The real handlers behind a real HTTP server on a free port, on the run's shared DynamoDB Local,
 * with fresh tables under a random prefix. Call `await stack.stop()` in afterAll.
 */
export async function startTestStack(
  opts: { seed?: boolean; tablePrefix?: string; devLogin?: boolean; limits?: Config['limits']; wishes?: Config['wishes']; dynamodbEndpoint?: string; dbTimeouts?: Partial<DbTimeouts>; allowedOrigins?: string[]; tiles?: boolean } = {},
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
    tiles: opts.tiles,
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
    tiles: stack.tiles,
    stop: () => stack.stop(),
  };
}

/**
 * A review test file's world: the stack, started before the file's tests and stopped after them, and
 * the tokens of the staff personas (district staff, another district's, city staff, an admin). Read
 * its fields inside tests and hooks, once they exist.
 */
export function stackWithStaff(): { readonly stack: TestStack; readonly staff: StaffTokens } {
  let stack: TestStack | undefined;
  let staff: StaffTokens | undefined;
  beforeAll(async () => {
    stack = await startTestStack();
    staff = await staffTokens(stack.url);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (!value) throw new Error('the test stack is not started yet: use it inside a test or hook');
    return value;
  };
  return {
    get stack() {
      return started(stack);
    },
    get staff() {
      return started(staff);
    },
  };
}

/** Write stations straight to the stack's table, the way the demo loader and imports do. */
export async function putStations(stack: Pick<TestStack, 'platform'>, stations: Station[]): Promise<void> {
  await new DynamoStationStore(stack.platform.db).putMany(stations);
}
