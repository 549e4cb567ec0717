import type { Db } from '../platform/db';
import type { Resolvers } from '../platform/access';
import { stationResolver } from '../stations/ports';

/** The objects the activity function's routes name: stations (owned by the stations domain). */
export const activityResolvers = (db: Db): Resolvers => ({ station: stationResolver(db) });
