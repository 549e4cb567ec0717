import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { EventCategory, EventWhen, LatLng, PayUnit, PostKind, PostReportReason, PostStatus } from '@yz/shared';
import type { Db } from '../platform/db';
import { alphanumericId } from '../platform/ids';
import { transactWrite } from '../platform/transaction';
import { boardPostsTable } from './tables';

/** The DynamoDB adapter of the notice board behind the `BoardStore` port (keys and indexes: tables.ts). */

export interface JobContent {
  kind: 'job';
  employer: string;
  work: string;
  pay: { unit: PayUnit; minFen: number; maxFen: number | null };
  dates: { kind: 'long_term' } | { kind: 'dates'; from: string; to: string };
  headcount: number;
  requirements: string;
}

export interface EventContent {
  kind: 'event';
  title: string;
  category: EventCategory;
  when: EventWhen;
  gives: string;
  capacity: number | null;
}

export interface PostItem {
  id: string;
  kind: PostKind;
  stationId: string;
  stationName: string;
  districtCode: string;
  address: string;
  location: LatLng | null;
  content: JobContent | EventContent;
  /** Jobs only: the employer's contact, given out one reveal at a time. */
  phone?: string;
  /** Limited events only: the places (the reservation's condition reads it). */
  capacity?: number;
  /** The account that posted it, for staff and audits; views show the station, never a person. */
  postedBy: string;
  status: PostStatus;
  postedAt: string;
  updatedAt: string;
  /** UTC ISO: events, their first start. */
  startsAt: string;
  /** UTC ISO: a job's expiry, an event's last end; the lists leave it out from then on. */
  endsAt: string;
  rank: string;
  listCell?: string;
  listStation?: string;
  listDistrict?: string;
  /** Staff's figures index (tables.ts `byRegionPosted`). */
  figuresProvince?: string;
  figuresSort?: string;
  /** 'listed' while the list keys are there: the expiry job's index (tables.ts `byEnd`). */
  listed?: 'listed';
  reviewQueue?: 'reported';
  reviewSort?: string;
  reportCount: number;
  phoneReveals: number;
  reserved: number;
  checkedIn: number;
  moderation?: { action: 'hide' | 'keep'; note: string; at: string; by: string };
  expiresAtEpoch: number;
}

export interface CodeItem {
  id: string;
  codeOf: string;
  code: string;
  /** Absent once the person deleted their account and the code stayed as an anonymous count. */
  userId?: string;
  reservedAt: string;
  checkedInAt?: string;
}

export interface ReportItem {
  id: string;
  reportOf: string;
  /** Absent once the reporter deleted their account (the report stays with staff, unlinked). */
  userId?: string;
  reason: PostReportReason;
  note: string;
  reportedAt: string;
}

/** A reservation item (`res#<postId>#<userId>`). */
export interface ReservationItem {
  id: string;
  postId: string;
  userId: string;
  code: string;
  reservedAt: string;
}

export interface FollowItem {
  id: string;
  followerOf: string;
  userId: string;
  followedAt: string;
}

/** One of the person's items, told apart by its key's prefix (tables.ts). */
export type PersonItem = ReservationItem | CodeItem | ReportItem | FollowItem;

export type ReserveOutcome =
  | { kind: 'reserved'; code: string; reservedAt: string }
  | { kind: 'already'; code: string; reservedAt: string; checkedInAt: string | null }
  | { kind: 'full' }
  | { kind: 'unavailable' }
  | { kind: 'codeTaken' };

export type ListIndex = 'byCell' | 'byStation' | 'byDistrict';

/** What the board's rules need from storage. */
export interface BoardStore {
  get(id: string): Promise<PostItem | null>;
  create(item: PostItem): Promise<void>;
  /** Active posts under one list key after `afterRank`, in rank order; the caller drops the ended. */
  list(index: ListIndex, key: string, afterRank?: string): Promise<PostItem[]>;
  update(id: string, change: PostChange): Promise<PostItem | null>;
  /** One more reveal of a job's phone; null when the post is no active job. */
  countPhoneReveal(id: string): Promise<PostItem | null>;
  reserve(post: PostItem, userId: string, code: string, now: string): Promise<ReserveOutcome>;
  codes(postId: string): Promise<CodeItem[]>;
  /** Marks the code checked in: 'done', 'unknown' (no such code), or 'already'. */
  checkIn(postId: string, code: string, now: string): Promise<'done' | 'unknown' | 'already'>;
  /** A report, once per person; the post joins the staff's queue. */
  report(post: PostItem, report: ReportItem, reviewSort: string): Promise<void>;
  reportsOf(postId: string): Promise<ReportItem[]>;
  /** A page of the review queue within a region, after the key `start`. */
  reviewPage(regionCode: string, limit: number, start?: Record<string, unknown>): Promise<{ items: PostItem[]; last?: Record<string, unknown> }>;
  /** Every post of a region (any status) posted at or after `since` (UTC ISO). */
  postedInRegion(regionCode: string, since: string): Promise<PostItem[]>;
  /** 关注驿站: idempotent both ways. */
  follow(stationId: string, userId: string, at: string): Promise<void>;
  unfollow(stationId: string, userId: string): Promise<void>;
  isFollowing(stationId: string, userId: string): Promise<boolean>;
  /** The accounts following a station. */
  followers(stationId: string): Promise<string[]>;
  /** Everything of the board that names the person: reservations, codes, reports, follows (index byUser). */
  personItems(userId: string): Promise<PersonItem[]>;
  /**
   * Gives a reservation's place back (account deletion): the reservation and its code deleted and the
   * post's `reserved` down by one, together, only while the event has not started and the code is not
   * checked in. 'kept' when either no longer holds (the caller anonymises instead).
   */
  releaseReservation(postId: string, userId: string, code: string, now: string): Promise<'released' | 'kept' | 'gone'>;
  /** Keeps a reservation only as its anonymous code (counts unchanged): the reservation item, whose key names the person, deleted. */
  anonymiseReservation(postId: string, userId: string, code: string): Promise<void>;
  /** Keeps a report for moderation under a new key without the person. */
  unlinkReport(report: ReportItem & { expiresAtEpoch?: number }, userId: string): Promise<void>;
  /** Ids of posts still on the lists whose end is at or before `now` (UTC ISO), at most `limit`. */
  endedListed(now: string, limit: number): Promise<string[]>;
  /** Takes an ended post off the lists; false when it was no longer listed or has been renewed since. */
  unlistEnded(id: string, now: string): Promise<boolean>;
}

export interface PostChange {
  /** Only if the post is in this status now. */
  expectStatus?: PostStatus;
  set?: Partial<Pick<PostItem, 'status' | 'updatedAt' | 'endsAt' | 'moderation' | 'expiresAtEpoch' | 'listCell' | 'listStation' | 'listDistrict' | 'listed'>>;
  /** Leaves the lists (hidden, withdrawn). */
  unlist?: boolean;
  /** Leaves the review queue. */
  unqueue?: boolean;
}

export const reservationKey = (postId: string, userId: string) => ({ id: `res#${postId}#${userId}` });
export const codeKey = (postId: string, code: string) => ({ id: `code#${postId}#${code}` });
export const reportKey = (postId: string, userId: string) => ({ id: `rep#${postId}#${userId}` });
export const followKey = (stationId: string, userId: string) => ({ id: `follow#${stationId}#${userId}` });
/** The list keys a post carries while listed; removed together when it leaves the lists. */
const LIST_KEYS = ['listCell', 'listStation', 'listDistrict', 'listed'] as const;

/**
 * Transactions on an event's places: many people reserve, check in and release at the same moment, so a
 * conflict gets many quick tries before it is given up (the conditions still decide who gets a place).
 */
const EVENT_PLACES = { attempts: 41, baseMs: 5 } as const;

const LIST_ATTR: Record<ListIndex, 'listCell' | 'listStation' | 'listDistrict'> = { byCell: 'listCell', byStation: 'listStation', byDistrict: 'listDistrict' };

function reasonsOf(error: unknown): string[] | null {
  if (!(error instanceof TransactionCanceledException)) return null;
  return (error.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

export class DynamoBoardStore implements BoardStore {
  constructor(private readonly db: Db) {}

  private get table() {
    return this.db.table('boardPosts');
  }

  async get(id: string): Promise<PostItem | null> {
    if (!id.startsWith('bp_')) return null;
    const out = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: { id }, ConsistentRead: true }));
    return (out.Item as PostItem | undefined) ?? null;
  }

  async create(item: PostItem): Promise<void> {
    await this.db.doc.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(id)' }));
  }

  private async queryAll<T>(input: Omit<QueryCommandInput, 'TableName'>, max = 2000): Promise<T[]> {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.doc.send(new QueryCommand({ ...input, TableName: this.table, ExclusiveStartKey: start }));
      items.push(...((out.Items ?? []) as T[]));
      start = out.LastEvaluatedKey;
    } while (start && items.length < max);
    return items;
  }

  list(index: ListIndex, key: string, afterRank?: string): Promise<PostItem[]> {
    return this.queryAll<PostItem>({
      IndexName: index satisfies (typeof boardPostsTable.indexes)[number]['name'],
      KeyConditionExpression: afterRank ? '#k = :k AND #r > :after' : '#k = :k',
      ExpressionAttributeNames: { '#k': LIST_ATTR[index], ...(afterRank ? { '#r': 'rank' } : {}) },
      ExpressionAttributeValues: { ':k': key, ...(afterRank ? { ':after': afterRank } : {}) },
    });
  }

  async update(id: string, change: PostChange): Promise<PostItem | null> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    for (const [attr, value] of Object.entries(change.set ?? {})) {
      names[`#${attr}`] = attr;
      values[`:${attr}`] = value;
      sets.push(`#${attr} = :${attr}`);
    }
    const removes = [...(change.unlist ? LIST_KEYS : []), ...(change.unqueue ? ['reviewQueue', 'reviewSort'] : [])];
    let condition = 'attribute_exists(id)';
    if (change.expectStatus) {
      names['#st'] = 'status';
      values[':expect'] = change.expectStatus;
      condition += ' AND #st = :expect';
    }
    const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
    try {
      const out = await this.db.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id },
          UpdateExpression: expression,
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes as PostItem;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return null;
      throw error;
    }
  }

  async countPhoneReveal(id: string): Promise<PostItem | null> {
    try {
      const out = await this.db.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id },
          UpdateExpression: 'ADD phoneReveals :one',
          ConditionExpression: '#st = :active AND kind = :job',
          ExpressionAttributeNames: { '#st': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':active': 'active', ':job': 'job' },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes as PostItem;
    } catch (error) {
      if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return null;
      throw error;
    }
  }

  /**
   * The place, the person's reservation and the code commit together: the count's condition stops
   * over-booking, the reservation's key stops a second place for one person, the code's key stops two
   * people sharing a code. Concurrent reservations of one event cancel each other with
   * TransactionConflict; those are tried again after a random pause, so a place left free is taken.
   */
  async reserve(post: PostItem, userId: string, code: string, now: string): Promise<ReserveOutcome> {
    const expiresAtEpoch = post.expiresAtEpoch;
    try {
      await transactWrite(this.db.doc, [
        {
          Update: {
            TableName: this.table,
            Key: { id: post.id },
            UpdateExpression: 'ADD #res :one',
            ConditionExpression: '#st = :active AND kind = :event AND #res < #cap AND endsAt > :now',
            // Both are DynamoDB reserved words.
            ExpressionAttributeNames: { '#st': 'status', '#res': 'reserved', '#cap': 'capacity' },
            ExpressionAttributeValues: { ':one': 1, ':active': 'active', ':event': 'event', ':now': now },
          },
        },
        {
          Put: {
            TableName: this.table,
            Item: { ...reservationKey(post.id, userId), postId: post.id, userId, code, reservedAt: now, expiresAtEpoch },
            ConditionExpression: 'attribute_not_exists(id)',
          },
        },
        {
          Put: {
            TableName: this.table,
            Item: { ...codeKey(post.id, code), codeOf: post.id, code, userId, reservedAt: now, expiresAtEpoch } satisfies CodeItem & { expiresAtEpoch: number },
            ConditionExpression: 'attribute_not_exists(id)',
          },
        },
      ], EVENT_PLACES);
      return { kind: 'reserved', code, reservedAt: now };
    } catch (error) {
      const reasons = reasonsOf(error);
      if (!reasons) throw error;
      if (reasons[1] === 'ConditionalCheckFailed') {
        const mine = await this.reservationOf(post.id, userId);
        if (mine) return { kind: 'already', ...mine };
      }
      if (reasons[0] === 'ConditionalCheckFailed') {
        const now2 = await this.get(post.id);
        return now2 && now2.status === 'active' && now2.endsAt > now ? { kind: 'full' } : { kind: 'unavailable' };
      }
      if (reasons[2] === 'ConditionalCheckFailed') return { kind: 'codeTaken' };
      throw error;
    }
  }

  private async reservationOf(postId: string, userId: string): Promise<{ code: string; reservedAt: string; checkedInAt: string | null } | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: reservationKey(postId, userId), ConsistentRead: true }));
    if (!out.Item) return null;
    const code = String(out.Item.code);
    const codeItem = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: codeKey(postId, code), ConsistentRead: true }));
    return { code, reservedAt: String(out.Item.reservedAt), checkedInAt: (codeItem.Item?.checkedInAt as string | undefined) ?? null };
  }

  codes(postId: string): Promise<CodeItem[]> {
    return this.queryAll<CodeItem>({ IndexName: 'byCode', KeyConditionExpression: 'codeOf = :p', ExpressionAttributeValues: { ':p': postId } });
  }

  async checkIn(postId: string, code: string, now: string): Promise<'done' | 'unknown' | 'already'> {
    try {
      await transactWrite(this.db.doc, [
        {
          Update: {
            TableName: this.table,
            Key: codeKey(postId, code),
            UpdateExpression: 'SET checkedInAt = :now',
            ConditionExpression: 'attribute_exists(id) AND attribute_not_exists(checkedInAt)',
            ExpressionAttributeValues: { ':now': now },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
        { Update: { TableName: this.table, Key: { id: postId }, UpdateExpression: 'ADD checkedIn :one', ExpressionAttributeValues: { ':one': 1 } } },
      ], EVENT_PLACES);
      return 'done';
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      const cancelled = reasons[0];
      if (cancelled?.Code === 'ConditionalCheckFailed') return cancelled.Item ? 'already' : 'unknown';
      throw error;
    }
  }

  async report(post: PostItem, report: ReportItem, reviewSort: string): Promise<void> {
    try {
      await this.db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: { ...report, expiresAtEpoch: post.expiresAtEpoch }, ConditionExpression: 'attribute_not_exists(id)' } },
            {
              Update: {
                TableName: this.table,
                Key: { id: post.id },
                UpdateExpression: 'SET reviewQueue = :q, reviewSort = if_not_exists(reviewSort, :sort) ADD reportCount :one',
                ConditionExpression: 'attribute_exists(id)',
                ExpressionAttributeValues: { ':q': 'reported', ':sort': reviewSort, ':one': 1 },
              },
            },
          ],
        }),
      );
    } catch (error) {
      // A second report by the same person changes nothing: the first is already with staff.
      if (reasonsOf(error)?.[0] === 'ConditionalCheckFailed') return;
      throw error;
    }
  }

  reportsOf(postId: string): Promise<ReportItem[]> {
    return this.queryAll<ReportItem>({ IndexName: 'byReportOf', KeyConditionExpression: 'reportOf = :p', ExpressionAttributeValues: { ':p': postId } });
  }

  async reviewPage(regionCode: string, limit: number, start?: Record<string, unknown>) {
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'byReview',
        KeyConditionExpression: 'reviewQueue = :q AND begins_with(reviewSort, :r)',
        ExpressionAttributeValues: { ':q': 'reported', ':r': regionCode },
        Limit: limit,
        ExclusiveStartKey: start,
      }),
    );
    return { items: (out.Items ?? []) as PostItem[], ...(out.LastEvaluatedKey ? { last: out.LastEvaluatedKey } : {}) };
  }

  postedInRegion(regionCode: string, since: string): Promise<PostItem[]> {
    return this.queryAll<PostItem>(
      {
        IndexName: 'byRegionPosted',
        KeyConditionExpression: 'figuresProvince = :p AND begins_with(figuresSort, :r)',
        FilterExpression: 'postedAt >= :since',
        ExpressionAttributeValues: { ':p': regionCode.slice(0, 2), ':r': regionCode, ':since': since },
      },
      20_000,
    );
  }

  async follow(stationId: string, userId: string, at: string): Promise<void> {
    await this.db.doc.send(
      // `userId` beside `follower`: the person's own items are one query (byUser) for export and deletion.
      new PutCommand({ TableName: this.table, Item: { ...followKey(stationId, userId), followerOf: stationId, follower: userId, userId, followedAt: at } }),
    );
  }

  async unfollow(stationId: string, userId: string): Promise<void> {
    await this.db.doc.send(new DeleteCommand({ TableName: this.table, Key: followKey(stationId, userId) }));
  }

  async isFollowing(stationId: string, userId: string): Promise<boolean> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: followKey(stationId, userId), ConsistentRead: true }));
    return out.Item !== undefined;
  }

  async followers(stationId: string): Promise<string[]> {
    const items = await this.queryAll<{ follower: string }>(
      { IndexName: 'byFollowerOf', KeyConditionExpression: 'followerOf = :s', ExpressionAttributeValues: { ':s': stationId } },
      50_000,
    );
    return items.map((i) => i.follower);
  }

  personItems(userId: string): Promise<PersonItem[]> {
    return this.queryAll<PersonItem>(
      { IndexName: 'byUser' satisfies (typeof boardPostsTable.indexes)[number]['name'], KeyConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId } },
      50_000,
    );
  }

  async releaseReservation(postId: string, userId: string, code: string, now: string): Promise<'released' | 'kept' | 'gone'> {
    try {
      await transactWrite(this.db.doc, [
        { Delete: { TableName: this.table, Key: reservationKey(postId, userId), ConditionExpression: 'attribute_exists(id)' } },
        {
          Delete: {
            TableName: this.table,
            Key: codeKey(postId, code),
            // A check-in landing first keeps the place: the person came.
            ConditionExpression: 'userId = :u AND attribute_not_exists(checkedInAt)',
            ExpressionAttributeValues: { ':u': userId },
          },
        },
        {
          Update: {
            TableName: this.table,
            Key: { id: postId },
            UpdateExpression: 'ADD #res :minus',
            ConditionExpression: 'startsAt > :now AND #res > :zero',
            ExpressionAttributeNames: { '#res': 'reserved' },
            ExpressionAttributeValues: { ':minus': -1, ':now': now, ':zero': 0 },
          },
        },
      ], EVENT_PLACES);
      return 'released';
    } catch (error) {
      const reasons = reasonsOf(error);
      if (!reasons) throw error;
      if (reasons[0] === 'ConditionalCheckFailed') return 'gone';
      if (reasons[1] === 'ConditionalCheckFailed' || reasons[2] === 'ConditionalCheckFailed') return 'kept';
      throw error;
    }
  }

  async anonymiseReservation(postId: string, userId: string, code: string): Promise<void> {
    // The code first: should the reservation's deletion fail, the deletion's next run finds both again.
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: codeKey(postId, code),
          UpdateExpression: 'REMOVE userId',
          ConditionExpression: 'userId = :u',
          ExpressionAttributeValues: { ':u': userId },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    await this.db.doc.send(new DeleteCommand({ TableName: this.table, Key: reservationKey(postId, userId) }));
  }

  async unlinkReport(report: ReportItem & { expiresAtEpoch?: number }, userId: string): Promise<void> {
    const { userId: _u, ...kept } = report;
    try {
      await this.db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: this.table, Key: { id: report.id }, ConditionExpression: 'userId = :u', ExpressionAttributeValues: { ':u': userId } } },
            // The old key names the person, so the report moves to a random one; the post's reportCount is unchanged.
            { Put: { TableName: this.table, Item: { ...kept, id: `rep#${report.reportOf}#${alphanumericId('anon_', 12)}` }, ConditionExpression: 'attribute_not_exists(id)' } },
          ],
        }),
      );
    } catch (error) {
      // Already unlinked (or gone with its post): nothing names the person any more.
      if (reasonsOf(error)?.[0] === 'ConditionalCheckFailed') return;
      throw error;
    }
  }

  async endedListed(now: string, limit: number): Promise<string[]> {
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'byEnd',
        KeyConditionExpression: 'listed = :l AND endsAt <= :now',
        ExpressionAttributeValues: { ':l': 'listed', ':now': now },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map((i) => String(i.id));
  }

  async unlistEnded(id: string, now: string): Promise<boolean> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id },
          UpdateExpression: `REMOVE ${LIST_KEYS.join(', ')}`,
          // The index is eventually consistent: the post may have been renewed or unlisted since.
          ConditionExpression: 'attribute_exists(listed) AND endsAt <= :now',
          ExpressionAttributeValues: { ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
