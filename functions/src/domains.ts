import type { Domain } from '@yz/shared';
import type { Platform } from './platform';
import type { LambdaHandler } from './platform/http';
import { accountsFunction } from './accounts';
import { stationBulkFunction } from './stationBulk';
import { stationsFunction } from './stations';

/**
 * Each domain's function, by the domain name the contract uses. The local server runs all of them in
 * one process; in AWS each is its own Lambda (its entry is `<domain>/lambda.ts`).
 */
export const domainFunctions: Record<Domain, (platform: Platform) => LambdaHandler> = {
  stations: stationsFunction,
  stationBulk: stationBulkFunction,
  accounts: accountsFunction,
};

/**
 * What each function needs from Lambda. The bulk function reads and writes whole station lists (an
 * import of IMPORT_MAX_ROWS rows, an export of a province), so it gets more time and memory; API
 * Gateway still ends any request at 30 s, which IMPORT_MAX_ROWS is sized for.
 */
export const domainRuntime: Record<Domain, { timeoutSeconds: number; memoryMb: number }> = {
  stations: { timeoutSeconds: 10, memoryMb: 512 },
  stationBulk: { timeoutSeconds: 29, memoryMb: 1024 },
  accounts: { timeoutSeconds: 10, memoryMb: 512 },
};
