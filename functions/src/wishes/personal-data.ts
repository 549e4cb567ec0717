import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../platform/db';
import type { VolunteerItem, WishItem } from './store-port';

/**
 * What "导出我的数据" shows of a person's micro-wishes, and what deleting the account removes. Kept
 * apart from the service so the accounts function reads it without the encryption SDK.
 */
export async function wishRecords(db: Db, userId: string): Promise<Record<string, unknown[]>> {
  const table = db.table('wishes');
  const query = async (index: string, attr: string) =>
    ((await db.doc.send(new QueryCommand({ TableName: table, IndexName: index, KeyConditionExpression: '#k = :u', ExpressionAttributeNames: { '#k': attr }, ExpressionAttributeValues: { ':u': userId } }))).Items ??
      []) as WishItem[];
  const [volunteer, wishes, claims] = await Promise.all([
    db.doc.send(new GetCommand({ TableName: db.table('volunteers'), Key: { userId } })).then((out) => out.Item as VolunteerItem | undefined),
    query('byUser', 'userId'),
    query('byClaimant', 'claimantId'),
  ]);
  return {
    volunteer: volunteer
      ? [
          {
            nameMasked: volunteer.nameMasked,
            mobileMasked: volunteer.mobileMasked,
            organisation: volunteer.organisation ?? null,
            consentVersion: volunteer.consentVersion,
            consentAt: volunteer.consentAt,
            registeredAt: volunteer.registeredAt,
          },
        ]
      : [],
    wishes: wishes.map((w) => ({ id: w.id, title: w.title, story: w.story, category: w.category, valueFen: w.valueFen, status: w.status, postedAt: w.postedAt, thanks: w.thanks ?? null })),
    wishClaims: claims.map((w) => ({ id: w.id, title: w.title, status: w.status, claimedAt: w.claimedAt ?? null, deliveredAt: w.deliveredAt ?? null })),
  };
}

/**
 * Deleting an account deletes the volunteer registration (name, mobile). Wishes stay with the union
 * that keeps the hardship file; claims keep only the account id, which no longer leads to anyone.
 */
export async function forgetVolunteer(db: Db, userId: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.table('volunteers'), Key: { userId } }));
}
