import { platformFromEnv } from '../platform';
import { activityFunction } from '.';

// Made once per cold start and reused by every invocation.
export const handler = activityFunction(platformFromEnv());
