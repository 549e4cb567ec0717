import { platformFromEnv } from '../platform';
import { wishesFunction } from '.';

// Made once per cold start and reused by every invocation.
export const handler = wishesFunction(platformFromEnv());
