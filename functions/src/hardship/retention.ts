import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../platform/db';
import type { RetentionPolicy } from '../platform/retention';
import { dueForErasure } from '../platform/retention-scan';
import { claimKey } from './store-port';

/** What a declined self-application keeps: enough to count it, nothing about the person. */
const ERASED = ['secret', 'nameMasked', 'idMasked', 'mobileMasked', 'idHash', 'occupation', 'assistance', 'note', 'timeline', 'consentVersion', 'consentBy', 'consentAt'];

/**
 * Self-applications staff declined (applied → closed), older than their region's period: the file is
 * reduced to its status, source, region and dates (`erasedAt` set), and the ID claim is deleted, in one
 * transaction conditional on the status key read.
 */
export async function eraseDeclinedSelfApplications(db: Db, policy: RetentionPolicy, now: Date): Promise<number> {
  let erased = 0;
  for await (const file of dueForErasure(db, 'hardshipFiles', ['closed#'], policy, now, (f) => String(f.updatedAt))) {
    const timeline = (file.timeline ?? []) as { from?: string; to?: string }[];
    const declined = file.source === 'self' && timeline.length > 0 && timeline[timeline.length - 1]!.from === 'applied';
    if (!declined || file.erasedAt) continue;
    const names = Object.fromEntries(ERASED.map((a, i) => [`#a${i}`, a]));
    try {
      await db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: db.table('hardshipFiles'),
                Key: { id: file.id },
                UpdateExpression: `SET erasedAt = :now REMOVE ${Object.keys(names).join(', ')}`,
                ConditionExpression: 'statusKey = :k',
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: { ':k': file.statusKey, ':now': now.toISOString() },
              },
            },
            ...(typeof file.idHash === 'string'
              ? [{ Delete: { TableName: db.table('hardshipFiles'), Key: claimKey(file.idHash), ConditionExpression: 'attribute_not_exists(id) OR fileId = :f', ExpressionAttributeValues: { ':f': file.id } } }]
              : []),
          ],
        }),
      );
      erased += 1;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException) && (error as Error).name !== 'TransactionCanceledException') throw error;
    }
  }
  return erased;
}
