import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, ScanCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { userKey } from '../platform/users';
import type { Db } from '../platform/db';
import type { RetentionPolicy } from '../platform/retention';
import { dueForErasure } from '../platform/retention-scan';

/** The personal fields of a wish; what stays (category, value, region, status, dates) is a count. */
const PERSONAL = ['title', 'story', 'thanks', 'deliveryNote', 'deliveryPhotoUrl', 'pickupCode', 'claimantId', 'claimedAt', 'staffNote', 'timeline', 'userId', 'fileId'];

/**
 * Withdrawn and closed wishes older than their region's period lose their personal fields
 * (`erasedAt` set). Finished wishes sort under `3#<posted at, UTC>` in the region indexes; the
 * query bound is looser than needed (Shanghai time against UTC keys) and each wish is checked exactly.
 */
export async function eraseClosedWishes(db: Db, policy: RetentionPolicy, now: Date): Promise<number> {
  let erased = 0;
  const names = Object.fromEntries(PERSONAL.map((a, i) => [`#a${i}`, a]));
  for await (const wish of dueForErasure(db, 'wishes', ['3#'], policy, now, (w) => String(w.updatedAt))) {
    if ((wish.status !== 'withdrawn' && wish.status !== 'closed') || wish.erasedAt) continue;
    try {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.table('wishes'),
          Key: { id: wish.id },
          UpdateExpression: `SET erasedAt = :now REMOVE ${Object.keys(names).join(', ')}`,
          ConditionExpression: '#s = :s AND version = :v',
          ExpressionAttributeNames: { ...names, '#s': 'status' },
          ExpressionAttributeValues: { ':s': wish.status, ':v': wish.version, ':now': now.toISOString() },
        }),
      );
      erased += 1;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return erased;
}

/**
 * Volunteer registrations older than the default period that hold no claim: the registration is
 * deleted and the account's volunteer flag cleared. Volunteers carry no region, so the default period
 * applies; the table holds one small item per volunteer and has no index on age, so it is read with a
 * paged Scan filtered on `updatedAt` (a job's read, never a request's).
 */
export async function eraseIdleVolunteers(db: Db, policy: RetentionPolicy, now: Date): Promise<number> {
  const cutoff = policy.cutoffFor(undefined, now).toISOString();
  let erased = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({ TableName: db.table('volunteers'), FilterExpression: 'updatedAt < :c', ExpressionAttributeValues: { ':c': cutoff }, ExclusiveStartKey: start }),
    );
    for (const volunteer of page.Items ?? []) {
      const claims = await db.doc.send(
        new QueryCommand({ TableName: db.table('wishes'), IndexName: 'byClaimant', KeyConditionExpression: 'claimantId = :u', ExpressionAttributeValues: { ':u': volunteer.userId }, Limit: 1 }),
      );
      if ((claims.Items ?? []).length > 0) continue;
      try {
        await db.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              { Delete: { TableName: db.table('volunteers'), Key: { userId: volunteer.userId }, ConditionExpression: 'updatedAt = :u', ExpressionAttributeValues: { ':u': volunteer.updatedAt } } },
              { Update: { TableName: db.table('users'), Key: userKey(String(volunteer.userId)), UpdateExpression: 'REMOVE volunteer', ConditionExpression: 'attribute_exists(pk)' } },
            ],
          }),
        );
        erased += 1;
      } catch (error) {
        if ((error as Error).name !== 'TransactionCanceledException') throw error;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return erased;
}
