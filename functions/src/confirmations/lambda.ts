import { platformFromEnv } from '../platform';
import { confirmationsFunction } from '.';

// Made once per cold start and reused by every invocation.
export const handler = confirmationsFunction(platformFromEnv());
