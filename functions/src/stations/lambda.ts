import { platformFromEnv } from '../platform';
import { stationsFunction } from '.';

// Made once per cold start and reused by every invocation.
export const handler = stationsFunction(platformFromEnv());
