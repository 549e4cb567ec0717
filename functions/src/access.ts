import type { Domain } from '@yz/shared';
import { accountsAccess } from './accounts/access';
import { activityAccess } from './activity/access';
import { boardAccess } from './board/access';
import { confirmationsAccess } from './confirmations/access';
import { hardshipAccess } from './hardship/access';
import { membershipAccess } from './membership/access';
import { combineNeeds, routerNeeds, type ResolvedNeeds } from './platform/aws-access';
import { stationBulkAccess } from './stationBulk/access';
import { stationsAccess } from './stations/access';
import { wishesAccess } from './wishes/access';

export { jobAccess } from './jobs/access';
/** The tile builder, invoked by the stations table's stream (functions/src/tiles). */
export { tilesAccess as tileBuilderAccess } from './tiles/access';

/** Each domain function's needs: its domain's declaration and the router's, which runs first. */
export const domainAccess: Record<Domain, ResolvedNeeds> = {
  stations: combineNeeds(routerNeeds, stationsAccess),
  stationBulk: combineNeeds(routerNeeds, stationBulkAccess),
  accounts: combineNeeds(routerNeeds, accountsAccess),
  membership: combineNeeds(routerNeeds, membershipAccess),
  activity: combineNeeds(routerNeeds, activityAccess),
  hardship: combineNeeds(routerNeeds, hardshipAccess),
  wishes: combineNeeds(routerNeeds, wishesAccess),
  board: combineNeeds(routerNeeds, boardAccess),
  confirmations: combineNeeds(routerNeeds, confirmationsAccess),
};
