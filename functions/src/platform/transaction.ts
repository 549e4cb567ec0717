import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
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

/**
 * A transaction DynamoDB cancelled only because another one on the same items was in flight
 * (TransactionConflict) and not because any condition failed: nothing was written, and the same
 * transaction tried again may go through. A failed condition is an answer, never retried here.
 */
export function isTransactionConflict(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const codes = (error.CancellationReasons ?? []).map((r) => r.Code);
  return codes.includes('TransactionConflict') && !codes.includes('ConditionalCheckFailed');
}

export interface ConflictRetry {
  /** Tries in all, the first included; the last conflict is thrown when they are used up. */
  attempts?: number;
  /** The shortest pause between tries; the longest grows with each retry up to 33 times this. */
  baseMs?: number;
}

/**
 * The pause before retry `retry` (1 for the first): at least `baseMs`, plus a random share of a span
 * that grows with each retry and stops growing at the eighth, so writers that collided spread out.
 */
export function conflictPauseMs(retry: number, baseMs: number, random: () => number = Math.random): number {
  return baseMs + random() * baseMs * 4 * Math.min(retry, 8);
}

/**
 * Runs `write` (one DynamoDB transaction, or the reads and transaction that decide it) and, while it
 * fails with a transaction conflict, runs it again after a jittered pause, at most `attempts` times.
 * Every other error, a failed condition included, goes straight back to the caller, which maps it to its
 * own answer.
 */
export async function retryOnConflict<T>(write: () => Promise<T>, opts: ConflictRetry = {}): Promise<T> {
  const attempts = opts.attempts ?? 8;
  const baseMs = opts.baseMs ?? 10;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isTransactionConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, conflictPauseMs(attempt, baseMs)));
    }
  }
}

/** One TransactWriteItems of `items`, tried again while it fails with a transaction conflict (retryOnConflict). */
export async function transactWrite(doc: DynamoDBDocumentClient, items: NonNullable<TransactWriteCommandInput['TransactItems']>, retry?: ConflictRetry): Promise<void> {
  const command = new TransactWriteCommand({ TransactItems: items });
  await retryOnConflict(() => doc.send(command), retry);
}
