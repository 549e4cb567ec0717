import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { physicalTableName, tables, type TableName } from '../tables';
import { dynamoCalls, recordAwsCall } from './aws-calls';
import type { Config } from './config';

export type Db = {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  table: (name: TableName) => string;
};

/**
 * How long one DynamoDB call may take. A stalled or unreachable database must not hold a request until
 * API Gateway gives up (29 s): each attempt is cut off after `requestTimeoutMs` (the TCP connect after
 * `connectionTimeoutMs`) and tried `maxAttempts` times in all, so the first call that meets a stall
 * fails within about 2.5 s and the router answers 503 with Retry-After (platform/http.ts). DynamoDB
 * answers in milliseconds; a second is far above any healthy call, transactions included.
 */
export const DB_TIMEOUTS = { connectionTimeoutMs: 500, requestTimeoutMs: 1_100, maxAttempts: 2 } as const;

export type DbTimeouts = { connectionTimeoutMs: number; requestTimeoutMs: number; maxAttempts: number };

/**
 * One client per process, made at module load by the function's entry and reused by every request.
 * Against DynamoDB Local the endpoint is explicit and the credentials are dummies it ignores.
 */
export function createDb(config: Pick<Config, 'dynamodbEndpoint' | 'region' | 'tablePrefix'>, opts: Partial<DbTimeouts> = {}): Db {
  const timeouts = { ...DB_TIMEOUTS, ...opts };
  const raw = new DynamoDBClient({
    region: config.region,
    ...(config.dynamodbEndpoint
      ? { endpoint: config.dynamodbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    maxAttempts: timeouts.maxAttempts,
    requestHandler: { connectionTimeout: timeouts.connectionTimeoutMs, requestTimeout: timeouts.requestTimeoutMs, throwOnRequestTimeout: true },
  });
  recordCalls(raw, config.tablePrefix);
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { raw, doc, table: (name) => physicalTableName(config.tablePrefix, name) };
}

/**
 * Notes every command for the IAM check (platform/aws-calls.ts) by the table's key, not its physical
 * name. On the raw client's middleware stack, which the document client shares, so both are seen.
 */
function recordCalls(raw: DynamoDBClient, prefix: string): void {
  const byPhysical = new Map((Object.keys(tables) as TableName[]).map((name) => [physicalTableName(prefix, name), name]));
  raw.middlewareStack.add(
    (next, context) => async (args) => {
      for (const call of dynamoCalls(context.commandName ?? '', args.input as Record<string, unknown>)) {
        const table = byPhysical.get(call.table) ?? call.table;
        recordAwsCall('dynamodb', call.action, `table/${table}${call.index ? `/index/${call.index}` : ''}`);
      }
      return next(args);
    },
    { step: 'initialize', name: 'yzRecordAwsCalls' },
  );
}
