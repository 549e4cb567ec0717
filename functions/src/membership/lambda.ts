import { platformFromEnv } from '../platform';
import { membershipFunction } from '.';

// Made once per cold start and reused by every invocation.
export const handler = membershipFunction(platformFromEnv());
