import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { toShanghaiIsoMs } from '@yz/shared';

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
  return toShanghaiIsoMs(now);
}

/**
 * A store port's word for "one of these writes failed its condition, nothing was written": the
 * position of the refused write and, where the store knows it, the item that stood in the way. DynamoDB
 * adapters translate a cancelled transaction into it (`refusedFrom`), in-memory adapters throw it
 * directly, so a service's rules read the same against either.
 */
export class WriteRefused extends Error {
  constructor(
    readonly index: number,
    readonly item?: Record<string, unknown>,
    /** 'conflict': another transaction on the same item was in flight (DynamoDB's TransactionConflict). */
    readonly reason: 'condition' | 'conflict' = 'condition',
  ) {
    super(`write ${index} refused by its condition`);
    this.name = 'WriteRefused';
  }
}

/** The refused write of a failed port call, or null when the error is something else. */
export function refusedAt(error: unknown): { index: number; item?: Record<string, unknown>; reason: 'condition' | 'conflict' } | null {
  if (!(error instanceof WriteRefused)) return null;
  return { index: error.index, ...(error.item ? { item: error.item } : {}), reason: error.reason };
}

/**
 * A DynamoDB refusal as the port's `WriteRefused`: a cancelled transaction's failed condition, a single
 * write's failed condition (index 0), and, when `conflicts` is asked for, a transaction cancelled by
 * another one in flight. Any other error comes back unchanged.
 */
export function refusedFrom(error: unknown, opts: { conflicts?: boolean } = {}): unknown {
  const failed = cancelledAt(error);
  if (failed) return new WriteRefused(failed.index, failed.item);
  if (error instanceof ConditionalCheckFailedException) return new WriteRefused(0);
  if (opts.conflicts && error instanceof TransactionCanceledException) {
    const index = (error.CancellationReasons ?? []).findIndex((r) => r.Code === 'TransactionConflict');
    if (index >= 0) return new WriteRefused(index, undefined, 'conflict');
  }
  return error;
}
