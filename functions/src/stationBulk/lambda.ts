import { platformFromEnv } from '../platform';
import { stationBulkFunction } from '.';

// Made once per cold start and reused by every invocation.
export const handler = stationBulkFunction(platformFromEnv());
