import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { BatchIncompleteError, batchGet, batchWrite, type BatchClient } from '../../../functions/src/platform/batch';

/**
 * DynamoDB Local never throttles, so it cannot show what the helpers do with unprocessed keys. This
 * stand-in for the client's `send` answers like DynamoDB under load: it processes only what its
 * `accept` rule lets through and hands the rest back as UnprocessedKeys / UnprocessedItems.
 */
function throttlingClient(accept: (call: number, key: Record<string, unknown>) => boolean) {
  const store = new Map<string, Record<string, unknown>>();
  let calls = 0;
  const client = {
    async send(command: BatchGetCommand | BatchWriteCommand) {
      calls += 1;
      if (command instanceof BatchGetCommand) {
        const Responses: Record<string, Record<string, unknown>[]> = {};
        const UnprocessedKeys: Record<string, { Keys: Record<string, unknown>[] }> = {};
        for (const [table, { Keys = [] }] of Object.entries(command.input.RequestItems ?? {})) {
          for (const key of Keys) {
            if (accept(calls, key)) {
              const item = store.get(`${table}/${JSON.stringify(key)}`);
              if (item) (Responses[table] ??= []).push(item);
            } else (UnprocessedKeys[table] ??= { Keys: [] }).Keys.push(key);
          }
        }
        return { Responses, UnprocessedKeys };
      }
      const UnprocessedItems: Record<string, unknown[]> = {};
      for (const [table, requests] of Object.entries(command.input.RequestItems ?? {})) {
        for (const request of requests) {
          const item = request.PutRequest?.Item as Record<string, unknown>;
          if (accept(calls, item)) store.set(`${table}/${JSON.stringify({ id: item.id })}`, item);
          else (UnprocessedItems[table] ??= []).push(request);
        }
      }
      return { UnprocessedItems };
    },
  };
  return { client: client as unknown as BatchClient, store, calls: () => calls };
}

const FAST = { attempts: 4, baseDelayMs: 1 };
const items = Array.from({ length: 60 }, (_, i) => ({ id: `i${i}`, n: i }));
const puts = items.map((Item) => ({ table: 't', request: { PutRequest: { Item } } }));

describe('batch writes', () => {
  it('retries what DynamoDB leaves unprocessed until all is written', async () => {
    // Every odd item is refused the first two times it is sent.
    const refusals = new Map<unknown, number>();
    const db = throttlingClient((_, key) => {
      if (Number(String(key.id).slice(1)) % 2 === 0) return true;
      refusals.set(key.id, (refusals.get(key.id) ?? 0) + 1);
      return refusals.get(key.id)! > 2;
    });
    await batchWrite(db.client, puts, FAST);
    expect(db.store.size).toBe(60);
  });

  it('reports the writes still unprocessed after the last retry, and only those', async () => {
    const db = throttlingClient((_, key) => key.id !== 'i7' && key.id !== 'i31');
    const error = await batchWrite(db.client, puts, FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchIncompleteError);
    const incomplete = error as BatchIncompleteError;
    expect(incomplete.operation).toBe('write');
    // The first chunk (i0..i24) gave up on i7; later chunks are not attempted once one is incomplete.
    expect(incomplete.unprocessed).toEqual([{ table: 't', requests: [{ PutRequest: { Item: { id: 'i7', n: 7 } } }] }]);
    expect(db.store.has('t/{"id":"i7"}')).toBe(false);
    expect(db.store.size).toBe(24);
  });
});

describe('batch reads', () => {
  it('retries unprocessed keys and returns every item', async () => {
    const db = throttlingClient((call) => call > 2);
    for (const item of items) db.store.set(`t/${JSON.stringify({ id: item.id })}`, item);
    const found = await batchGet(db.client, 't', items.map(({ id }) => ({ id })), {}, FAST);
    expect(found.map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
  });

  it('throws with the keys still unread instead of answering a partial result', async () => {
    const db = throttlingClient((_, key) => key.id !== 'i3');
    for (const item of items) db.store.set(`t/${JSON.stringify({ id: item.id })}`, item);
    const error = await batchGet(db.client, 't', items.map(({ id }) => ({ id })), {}, FAST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchIncompleteError);
    expect((error as BatchIncompleteError).unprocessed).toEqual([{ table: 't', keys: [{ id: 'i3' }] }]);
    expect(db.calls()).toBe(FAST.attempts);
  });
});
