import { startDynamoLocal } from '../../dev/src/dynamodb-local';
import { ENDPOINT_VARIABLE, engineHolder } from '../helpers/engine';

/**
 * Starts one in-memory DynamoDB Local for the whole integration run. An endpoint already set in the
 * environment (an engine you keep running) is used as it is and left running.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env[ENDPOINT_VARIABLE]) return;
  const engine = await startDynamoLocal();
  engineHolder.__yzTestEngine = engine;
  process.env[ENDPOINT_VARIABLE] = engine.endpoint;
}
