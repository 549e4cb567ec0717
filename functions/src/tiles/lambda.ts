import { platformFromEnv } from '../platform';
import { tileStreamHandler } from '.';

// Made once per cold start and reused by every invocation.
export const handler = tileStreamHandler(platformFromEnv());
