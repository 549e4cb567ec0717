import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AssistanceRecord, FileStatus, FileTimelineEntry, HardshipOccupation } from '@yz/shared';
import { hardshipFilesTable } from './tables';
import type { Db } from '../platform/db';
import { decodeCursor, encodeCursor } from '../platform/cursor';
import { userKey } from '../platform/users';
import { cancelledAt, sortableAt } from '../platform/transaction';

export { cancelledAt };

/**
 * DynamoDB adapter for hardship files (hardship-files table, keys in docs/data-model.md).
 *
 * A file item keeps plain only what routing, lists and other domains need (functions/src/hardship/ref.ts):
 * id, status, region codes, occupation, the bound account, the paired helper's account, the masked ID
 * number, mobile and name, the live card's id. The six parts themselves are one envelope-encrypted JSON
 * (`secret`), bound to the file id. A second kind of item, `idclaim#<keyed hash>`, holds an ID number's
 * one file: the same person cannot be filed twice.
 */

/** The six parts as encrypted in `secret`. */
export interface FileSecret {
  basic: {
    name: string;
    idNumber: string;
    mobile: string;
    gender: 'male' | 'female';
    birthDate: string;
    employer?: string;
    address: string;
    householdSize: number;
  };
  helper: { name: string; phone: string; organisation?: string; userId?: string } | null;
  cause: { categories: string[]; detail: string };
  income: { householdMonthlyFen: number; sources?: string };
  housing: { type: string; areaSqm?: number; note?: string };
  plan: { steps: { text: string; due: string; done: boolean }[] };
}

export interface FileItem {
  id: string;
  kind: 'file';
  status: FileStatus;
  version: number;
  source: 'staff' | 'self';
  districtCode: string;
  cityCode: string;
  provinceCode: string;
  /** `<status>#<last change, Shanghai ISO ms>#<id>`: the staff lists' sort key. */
  statusKey: string;
  occupation: HardshipOccupation;
  /** The bound account (the applicant's from the start for a self-application). */
  userId?: string;
  /** The paired helper's account, when staff named one: they may open the file by scanning the card. */
  helperUserId?: string;
  /** The live QR card's random id (byCard index); absent while the card is revoked. */
  cardTokenId?: string;
  cardIssuedAt?: string;
  nameMasked: string;
  idMasked: string;
  mobileMasked: string;
  /** Keyed hash of the ID number (the claim item's key). */
  idHash: string;
  /** Envelope-encrypted JSON of FileSecret (encryption context: the file id). */
  secret: string;
  assistance: AssistanceRecord[];
  assistanceTotalFen: number;
  timeline: FileTimelineEntry[];
  consentVersion: string;
  /** 'paper': staff took the written consent; 'app': the worker ticked the notice themselves. */
  consentBy: 'paper' | 'app';
  consentAt: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  note?: string;
}

export const statusKeyOf = (status: FileStatus, now: Date, id: string) => `${status}#${sortableAt(now)}#${id}`;
export const claimKey = (idHash: string) => ({ id: `idclaim#${idHash}` });

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const REGION_INDEX = {
  6: [hardshipFilesTable.indexes[0].name, 'districtCode'],
  4: [hardshipFilesTable.indexes[1].name, 'cityCode'],
  2: [hardshipFilesTable.indexes[2].name, 'provinceCode'],
} as const;
const BY_CARD = hardshipFilesTable.indexes[4].name;

export class HardshipStore {
  constructor(private readonly db: Db) {}

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

  filePut(item: FileItem): TransactItem {
    return { Put: { TableName: this.files, Item: item, ConditionExpression: 'attribute_not_exists(id)' } };
  }

  /** Put for an ID number's claim: fails, returning the old claim, when the person already has a file. */
  claimPut(idHash: string, fileId: string, at: string): TransactItem {
    return {
      Put: {
        TableName: this.files,
        Item: { ...claimKey(idHash), kind: 'idclaim', fileId, at },
        ConditionExpression: 'attribute_not_exists(id)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  claimDelete(idHash: string, fileId: string): TransactItem {
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
  userBindsTo(userId: string, fileId: string): TransactItem {
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
  fileUpdate(
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
  cardUpdate(fileId: string, card: { id: string; issuedAt: string } | null, statuses: readonly FileStatus[]): TransactItem {
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

  async transact(items: TransactItem[]): Promise<void> {
    await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  }

  /** A staff list page: one region index, the status as a sort-key prefix, newest change first. */
  async list(filter: { regionCode: string; status: FileStatus | 'all'; limit: number; cursor?: string }) {
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
        ExclusiveStartKey: decodeCursor(filter.cursor),
      }),
    );
    return { items: (out.Items ?? []) as FileItem[], nextCursor: encodeCursor(out.LastEvaluatedKey as Record<string, unknown> | undefined) };
  }
}
