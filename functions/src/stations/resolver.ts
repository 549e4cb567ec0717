import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../platform/db';
import type { Resolver, Resolvers } from '../platform/access';

/** A station: its district's staff (and those above) and its hosts. */
export function stationResolver(db: Db): Resolver {
  return async (id) => {
    const out = await db.doc.send(new GetCommand({ TableName: db.table('stations'), Key: { id }, ProjectionExpression: 'id, districtCode' }));
    if (!out.Item) return null;
    return { regionCode: out.Item.districtCode as string, stationIds: [id] };
  };
}

/** The objects the stations function's routes name. */
export const stationsResolvers = (db: Db): Resolvers => ({ station: stationResolver(db) });
