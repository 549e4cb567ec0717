import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * A record of the AWS calls each function makes, for comparing with what the CDK app grants it
 * (scripts/check-iam.ts). DynamoDB Local and the local photo folder enforce no IAM, so a missing grant
 * would only show in AWS: the integration tests set YZ_RECORD_AWS_CALLS to a folder and every call
 * (or, where nothing local speaks to AWS, the call the code would send: the photo stores, the cipher,
 * the secrets) is appended there as a JSON line. Off (one env look-up per call) when the variable is unset.
 *
 * Which function is running: in AWS each domain and job is its own Lambda; locally one process runs
 * them all, so the local server and the tests name the function whose code runs with `runAsFunction`.
 */
export const RECORD_AWS_CALLS_VARIABLE = 'YZ_RECORD_AWS_CALLS';

export type AwsService = 'dynamodb' | 's3' | 'kms' | 'secretsmanager';

export interface AwsCall {
  /** The domain (`wishes`) or job (`job-outbox`) whose code sent the call. */
  function: string;
  service: AwsService;
  /** The IAM action without its service (`PutItem`, `PutObject`, `GenerateDataKey`, `GetSecretValue`). */
  action: string;
  /**
   * What it acts on, as the check names it: `table/<table>` or `table/<table>/index/<index>` (the
   * table's key in functions/src/tables.ts), `photos/<object key>`, `key/envelope`, `secret/<name>`.
   */
  resource: string;
}

const current = new AsyncLocalStorage<string>();

/** Runs `work` (and whatever it starts) as the code of `fn`: a domain name or `job-<job>`. */
export function runAsFunction<T>(fn: string, work: () => T): T {
  return current.run(fn, work);
}

const written = new Set<string>();

/** Notes one call of the running function; nothing when not recording or outside any function. */
export function recordAwsCall(service: AwsService, action: string, resource: string): void {
  const dir = process.env[RECORD_AWS_CALLS_VARIABLE];
  if (!dir) return;
  const fn = current.getStore();
  // Setup work (creating tables, demo data, a test's own fixtures) is no function's code.
  if (!fn) return;
  const line = JSON.stringify({ function: fn, service, action, resource } satisfies AwsCall);
  // The same call is made thousands of times in a run; once is all the check needs.
  const key = `${dir}\n${line}`;
  if (written.has(key)) return;
  written.add(key);
  mkdirSync(dir, { recursive: true });
  appendFileSync(path.join(dir, `calls-${process.pid}.jsonl`), `${line}\n`);
}

/** DynamoDB's item actions inside a TransactWriteItems, as IAM authorises each. */
const TRANSACT_ACTIONS: Record<string, string> = { Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' };

/**
 * The (action, table, index) pairs one DynamoDB command needs, with physical table names. Batches
 * and transactions are authorised per item: BatchWriteItem and BatchGetItem on each table they
 * touch, a transaction as the Put / Update / Delete / ConditionCheck (or Get) it holds.
 */
export function dynamoCalls(commandName: string, input: Record<string, unknown>): { action: string; table: string; index?: string }[] {
  const action = commandName.replace(/Command$/, '');
  if (action === 'TransactWriteItems' || action === 'TransactGetItems') {
    const items = (input.TransactItems ?? []) as Record<string, { TableName?: string }>[];
    return items.flatMap((item) =>
      Object.entries(item).map(([kind, op]) => ({ action: action === 'TransactGetItems' ? 'GetItem' : (TRANSACT_ACTIONS[kind] ?? kind), table: op.TableName ?? '?' })),
    );
  }
  if (action === 'BatchWriteItem' || action === 'BatchGetItem') {
    return Object.keys((input.RequestItems ?? {}) as object).map((table) => ({ action, table }));
  }
  const table = typeof input.TableName === 'string' ? input.TableName : '?';
  return [{ action, table, ...(typeof input.IndexName === 'string' ? { index: input.IndexName } : {}) }];
}
