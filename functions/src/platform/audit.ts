import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { toShanghaiIso, type AuditAction, type AuditEntry } from '@yz/shared';
import { decodeCursor, encodeCursor, pageKey } from './cursor';
import { auditTable } from './tables';
import { auditExpiresAtEpoch } from './retention';
import type { Db } from './db';

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

type AuditItem = AuditEntry & { atId: string; province: string; city?: string; district?: string; expiresAtEpoch: number };

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
      expiresAtEpoch: auditExpiresAtEpoch(now),
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
    const startKey = decodeCursor(cursor, pageKey(auditTable, index.name, { [attribute]: regionCode }));
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
      const { atId: _a, province: _p, city: _c, district: _d, expiresAtEpoch: _e, ...entry } = raw as AuditItem;
      return entry;
    });
    return {
      items,
      nextCursor: encodeCursor(out.LastEvaluatedKey),
    };
  }
}
