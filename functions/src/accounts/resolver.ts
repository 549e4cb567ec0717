import type { Db } from '../platform/db';
import type { Resolvers } from '../platform/access';
import { stationResolver } from '../stations/ports';

/** The objects the accounts function's routes name: stations (owned by the stations domain). */
export const accountsResolvers = (db: Db): Resolvers => ({ station: stationResolver(db) });
