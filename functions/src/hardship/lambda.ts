import { platformFromEnv } from '../platform';
import { hardshipFunction } from '.';

// Made once per cold start and reused by every invocation.
export const handler = hardshipFunction(platformFromEnv());
