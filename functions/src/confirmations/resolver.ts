import type { Resolvers } from '../platform/access';
import type { Db } from '../platform/db';
import { stationResolver } from '../stations/ports';

/** The objects the confirmations function's routes name: stations (owned by the stations domain). */
export const confirmationsResolvers = (db: Db): Resolvers => ({ station: stationResolver(db) });
