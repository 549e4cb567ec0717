import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../platform/db';
import type { Resolver, Resolvers } from '../platform/access';

/** A membership application: its district's staff (and those above) and the applicant. */
export function applicationResolver(db: Db): Resolver {
  return async (id) => {
    const out = await db.doc.send(new GetCommand({ TableName: db.table('applications'), Key: { id }, ProjectionExpression: 'districtCode, userId' }));
    if (!out.Item) return null;
    return { regionCode: out.Item.districtCode as string, ownerIds: [out.Item.userId as string] };
  };
}

/** The objects the membership function's routes name. */
export const membershipResolvers = (db: Db): Resolvers => ({ application: applicationResolver(db) });
