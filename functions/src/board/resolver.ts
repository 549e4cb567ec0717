import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../platform/db';
import type { Resolvers } from '../platform/access';
import { stationResolver } from '../stations/ports';

/** The objects the board's routes name: posts, and the stations that post them. */
export const boardResolvers = (db: Db): Resolvers => ({
  // A board post: the host of the station that posted it, staff of that station's region (and above).
  post: async (id) => {
    if (!id.startsWith('bp_')) return null;
    const out = await db.doc.send(
      new GetCommand({ TableName: db.table('boardPosts'), Key: { id }, ProjectionExpression: 'districtCode, stationId' }),
    );
    if (!out.Item) return null;
    return { regionCode: out.Item.districtCode as string, stationIds: [out.Item.stationId as string] };
  },
  station: stationResolver(db),
});
