import { platformFromEnv } from '../platform';
import { boardFunction } from '.';

// Made once per cold start and reused by every invocation.
export const handler = boardFunction(platformFromEnv());
