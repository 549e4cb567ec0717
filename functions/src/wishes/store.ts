import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { WishStatus } from '@yz/shared';
import { batchGet } from '../platform/batch';
import { decodeCursor, encodeCursor, pageKey } from '../platform/cursor';
import { wishesTable } from './tables';
import type { Db } from '../platform/db';
import { Outbox } from '../platform/outbox';
import { refusedFrom } from '../platform/transaction';
import { userKey } from '../platform/users';
import type { RankFilter, StationRef, VolunteerItem, WallQuery, WishItem, WishPage, WishStore, WishWrite } from './store-port';

export type { StoredTimelineEntry, StationRef, VolunteerItem, WishItem } from './store-port';

/** DynamoDB adapters for wishes and volunteers (keys and indexes: tables.ts, docs/data-model.md). */

type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];

const index = (name: (typeof wishesTable.indexes)[number]['name']) => name;
const REGION_INDEX = { 6: ['byDistrict', 'districtCode'], 4: ['byCity', 'cityCode'], 2: ['byProvince', 'provinceCode'] } as const;

export const quotaKey = (userId: string) => ({ id: `quota#${userId}` });

/**
 * The wall's cities, kept as one counter item per city (wishes on the wall there), written in the same
 * transaction as each wish's move onto or off the wall (lifecycle.ts). The items sit in the byWall
 * index under their own partition (`wall = 'city'`, `wallSort` = the city code), so the list is one
 * small query, not a read of the whole wall.
 */
export const WALL_CITY_PARTITION = 'city';
export const wallCityKey = (cityCode: string) => ({ id: `wallcity#${cityCode}` });

export class DynamoWishStore implements WishStore {
  private readonly outbox: Outbox;

  constructor(private readonly db: Db) {
    this.outbox = new Outbox(db);
  }

  get wishes() {
    return this.db.table('wishes');
  }
  get volunteerTable() {
    return this.db.table('volunteers');
  }

  async get(id: string, consistent = true): Promise<WishItem | null> {
    if (!id.startsWith('w_')) return null;
    const out = await this.db.doc.send(new GetCommand({ TableName: this.wishes, Key: { id }, ConsistentRead: consistent }));
    return (out.Item as WishItem | undefined) ?? null;
  }

  /** The replacement of a wish, only if nobody changed it since it was read (status and version). */
  private replace(next: WishItem, expected: { status: WishStatus; version: number }): TransactItem {
    return {
      Put: {
        TableName: this.wishes,
        Item: next,
        ConditionExpression: '#status = :from AND version = :v',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':from': expected.status, ':v': expected.version },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  private create(item: WishItem): TransactItem {
    return { Put: { TableName: this.wishes, Item: item, ConditionExpression: 'attribute_not_exists(id)' } };
  }

  /** One more active wish for the worker, refused at the limit (the count and the wish commit together). */
  private quotaTake(userId: string, max: number): TransactItem {
    return {
      Update: {
        TableName: this.wishes,
        Key: quotaKey(userId),
        UpdateExpression: 'SET kind = :kind ADD #open :one',
        ConditionExpression: 'attribute_not_exists(#open) OR #open < :max',
        ExpressionAttributeNames: { '#open': 'open' },
        ExpressionAttributeValues: { ':one': 1, ':max': max, ':kind': 'quota' },
      },
    };
  }

  private quotaRelease(userId: string): TransactItem {
    return {
      Update: {
        TableName: this.wishes,
        Key: quotaKey(userId),
        UpdateExpression: 'ADD #open :minus',
        ExpressionAttributeNames: { '#open': 'open' },
        ExpressionAttributeValues: { ':minus': -1 },
      },
    };
  }

  async commit(writes: WishWrite[]): Promise<void> {
    const items = writes.map((w) => this.transactItem(w));
    try {
      // A lone conditional put needs no transaction (half the cost).
      const put = items.length === 1 ? items[0]?.Put : undefined;
      if (put) await this.db.doc.send(new PutCommand({ ...put, ReturnValuesOnConditionCheckFailure: undefined } as ConstructorParameters<typeof PutCommand>[0]));
      else await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      throw refusedFrom(error, { conflicts: true });
    }
  }

  private transactItem(w: WishWrite): TransactItem {
    switch (w.kind) {
      case 'replace':
        return this.replace(w.next, w.expected);
      case 'create':
        return this.create(w.item);
      case 'quotaTake':
        return this.quotaTake(w.userId, w.max);
      case 'quotaRelease':
        return this.quotaRelease(w.userId);
      case 'wallCityAdd':
        return this.wallCityAdd(w.cityCode, w.delta);
      case 'volunteerPut':
        return this.volunteerPut(w.item);
      case 'userBecomesVolunteer':
        return this.userBecomesVolunteer(w.userId);
      case 'notify':
        return this.outbox.transactPut(w.message.kind, w.message.payload, w.message.now);
    }
  }

  private async queryAll(input: QueryCommandInput, max = 5000): Promise<WishItem[]> {
    const items: WishItem[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      items.push(...((out.Items ?? []) as WishItem[]));
      start = out.LastEvaluatedKey;
    } while (start && items.length < max);
    return items;
  }

  /** The wall reads one index partition: the whole wall, or one bucket of it; newest first. */
  wallPage(q: WallQuery): Promise<WishPage> {
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const filters: string[] = [];
    if (q.category) {
      filters.push('category = :c');
      values[':c'] = q.category;
    }
    if (q.city) {
      filters.push('cityCode = :city');
      values[':city'] = q.city;
    }
    const bucket = q.bucket !== 'all';
    names['#k'] = bucket ? 'wallBucket' : 'wall';
    values[':k'] = bucket ? q.bucket : 'wall';
    return this.page(
      {
        IndexName: bucket ? 'byWallBucket' : 'byWall',
        KeyConditionExpression: '#k = :k',
        ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
      },
      { limit: q.limit, cursor: q.cursor, pin: { [names['#k']]: String(values[':k']) } },
    );
  }

  /** Pages of an index, filtered, until `limit` matches are found or `rounds` reads were made. */
  private async page(
    input: Omit<QueryCommandInput, 'TableName'>,
    opts: { limit: number; cursor?: string; pin: Record<string, string>; rounds?: number },
  ): Promise<WishPage> {
    const key = pageKey(wishesTable, input.IndexName, opts.pin);
    let start: Record<string, unknown> | undefined = decodeCursor(opts.cursor, key);
    const items: WishItem[] = [];
    for (let round = 0; round < (opts.rounds ?? 10); round += 1) {
      const out = await this.db.doc.send(new QueryCommand({ ...input, TableName: this.wishes, Limit: Math.max(opts.limit * 2, 50), ExclusiveStartKey: start }));
      const found = (out.Items ?? []) as WishItem[];
      const room = opts.limit - items.length;
      if (found.length > room) {
        items.push(...found.slice(0, room));
        return { items, nextCursor: encodeCursor(keyOf(items[items.length - 1], key.names)) };
      }
      items.push(...found);
      start = out.LastEvaluatedKey;
      if (!start) return { items, nextCursor: null };
      if (items.length === opts.limit) break;
    }
    return { items, nextCursor: encodeCursor(start) };
  }

  /** Every wish of a region (district, city or province), optionally of one status rank. */
  region(regionCode: string, filter?: RankFilter): Promise<WishItem[]> {
    const [name, attr] = REGION_INDEX[regionCode.length as 2 | 4 | 6];
    const cond = filter?.begins ? ' AND begins_with(statusKey, :b)' : filter?.before ? ' AND statusKey < :b' : '';
    return this.queryAll({
      TableName: this.wishes,
      IndexName: index(name),
      KeyConditionExpression: `#r = :r${cond}`,
      ExpressionAttributeNames: { '#r': attr },
      ExpressionAttributeValues: { ':r': regionCode, ...(filter?.begins ? { ':b': filter.begins } : filter?.before ? { ':b': filter.before } : {}) },
    });
  }

  regionPage(regionCode: string, filter: RankFilter, limit: number, cursor?: string): Promise<WishPage> {
    const [name, attr] = REGION_INDEX[regionCode.length as 2 | 4 | 6];
    const cond = filter.begins ? ' AND begins_with(statusKey, :b)' : filter.before ? ' AND statusKey < :b' : '';
    return this.page(
      {
        IndexName: index(name),
        KeyConditionExpression: `#r = :r${cond}`,
        ExpressionAttributeNames: { '#r': attr },
        ExpressionAttributeValues: { ':r': regionCode, ...(filter.begins ? { ':b': filter.begins } : filter.before ? { ':b': filter.before } : {}) },
      },
      { limit, cursor, pin: { [attr]: regionCode } },
    );
  }

  byUser(userId: string): Promise<WishItem[]> {
    return this.newestFirst('byUser', 'userId', userId);
  }

  byClaimant(userId: string): Promise<WishItem[]> {
    return this.newestFirst('byClaimant', 'claimantId', userId);
  }

  byStation(stationId: string): Promise<WishItem[]> {
    return this.newestFirst('byStation', 'stationId', stationId);
  }

  /** Every wish with `attribute = value` on one of the wish indexes, newest first. */
  private newestFirst(indexName: Parameters<typeof index>[0], attribute: string, value: string): Promise<WishItem[]> {
    return this.queryAll({
      TableName: this.wishes,
      IndexName: index(indexName),
      KeyConditionExpression: '#k = :v',
      ExpressionAttributeNames: { '#k': attribute },
      ExpressionAttributeValues: { ':v': value },
      ScanIndexForward: false,
    });
  }

  /** Claims whose reminder or deadline has come (UTC ISO `now`), oldest first. */
  due(nowUtc: string, limit: number): Promise<WishItem[]> {
    return this.queryAll(
      {
        TableName: this.wishes,
        IndexName: index('byDue'),
        KeyConditionExpression: 'dueQueue = :q AND dueAt <= :now',
        ExpressionAttributeValues: { ':q': 'claims', ':now': nowUtc },
        Limit: limit,
      },
      limit,
    );
  }

  /** The cities with at least one wish on the wall, from their counter items (sorted by code). */
  async wallCities(): Promise<string[]> {
    const counters = await this.wholeWallPartition(WALL_CITY_PARTITION);
    return counters.filter((item) => Number(item.onWall) > 0).map((item) => String(item.wallSort));
  }

  /** One more (+1) or one fewer (-1) wish on the wall in a city: part of the move's transaction. */
  private wallCityAdd(cityCode: string, delta: 1 | -1): TransactItem {
    return {
      Update: {
        TableName: this.wishes,
        Key: wallCityKey(cityCode),
        UpdateExpression: 'SET kind = :kind, #w = :w, wallSort = :code ADD onWall :d',
        ExpressionAttributeNames: { '#w': 'wall' },
        ExpressionAttributeValues: { ':kind': 'wallCity', ':w': WALL_CITY_PARTITION, ':code': cityCode, ':d': delta },
      },
    };
  }

  /**
   * Sets every city's counter from the wall itself: for data written without the counters (the demo
   * seed, wishes on the wall before the counters existed). Reads the whole wall: a maintenance step,
   * never a request's.
   */
  async recountWallCities(): Promise<void> {
    const counts = new Map<string, number>();
    for (const item of await this.wholeWallPartition('wall', 'cityCode')) counts.set(String(item.cityCode), (counts.get(String(item.cityCode)) ?? 0) + 1);
    const known = await this.wallCities();
    for (const code of new Set([...known, ...counts.keys()])) {
      await this.db.doc.send(
        new PutCommand({
          TableName: this.wishes,
          Item: { ...wallCityKey(code), kind: 'wallCity', wall: WALL_CITY_PARTITION, wallSort: code, onWall: counts.get(code) ?? 0 },
        }),
      );
    }
  }

  /** Every item of one partition of the wall index (the wall itself, or the city counters), unbounded. */
  private async wholeWallPartition(partition: string, projection?: string): Promise<Record<string, unknown>[]> {
    // The counters share the index with the wishes but are not wishes: read them as plain items.
    const items: unknown[] = await this.queryAll(
      {
        TableName: this.wishes,
        IndexName: index('byWall'),
        KeyConditionExpression: '#w = :w',
        ExpressionAttributeNames: { '#w': 'wall' },
        ExpressionAttributeValues: { ':w': partition },
        ...(projection ? { ProjectionExpression: projection } : {}),
      },
      Infinity,
    );
    return items as Record<string, unknown>[];
  }

  /** Stations' name, address and status, for handovers. */
  async stations(ids: string[]): Promise<Map<string, StationRef>> {
    const found = new Map<string, StationRef>();
    const table = this.db.table('stations');
    const keys = [...new Set(ids)].map((id) => ({ id }));
    const items = await batchGet(this.db.doc, table, keys, { ProjectionExpression: 'id, #n, address, #s', ExpressionAttributeNames: { '#n': 'name', '#s': 'status' } });
    for (const item of items) {
      found.set(String(item.id), { id: String(item.id), name: String(item.name), address: String(item.address ?? ''), status: String(item.status) });
    }
    return found;
  }

  // Volunteers --------------------------------------------------------------------------------------

  async getVolunteer(userId: string): Promise<VolunteerItem | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.volunteerTable, Key: { userId } }));
    return (out.Item as VolunteerItem | undefined) ?? null;
  }

  async volunteers(userIds: string[]): Promise<Map<string, VolunteerItem>> {
    const found = new Map<string, VolunteerItem>();
    const keys = [...new Set(userIds)].map((userId) => ({ userId }));
    for (const item of await batchGet(this.db.doc, this.volunteerTable, keys)) found.set(String(item.userId), item as unknown as VolunteerItem);
    return found;
  }

  private volunteerPut(item: VolunteerItem): TransactItem {
    return { Put: { TableName: this.volunteerTable, Item: item } };
  }

  private userBecomesVolunteer(userId: string): TransactItem {
    return {
      Update: {
        TableName: this.db.table('users'),
        Key: userKey(userId),
        UpdateExpression: 'SET volunteer = :true',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':true': true },
      },
    };
  }

  /** The hardship file the account is bound to (users table), if any. */
  async boundFileId(userId: string): Promise<string | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.db.table('users'), Key: userKey(userId), ProjectionExpression: 'hardshipFileId' }));
    return (out.Item?.hardshipFileId as string | undefined) ?? null;
  }
}

function keyOf(item: WishItem | undefined, names: readonly string[]): Record<string, unknown> | undefined {
  if (!item) return undefined;
  const record = item as unknown as Record<string, unknown>;
  return Object.fromEntries(names.map((n) => [n, record[n]]));
}
