import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AssistanceRecord, FileStatus, FileTimelineEntry } from '@yz/shared';
import { hardshipFilesTable } from './tables';
import type { Db } from '../platform/db';
import { decodeCursor, encodeCursor, pageKey } from '../platform/cursor';
import { userKey } from '../platform/users';
import { AuditLog } from '../platform/audit';
import { refusedFrom } from '../platform/transaction';
import { claimKey, statusKeyOf, type FileItem, type FileListFilter, type HardshipStore, type HardshipWrite } from './store-port';

export type { FileItem, FileSecret } from './store-port';
export { secretContext } from './store-port';

/** The DynamoDB adapter for hardship files (keys: docs/data-model.md; the item shapes: store-port.ts). */

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const REGION_INDEX = {
  6: [hardshipFilesTable.indexes[0].name, 'districtCode'],
  4: [hardshipFilesTable.indexes[1].name, 'cityCode'],
  2: [hardshipFilesTable.indexes[2].name, 'provinceCode'],
} as const;
const BY_CARD = hardshipFilesTable.indexes[4].name;

export class DynamoHardshipStore implements HardshipStore {
  private readonly audit: AuditLog;

  constructor(private readonly db: Db) {
    this.audit = new AuditLog(db);
  }

  get files() {
    return this.db.table('hardshipFiles');
  }
  get users() {
    return this.db.table('users');
  }

  async get(id: string): Promise<FileItem | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.files, Key: { id }, ConsistentRead: true }));
    const item = out.Item as FileItem | undefined;
    return item && item.kind === 'file' ? item : null;
  }

  /** The file an account is bound to, from the user item (written in the binding's transaction). */
  async fileIdOfUser(userId: string): Promise<string | null> {
    const out = await this.db.doc.send(
      new GetCommand({ TableName: this.users, Key: userKey(userId), ProjectionExpression: 'hardshipFileId', ConsistentRead: true }),
    );
    return (out.Item?.hardshipFileId as string | undefined) ?? null;
  }

  /** The file carrying a live card id. The index only points the way: the caller re-reads the item. */
  async fileIdOfCard(cardTokenId: string): Promise<string | null> {
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.files,
        IndexName: BY_CARD,
        KeyConditionExpression: 'cardTokenId = :c',
        ExpressionAttributeValues: { ':c': cardTokenId },
        Limit: 1,
      }),
    );
    return (out.Items?.[0]?.id as string | undefined) ?? null;
  }

  private filePut(item: FileItem): TransactItem {
    return { Put: { TableName: this.files, Item: item, ConditionExpression: 'attribute_not_exists(id)' } };
  }

  /** Put for an ID number's claim: fails, returning the old claim, when the person already has a file. */
  private claimPut(idHash: string, fileId: string, at: string): TransactItem {
    return {
      Put: {
        TableName: this.files,
        Item: { ...claimKey(idHash), kind: 'idclaim', fileId, at },
        ConditionExpression: 'attribute_not_exists(id)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  private claimDelete(idHash: string, fileId: string): TransactItem {
    return {
      Delete: {
        TableName: this.files,
        Key: claimKey(idHash),
        ConditionExpression: 'fileId = :f',
        ExpressionAttributeValues: { ':f': fileId },
      },
    };
  }

  async claimOwner(idHash: string): Promise<string | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.files, Key: claimKey(idHash), ConsistentRead: true }));
    return (out.Item?.fileId as string | undefined) ?? null;
  }

  /** The applicant is bound to their own file from the start: one file per account. */
  private userBindsTo(userId: string, fileId: string): TransactItem {
    return {
      Update: {
        TableName: this.users,
        Key: userKey(userId),
        UpdateExpression: 'SET hardship = :true, hardshipFileId = :f',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(hardshipFileId)',
        ExpressionAttributeValues: { ':true': true, ':f': fileId },
      },
    };
  }

  /**
   * The one way a file changes: a conditional update on the version it was read at (and the status,
   * when it moves), with the other attributes to set and remove.
   */
  private fileUpdate(
    file: FileItem,
    opts: { now: Date; at: string; to?: FileStatus; entry?: FileTimelineEntry; set?: Record<string, unknown>; remove?: string[]; append?: { assistance: AssistanceRecord } },
  ): TransactItem {
    const status = opts.to ?? file.status;
    const names: Record<string, string> = { '#s': 'status', '#v': 'version' };
    const values: Record<string, unknown> = {
      ':from': file.status,
      ':v': file.version,
      ':to': status,
      ':next': file.version + 1,
      ':statusKey': statusKeyOf(status, opts.now, file.id),
      ':updatedAt': opts.at,
    };
    const sets = ['#s = :to', '#v = :next', 'statusKey = :statusKey', 'updatedAt = :updatedAt'];
    if (opts.entry) {
      values[':entry'] = [opts.entry];
      sets.push('timeline = list_append(timeline, :entry)');
    }
    if (opts.append) {
      values[':record'] = [opts.append.assistance];
      values[':amount'] = opts.append.assistance.amountFen;
      sets.push('assistance = list_append(assistance, :record)', 'assistanceTotalFen = assistanceTotalFen + :amount');
    }
    Object.entries(opts.set ?? {}).forEach(([key, value], i) => {
      names[`#f${i}`] = key;
      values[`:f${i}`] = value;
      sets.push(`#f${i} = :f${i}`);
    });
    const removes = (opts.remove ?? []).map((key, i) => {
      names[`#r${i}`] = key;
      return `#r${i}`;
    });
    return {
      Update: {
        TableName: this.files,
        Key: { id: file.id },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: '#s = :from AND #v = :v',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  /** A new card id (or none), whatever the file's version: the card is no part of the six parts. */
  private cardUpdate(fileId: string, card: { id: string; issuedAt: string } | null, statuses: readonly FileStatus[]): TransactItem {
    const names = { '#s': 'status' };
    const statusValues = Object.fromEntries(statuses.map((s, i) => [`:s${i}`, s]));
    const condition = `attribute_exists(id) AND #s IN (${Object.keys(statusValues).join(', ')})`;
    return {
      Update: card
        ? {
            TableName: this.files,
            Key: { id: fileId },
            UpdateExpression: 'SET cardTokenId = :c, cardIssuedAt = :at',
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ':c': card.id, ':at': card.issuedAt, ...statusValues },
          }
        : {
            TableName: this.files,
            Key: { id: fileId },
            UpdateExpression: 'REMOVE cardTokenId, cardIssuedAt',
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: statusValues,
          },
    };
  }

  async commit(writes: HardshipWrite[]): Promise<void> {
    try {
      await this.db.doc.send(new TransactWriteCommand({ TransactItems: writes.map((w) => this.transactItem(w)) }));
    } catch (error) {
      throw refusedFrom(error);
    }
  }

  private transactItem(w: HardshipWrite): TransactItem {
    switch (w.kind) {
      case 'filePut':
        return this.filePut(w.item);
      case 'claimPut':
        return this.claimPut(w.idHash, w.fileId, w.at);
      case 'claimDelete':
        return this.claimDelete(w.idHash, w.fileId);
      case 'userBindsTo':
        return this.userBindsTo(w.userId, w.fileId);
      case 'fileUpdate':
        return this.fileUpdate(w.file, w);
      case 'cardUpdate':
        return this.cardUpdate(w.fileId, w.card, w.statuses);
      case 'audit':
        return this.audit.transactPut(w.entry, w.now);
    }
  }

  /** A staff list page: one region index, the status as a sort-key prefix, newest change first. */
  async list(filter: FileListFilter) {
    const [index, attribute] = REGION_INDEX[filter.regionCode.length as 2 | 4 | 6];
    const names: Record<string, string> = { '#r': attribute };
    const values: Record<string, unknown> = { ':r': filter.regionCode };
    let keyCondition = '#r = :r';
    if (filter.status !== 'all') {
      keyCondition += ' AND begins_with(statusKey, :prefix)';
      values[':prefix'] = `${filter.status}#`;
    }
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.files,
        IndexName: index,
        KeyConditionExpression: keyCondition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        // Applications waiting for verification oldest first; the rest newest first.
        ScanIndexForward: filter.status === 'applied',
        Limit: filter.limit,
        ExclusiveStartKey: decodeCursor(filter.cursor, pageKey(hardshipFilesTable, index, { [attribute]: filter.regionCode })),
      }),
    );
    return { items: (out.Items ?? []) as FileItem[], nextCursor: encodeCursor(out.LastEvaluatedKey as Record<string, unknown> | undefined) };
  }
}
