import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../platform/db';
import type { Resolvers } from '../platform/access';

/** The objects the hardship function's routes name. */
export const hardshipResolvers = (db: Db): Resolvers => ({
  // A hardship file: staff of its region (and above). The worker reads theirs through /hardship/me.
  hardshipFile: async (id) => {
    const out = await db.doc.send(new GetCommand({ TableName: db.table('hardshipFiles'), Key: { id }, ProjectionExpression: 'districtCode' }));
    if (!out.Item) return null;
    return { regionCode: out.Item.districtCode as string };
  },
});
