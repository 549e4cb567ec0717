import { commonMessages, PAGE_CURSOR_MAX } from '@yz/shared';
import * as z from 'zod';
import { badRequest } from './errors';

/**
 * Page cursors: a page's LastEvaluatedKey, handed to the client as opaque base64url JSON. The client
 * can send anything back, so every cursor is checked against the key shape of the query it continues
 * (the table's key plus the index's, each of its type, the partition pinned to the one being read)
 * before it reaches DynamoDB: a forged cursor is a 400 INVALID_CURSOR, never a DynamoDB validation
 * error that surfaces as a 500.
 */

/** The key a page stops at: the attributes' names and the schema a cursor must match. */
export type PageKey = { names: readonly string[]; schema: z.ZodType<Record<string, string | number>> };

type KeyAttribute = { readonly name: string; readonly type: 'S' | 'N' };
/** What a page needs to know of a table definition: its key and its indexes' keys. */
export type KeyedTable = {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly indexes: readonly { readonly name: string; readonly partitionKey: KeyAttribute; readonly sortKey?: KeyAttribute }[];
};

const keyValue = (type: 'S' | 'N') => (type === 'N' ? z.number().finite() : z.string().min(1).max(PAGE_CURSOR_MAX));

/**
 * The key a page of `table` (or of its index `indexName`) stops at. `pinned` fixes attributes to the
 * values the query reads (its partition), so a cursor of another partition is refused too.
 */
export function pageKey(table: KeyedTable, indexName?: string, pinned: Record<string, string | number> = {}): PageKey {
  const index = indexName === undefined ? undefined : table.indexes.find((i) => i.name === indexName);
  if (indexName !== undefined && !index) throw new Error(`table ${table.name} has no index ${indexName}`);
  const keys = [table.partitionKey, table.sortKey, index?.partitionKey, index?.sortKey].filter((k) => k !== undefined);
  const shape: Record<string, z.ZodType<string | number>> = {};
  for (const key of keys) {
    const pin = pinned[key.name];
    shape[key.name] = pin === undefined ? keyValue(key.type) : z.literal(pin);
  }
  return { names: keys.map((k) => k.name), schema: z.strictObject(shape) as z.ZodType<Record<string, string | number>> };
}

export const invalidCursor = () => badRequest('INVALID_CURSOR', commonMessages.INVALID_CURSOR, { field: 'cursor' });

/** A page's LastEvaluatedKey as an opaque cursor for the client (null when there is no next page). */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

/** The ExclusiveStartKey a client's cursor stands for, checked against the key the query expects. */
export function decodeCursor(cursor: string | undefined, key: PageKey): Record<string, string | number> | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  if (cursor.length > PAGE_CURSOR_MAX || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalidCursor();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const checked = key.schema.safeParse(json);
  if (!checked.success) throw invalidCursor();
  return checked.data;
}
