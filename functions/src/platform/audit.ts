import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { toShanghaiIso, type AuditAction, type AuditEntry } from '@yz/shared';
import { auditTable } from './tables';
import type { Db } from './db';
import { badRequest } from './errors';

/**
 * Who did what, when, to which object, in which region: role grants, bindings, every reveal of
 * sensitive data. Entries carry ids and codes, never personal data. Staff read their region's
 * entries newest first; the region decides the index (province, city or district).
 */

export interface AuditInput {
  actorId: string;
  action: AuditAction;
  targetType: string;
  targetId: string;
  /** District, city or province code of the target; '00' when it has no region. */
  regionCode: string;
  detail?: Record<string, string>;
}

type AuditItem = AuditEntry & { atId: string; province: string; city?: string; district?: string };

const [byProvince, byCity, byDistrict] = auditTable.indexes;

export class AuditLog {
  constructor(private readonly db: Db) {}

  item(input: AuditInput, now: Date): AuditItem {
    const at = toShanghaiIso(now);
    const id = randomUUID();
    const code = input.regionCode;
    return {
      id,
      at,
      // Sorts by the millisecond (UTC), so entries of the same second keep their order.
      atId: `${now.toISOString()}#${id}`,
      actorId: input.actorId,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      regionCode: code,
      detail: input.detail ?? {},
      province: code.slice(0, 2),
      ...(code.length >= 4 ? { city: code.slice(0, 4) } : {}),
      ...(code.length === 6 ? { district: code } : {}),
    };
  }

  /** A Put for a TransactWriteItems, so the entry and the action it records commit together. */
  transactPut(input: AuditInput, now: Date) {
    return { Put: { TableName: this.db.table('audit'), Item: this.item(input, now) } };
  }

  async record(input: AuditInput, now: Date): Promise<void> {
    await this.db.doc.send(new PutCommand({ TableName: this.db.table('audit'), Item: this.item(input, now) }));
  }

  async list(regionCode: string, limit: number, cursor?: string): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    const [index, attribute] =
      regionCode.length === 6 ? [byDistrict, 'district'] : regionCode.length === 4 ? [byCity, 'city'] : [byProvince, 'province'];
    let startKey: Record<string, unknown> | undefined;
    if (cursor) {
      try {
        startKey = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
      } catch {
        throw badRequest('INVALID_PARAMETER', '翻页参数无效，请从第一页重新查看', { field: 'cursor' });
      }
    }
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.db.table('audit'),
        IndexName: index.name,
        KeyConditionExpression: '#r = :r',
        ExpressionAttributeNames: { '#r': attribute },
        ExpressionAttributeValues: { ':r': regionCode },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const items = (out.Items ?? []).map((raw) => {
      const { atId: _a, province: _p, city: _c, district: _d, ...entry } = raw as AuditItem;
      return entry;
    });
    return {
      items,
      nextCursor: out.LastEvaluatedKey ? Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString('base64url') : null,
    };
  }
}
