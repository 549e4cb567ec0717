import type { DynamoLocal } from '../../dev/src/dynamodb-local';

/**
 * The DynamoDB Local engine shared by one jest run. globalSetup starts it and puts its endpoint in
 * this environment variable, which jest's workers inherit; test files read it through testEndpoint().
 */
export const ENDPOINT_VARIABLE = 'YZ_TEST_DYNAMODB_ENDPOINT';

/** globalSetup and globalTeardown run in the same process: the handle travels on globalThis. */
type EngineHolder = { __yzTestEngine?: DynamoLocal };
export const engineHolder = globalThis as typeof globalThis & EngineHolder;

export function testEndpoint(): string {
  const endpoint = process.env[ENDPOINT_VARIABLE];
  if (!endpoint) {
    throw new Error(`${ENDPOINT_VARIABLE} is not set: run integration tests through jest (npm run test:integration), whose globalSetup starts DynamoDB Local`);
  }
  return endpoint;
}
