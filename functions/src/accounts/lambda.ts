import { platformFromEnv } from '../platform';
import { accountsFunction } from '.';

// Made once per cold start and reused by every invocation.
export const handler = accountsFunction(platformFromEnv());
