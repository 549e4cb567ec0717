import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../platform/db';
import type { Resolvers } from '../platform/access';
import { stationResolver } from '../stations/ports';

/** The objects the wishes function's routes name: wishes, and the stations hosts hand them over at. */
export const wishesResolvers = (db: Db): Resolvers => ({
  // A wish: staff of its region (and above) and the worker who posted it.
  wish: async (id) => {
    const out = await db.doc.send(new GetCommand({ TableName: db.table('wishes'), Key: { id }, ProjectionExpression: 'districtCode, userId' }));
    if (!out.Item) return null;
    return { regionCode: out.Item.districtCode as string, ownerIds: [out.Item.userId as string] };
  },
  station: stationResolver(db),
});
