import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ApplicationStatus, TimelineEntry } from '@yz/shared';
import { applicationsTable, membersTable } from './tables';
import type { Db } from '../platform/db';
import { decodeCursor, encodeCursor, pageKey } from '../platform/cursor';
import { Outbox } from '../platform/outbox';
import { refusedFrom } from '../platform/transaction';
import { userKey } from '../platform/users';
import {
  memberKey,
  statusKeyOf,
  type ApplicationItem,
  type IdClaimItem,
  type MemberItem,
  type MembershipStore,
  type MembershipWrite,
  type QueueFilter,
} from './store-port';

/** The DynamoDB adapter for applications, ID claims and members (keys: docs/data-model.md). */

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const REGION_INDEX = {
  6: [applicationsTable.indexes[0].name, 'districtCode'],
  4: [applicationsTable.indexes[1].name, 'cityCode'],
  2: [applicationsTable.indexes[2].name, 'provinceCode'],
} as const;
const MEMBER_INDEX = {
  6: [membersTable.indexes[0].name, 'districtCode'],
  4: [membersTable.indexes[1].name, 'cityCode'],
  2: [membersTable.indexes[2].name, 'provinceCode'],
} as const;


export class DynamoMembershipStore implements MembershipStore {
  private readonly outbox: Outbox;

  constructor(private readonly db: Db) {
    this.outbox = new Outbox(db);
  }

  get applications() {
    return this.db.table('applications');
  }
  get claims() {
    return this.db.table('idClaims');
  }
  get members() {
    return this.db.table('members');
  }
  get users() {
    return this.db.table('users');
  }

  async getApplication(id: string): Promise<ApplicationItem | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.applications, Key: { id }, ConsistentRead: true }));
    return (out.Item as ApplicationItem | undefined) ?? null;
  }

  async getClaim(idHash: string): Promise<IdClaimItem | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.claims, Key: { idHash }, ConsistentRead: true }));
    return (out.Item as IdClaimItem | undefined) ?? null;
  }

  async getMember(userId: string): Promise<MemberItem | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.members, Key: memberKey(userId) }));
    return (out.Item as MemberItem | undefined) ?? null;
  }

  async isMemberFlagged(userId: string): Promise<boolean> {
    const out = await this.db.doc.send(
      new GetCommand({ TableName: this.users, Key: userKey(userId), ProjectionExpression: '#m', ExpressionAttributeNames: { '#m': 'member' } }),
    );
    return out.Item?.member === true;
  }

  /** Put for a new claim: fails if anyone holds this ID number (their old claim comes back). */
  private claimPut(claim: IdClaimItem): TransactItem {
    return {
      Put: {
        TableName: this.claims,
        Item: claim,
        ConditionExpression: 'attribute_not_exists(idHash)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  private claimDelete(idHash: string, applicationId: string): TransactItem {
    return {
      Delete: {
        TableName: this.claims,
        Key: { idHash },
        ConditionExpression: 'applicationId = :app',
        ExpressionAttributeValues: { ':app': applicationId },
      },
    };
  }

  private claimBecomesMember(idHash: string, applicationId: string, at: string): TransactItem {
    return {
      Update: {
        TableName: this.claims,
        Key: { idHash },
        UpdateExpression: 'SET #s = :member, updatedAt = :at',
        ConditionExpression: 'applicationId = :app',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':member': 'member', ':at': at, ':app': applicationId },
      },
    };
  }

  private applicationPut(item: ApplicationItem): TransactItem {
    return { Put: { TableName: this.applications, Item: item, ConditionExpression: 'attribute_not_exists(id)' } };
  }

  /**
   * The one way an application changes state: a conditional update on the status and version it was
   * read at, appending the timeline entry. `set` holds the other attributes to write.
   */
  private transitionUpdate(
    app: ApplicationItem,
    to: ApplicationStatus,
    entry: TimelineEntry,
    now: Date,
    set: Record<string, unknown>,
    remove: string[] = [],
  ): TransactItem {
    const names: Record<string, string> = { '#s': 'status', '#v': 'version' };
    const values: Record<string, unknown> = {
      ':from': app.status,
      ':v': app.version,
      ':to': to,
      ':next': app.version + 1,
      ':entry': [entry],
      ':statusKey': statusKeyOf(to, now, app.id),
      ':updatedAt': entry.at,
    };
    const sets = ['#s = :to', '#v = :next', 'statusKey = :statusKey', 'updatedAt = :updatedAt', 'timeline = list_append(timeline, :entry)'];
    Object.entries(set).forEach(([key, value], i) => {
      names[`#f${i}`] = key;
      values[`:f${i}`] = value;
      sets.push(`#f${i} = :f${i}`);
    });
    const removes = remove.map((key, i) => {
      names[`#r${i}`] = key;
      return `#r${i}`;
    });
    return {
      Update: {
        TableName: this.applications,
        Key: { id: app.id },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: '#s = :from AND #v = :v',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  }

  private memberPut(member: MemberItem): TransactItem {
    return { Put: { TableName: this.members, Item: member, ConditionExpression: 'attribute_not_exists(pk)' } };
  }

  /** The user gains the member role in the approving transaction; a deleted account cancels it. */
  private userBecomesMember(userId: string): TransactItem {
    return {
      Update: {
        TableName: this.users,
        Key: userKey(userId),
        UpdateExpression: 'SET #m = :true',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#m': 'member' },
        ExpressionAttributeValues: { ':true': true },
      },
    };
  }

  async commit(writes: MembershipWrite[]): Promise<void> {
    try {
      await this.db.doc.send(new TransactWriteCommand({ TransactItems: writes.map((w) => this.transactItem(w)) }));
    } catch (error) {
      throw refusedFrom(error);
    }
  }

  private transactItem(w: MembershipWrite): TransactItem {
    switch (w.kind) {
      case 'claimPut':
        return this.claimPut(w.claim);
      case 'claimDelete':
        return this.claimDelete(w.idHash, w.applicationId);
      case 'claimBecomesMember':
        return this.claimBecomesMember(w.idHash, w.applicationId, w.at);
      case 'applicationPut':
        return this.applicationPut(w.item);
      case 'transition':
        return this.transitionUpdate(w.app, w.to, w.entry, w.now, w.set, w.remove);
      case 'memberPut':
        return this.memberPut(w.member);
      case 'userBecomesMember':
        return this.userBecomesMember(w.userId);
      case 'notify':
        return this.outbox.transactPut(w.message.kind, w.message.payload, w.message.now);
    }
  }

  /** The next member number of a district and year: a counter, so numbers are short and ordered (a cancelled approval leaves a gap). */
  async nextMemberSeq(districtCode: string, year: string): Promise<number> {
    const out = await this.db.doc.send(
      new UpdateCommand({
        TableName: this.members,
        Key: { pk: `seq#${districtCode}#${year}` },
        UpdateExpression: 'ADD n :one SET kind = :kind',
        ExpressionAttributeValues: { ':one': 1, ':kind': 'sequence' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.n);
  }

  async listByUser(userId: string): Promise<ApplicationItem[]> {
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.applications,
        IndexName: applicationsTable.indexes[3].name,
        KeyConditionExpression: 'userId = :u',
        ExpressionAttributeValues: { ':u': userId },
        ScanIndexForward: false,
        Limit: 20,
      }),
    );
    return (out.Items ?? []) as ApplicationItem[];
  }

  /** A staff queue page: one region index, the status as a sort-key prefix, dates as a sort-key range. */
  async queue(filter: QueueFilter): Promise<{ items: ApplicationItem[]; nextCursor: string | null }> {
    const [index, attribute] = REGION_INDEX[filter.regionCode.length as 2 | 4 | 6];
    const names: Record<string, string> = { '#r': attribute };
    const values: Record<string, unknown> = { ':r': filter.regionCode };
    let keyCondition = '#r = :r';
    const filters: string[] = [];
    if (filter.status !== 'all') {
      if (filter.from || filter.to) {
        keyCondition += ' AND statusKey BETWEEN :lo AND :hi';
        values[':lo'] = `${filter.status}#${filter.from ?? ''}`;
        values[':hi'] = `${filter.status}#${filter.to ?? '9999'}~`;
      } else {
        keyCondition += ' AND begins_with(statusKey, :prefix)';
        values[':prefix'] = `${filter.status}#`;
      }
    } else {
      if (filter.from) {
        filters.push('updatedAt >= :from');
        values[':from'] = filter.from;
      }
      if (filter.to) {
        filters.push('updatedAt <= :to');
        values[':to'] = `${filter.to}~`;
      }
    }
    if (filter.occupation) {
      filters.push('occupation = :occ');
      values[':occ'] = filter.occupation;
    }
    const items: ApplicationItem[] = [];
    let startKey: Record<string, unknown> | undefined = decodeCursor(filter.cursor, pageKey(applicationsTable, index, { [attribute]: filter.regionCode }));
    // Waiting applications oldest first (first come, first served); decided ones newest first.
    const forward = filter.status === 'submitted';
    for (let page = 0; page < 10 && items.length < filter.limit; page += 1) {
      const out = await this.db.doc.send(
        new QueryCommand({
          TableName: this.applications,
          IndexName: index,
          KeyConditionExpression: keyCondition,
          ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: forward,
          Limit: filter.limit - items.length,
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((out.Items ?? []) as ApplicationItem[]));
      startKey = out.LastEvaluatedKey as Record<string, unknown> | undefined;
      if (!startKey) break;
    }
    return { items, nextCursor: encodeCursor(startKey) };
  }

  /** Every member of a region, by member number. */
  async listMembers(regionCode: string, max = 10_000): Promise<MemberItem[]> {
    const [index, attribute] = MEMBER_INDEX[regionCode.length as 2 | 4 | 6];
    const items: MemberItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.db.doc.send(
        new QueryCommand({
          TableName: this.members,
          IndexName: index,
          KeyConditionExpression: '#r = :r',
          ExpressionAttributeNames: { '#r': attribute },
          ExpressionAttributeValues: { ':r': regionCode },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((out.Items ?? []) as MemberItem[]));
      startKey = out.LastEvaluatedKey as Record<string, unknown> | undefined;
    } while (startKey && items.length < max);
    return items;
  }
}

