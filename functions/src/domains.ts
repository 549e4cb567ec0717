import type { Domain } from '@yz/shared';
import type { Platform } from './platform';
import type { LambdaHandler } from './platform/http';
import { accountsFunction } from './accounts';
import { membershipFunction } from './membership';
import { activityFunction } from './activity';
import { boardFunction } from './board';
import { confirmationsFunction } from './confirmations';
import { hardshipFunction } from './hardship';
import { stationBulkFunction } from './stationBulk';
import { stationsFunction } from './stations';
import { wishesFunction } from './wishes';

/**
 * Each domain's function, by the domain name the contract uses. The local server runs all of them in
 * one process; in AWS each is its own Lambda (its entry is `<domain>/lambda.ts`).
 */
export const domainFunctions: Record<Domain, (platform: Platform) => LambdaHandler> = {
  stations: stationsFunction,
  stationBulk: stationBulkFunction,
  accounts: accountsFunction,
  membership: membershipFunction,
  activity: activityFunction,
  hardship: hardshipFunction,
  wishes: wishesFunction,
  board: boardFunction,
  confirmations: confirmationsFunction,
};
