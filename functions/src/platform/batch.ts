import { BatchGetCommand, BatchWriteCommand, type BatchGetCommandOutput, type BatchWriteCommandOutput } from '@aws-sdk/lib-dynamodb';

/**
 * BatchGetItem and BatchWriteItem with what DynamoDB leaves out. Under load either may hand back part
 * of a request as unprocessed: those are retried with exponential back-off a bounded number of times,
 * and whatever is still left after that is reported with a BatchIncompleteError, never dropped.
 */

type Key = Record<string, unknown>;
/** One request of a BatchWrite: a put or a delete. */
export type WriteRequest = { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Key } };
/** What a batch read asks of a table besides the keys (projection, consistency). */
export type ReadOptions = { ConsistentRead?: boolean; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> };

/** The part of the document client a batch needs; the store's `db.doc`. */
export interface BatchClient {
  send(command: BatchGetCommand): Promise<BatchGetCommandOutput>;
  send(command: BatchWriteCommand): Promise<BatchWriteCommandOutput>;
}

export type RetryPolicy = { attempts: number; baseDelayMs: number };
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseDelayMs: 25 };

const GET_LIMIT = 100;
const WRITE_LIMIT = 25;

/** Keys or writes DynamoDB still left unprocessed after every retry, by table. */
export class BatchIncompleteError extends Error {
  constructor(
    readonly operation: 'get' | 'write',
    readonly unprocessed: { table: string; keys?: Key[]; requests?: WriteRequest[] }[],
  ) {
    const count = unprocessed.reduce((n, u) => n + (u.keys?.length ?? 0) + (u.requests?.length ?? 0), 0);
    super(`DynamoDB left ${count} batch ${operation} request(s) unprocessed after every retry`);
    this.name = 'BatchIncompleteError';
  }
}

const pause = (attempt: number, policy: RetryPolicy) =>
  attempt === 0 ? Promise.resolve() : new Promise((r) => setTimeout(r, policy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2)));

/**
 * Reads items of several tables by key (at most 100 keys in all per call of DynamoDB; more are split).
 * Answers every item found, by table; throws BatchIncompleteError with the keys still unread.
 */
export async function batchGetTables(
  client: BatchClient,
  requests: Record<string, { keys: Key[] } & ReadOptions>,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<Record<string, Record<string, unknown>[]>> {
  const found: Record<string, Record<string, unknown>[]> = {};
  const work = Object.entries(requests).flatMap(([table, { keys, ...options }]) => {
    found[table] = [];
    return keys.map((key) => ({ table, key, options }));
  });
  for (let i = 0; i < work.length; i += GET_LIMIT) {
    let pending = work.slice(i, i + GET_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= policy.attempts) {
        throw new BatchIncompleteError('get', Object.entries(groupBy(pending)).map(([table, items]) => ({ table, keys: items.map((p) => p.key) })));
      }
      await pause(attempt, policy);
      const RequestItems = Object.fromEntries(
        Object.entries(groupBy(pending)).map(([table, items]) => [table, { ...items[0]!.options, Keys: items.map((p) => p.key) }]),
      );
      const out = await client.send(new BatchGetCommand({ RequestItems }));
      for (const [table, items] of Object.entries(out.Responses ?? {})) (found[table] ??= []).push(...items);
      pending = Object.entries(out.UnprocessedKeys ?? {}).flatMap(([table, left]) =>
        (left.Keys ?? []).map((key) => ({ table, key, options: requests[table] ? withoutKeys(requests[table]) : {} })),
      );
    }
  }
  return found;
}

/** Reads items of one table by key; see batchGetTables. */
export async function batchGet(client: BatchClient, table: string, keys: Key[], options: ReadOptions = {}, policy: RetryPolicy = DEFAULT_RETRY) {
  if (keys.length === 0) return [];
  return (await batchGetTables(client, { [table]: { keys, ...options } }, policy))[table] ?? [];
}

/**
 * Writes puts and deletes to several tables, 25 per call of DynamoDB. Not a transaction: on a
 * BatchIncompleteError the requests it lists were not written and the others were.
 */
export async function batchWrite(client: BatchClient, writes: { table: string; request: WriteRequest }[], policy: RetryPolicy = DEFAULT_RETRY): Promise<void> {
  for (let i = 0; i < writes.length; i += WRITE_LIMIT) {
    let pending = writes.slice(i, i + WRITE_LIMIT);
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= policy.attempts) {
        throw new BatchIncompleteError('write', Object.entries(groupBy(pending)).map(([table, items]) => ({ table, requests: items.map((p) => p.request) })));
      }
      await pause(attempt, policy);
      const RequestItems = Object.fromEntries(Object.entries(groupBy(pending)).map(([table, items]) => [table, items.map((p) => p.request)]));
      const out = await client.send(new BatchWriteCommand({ RequestItems }));
      pending = Object.entries(out.UnprocessedItems ?? {}).flatMap(([table, left]) => (left ?? []).map((request) => ({ table, request: request as WriteRequest })));
    }
  }
}

function groupBy<T extends { table: string }>(items: T[]): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const item of items) (out[item.table] ??= []).push(item);
  return out;
}

function withoutKeys({ keys: _keys, ...options }: { keys: Key[] } & ReadOptions): ReadOptions {
  return options;
}
