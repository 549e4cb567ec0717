import { badRequest } from './errors';

/** A page's LastEvaluatedKey as an opaque cursor for the client (null when there is no next page). */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

/** The ExclusiveStartKey a client's cursor stands for; a cursor that does not decode is a 400. */
export function decodeCursor(cursor: string | undefined): Record<string, unknown> | undefined {
  if (!cursor) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw badRequest('INVALID_PARAMETER', '翻页参数无效，请从第一页重新查看', { field: 'cursor' });
  }
}
