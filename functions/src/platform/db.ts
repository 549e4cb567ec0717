import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { physicalTableName, type TableName } from '../tables';
import type { Config } from './config';

export type Db = {
  doc: DynamoDBDocumentClient;
  raw: DynamoDBClient;
  table: (name: TableName) => string;
};

/**
 * One client per process, made at module load by the function's entry and reused by every request.
 * Against DynamoDB Local the endpoint is explicit and the credentials are dummies it ignores.
 */
export function createDb(config: Pick<Config, 'dynamodbEndpoint' | 'region' | 'tablePrefix'>, opts: { maxAttempts?: number } = {}): Db {
  const raw = new DynamoDBClient({
    region: config.region,
    ...(config.dynamodbEndpoint
      ? { endpoint: config.dynamodbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
    ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
  });
  const doc = DynamoDBDocumentClient.from(raw, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { raw, doc, table: (name) => physicalTableName(config.tablePrefix, name) };
}
