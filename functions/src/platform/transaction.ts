import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** Which item of a cancelled transaction failed its condition (index into TransactItems), and its old value. */
export function cancelledAt(error: unknown): { index: number; item?: Record<string, unknown> } | null {
  if (!(error instanceof TransactionCanceledException)) return null;
  const reasons = error.CancellationReasons ?? [];
  const index = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
  if (index < 0) return null;
  // The old item comes back in DynamoDB's wire format: the document client does not convert it.
  const raw = reasons[index]?.Item;
  return { index, ...(raw ? { item: unmarshall(raw) } : {}) };
}

/** Shanghai time to the millisecond, so items of one second keep their order in a sort key. */
export function sortableAt(now: Date): string {
  return `${new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 23)}+08:00`;
}
