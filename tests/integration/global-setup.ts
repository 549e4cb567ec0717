import { startDynamoLocal } from '../../dev/src/dynamodb-local';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { RECORD_AWS_CALLS_VARIABLE } from '../../functions/src/platform/aws-calls';
import { ENDPOINT_VARIABLE, engineHolder } from '../helpers/engine';

/** Where the functions' AWS calls are recorded for scripts/check-iam.ts, unless `npm test` chose already. */
const RECORD_DIR = path.resolve(__dirname, '../../.cache/aws-calls');

/**
 * Starts one in-memory DynamoDB Local for the whole integration run. An endpoint already set in the
 * environment (an engine you keep running) is used as it is and left running. The AWS calls the
 * functions send are recorded for the IAM check (scripts/check-iam.ts).
 */
export default async function globalSetup(): Promise<void> {
  // Every call the functions send is recorded (workers inherit the variable); a fresh record per jest run.
  if (!process.env[RECORD_AWS_CALLS_VARIABLE]) {
    rmSync(RECORD_DIR, { recursive: true, force: true });
    process.env[RECORD_AWS_CALLS_VARIABLE] = RECORD_DIR;
  }
  if (process.env[ENDPOINT_VARIABLE]) return;
  const engine = await startDynamoLocal();
  engineHolder.__yzTestEngine = engine;
  process.env[ENDPOINT_VARIABLE] = engine.endpoint;
}
