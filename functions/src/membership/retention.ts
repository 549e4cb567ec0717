import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../platform/db';
import type { RetentionPolicy } from '../platform/retention';
import { dueForErasure } from '../platform/retention-scan';

/**
 * Rejected and withdrawn applications older than their region's retention period are deleted whole
 * (their ID claim was already freed by the rejection or withdrawal). Conditional on the status key
 * read, so an application that moved meanwhile stays.
 */
export async function eraseClosedApplications(db: Db, policy: RetentionPolicy, now: Date): Promise<number> {
  let erased = 0;
  for await (const app of dueForErasure(db, 'applications', ['rejected#', 'withdrawn#'], policy, now, (a) => String(a.updatedAt))) {
    try {
      await db.doc.send(
        new DeleteCommand({
          TableName: db.table('applications'),
          Key: { id: app.id },
          ConditionExpression: 'statusKey = :k',
          ExpressionAttributeValues: { ':k': app.statusKey },
        }),
      );
      erased += 1;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  return erased;
}
