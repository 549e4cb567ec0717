import type { Domain } from '@yz/shared';
import { accountsResolvers } from './accounts/resolver';
import { activityResolvers } from './activity/resolver';
import { boardResolvers } from './board/resolver';
import { confirmationsResolvers } from './confirmations/resolver';
import { hardshipResolvers } from './hardship/resolver';
import { membershipResolvers } from './membership/resolver';
import type { Resolvers } from './platform/access';
import type { Db } from './platform/db';
import { stationsResolvers } from './stations/resolver';
import { wishesResolvers } from './wishes/resolver';

/**
 * Each domain function's object resolvers, as its index hands them to its guard (the platform adds
 * regions and users). Listed here so one test can check that every object a route names has one.
 */
export const domainResolvers: Record<Domain, (db: Db) => Resolvers> = {
  stations: stationsResolvers,
  // Its routes name regions only.
  stationBulk: () => ({}),
  accounts: accountsResolvers,
  membership: membershipResolvers,
  activity: activityResolvers,
  hardship: hardshipResolvers,
  wishes: wishesResolvers,
  board: boardResolvers,
  confirmations: confirmationsResolvers,
};
