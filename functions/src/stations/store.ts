import { ConditionalCheckFailedException, TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { HEALTH_KEY_AMENITIES, effectiveAmenity, type ConfirmationSummary, type NearbyStation, type Station, type StationHistoryEntry } from '@yz/shared';
import { stationHistoryTable, stationsTable } from './tables';
import type { Db } from '../platform/db';
import { batchGet, batchWrite } from '../platform/batch';
import { displayNames } from '../platform/users';
import { decodeCursor, encodeCursor, pageKey } from '../platform/cursor';
import { DensityIndex } from './density';
import { encodeGeohash, GEO_CELL_PRECISION, GEOHASH_PRECISION, rangeBounds, type KeyRange } from '../platform/geo';
import { summaryOf } from './summary';
import { stationKey } from './identity';
import { transactWrite } from '../platform/transaction';

/** A nearby list row as the index keeps it: the row without the asker's distance. */
export type NearbyRow = Omit<NearbyStation, 'distanceMeters'>;

/** The stations a service can read and write, without knowing about DynamoDB. */
/** What the importer looks up before it plans a list's rows (the port of stations/import). */
export interface StationLookups {
  getMany(ids: string[]): Promise<Map<string, Station>>;
  /** Which station holds each identity key (district + normalised name + address). */
  keyOwners(keys: string[]): Promise<Map<string, string>>;
}

export interface StationStore extends StationLookups {
  get(id: string): Promise<Station | null>;
  /** Rows on the map whose 45-bit geohash key is in the range. */
  inRange(range: KeyRange): Promise<{ rows: NearbyRow[]; itemsRead: number }>;
  /** One page of a district's stations by name, from `after` (an index key) on. */
  districtPage(
    districtCode: string,
    after: Record<string, unknown> | undefined,
    pageSize: number,
  ): Promise<{ items: { station: Station; key: Record<string, unknown> }[]; more: boolean; itemsRead: number }>;
  /** Raw load (demo data, tests): no versions checked, no history. */
  putMany(stations: Station[]): Promise<void>;
  /** Every station of a province, city or district, a page at a time, by name. */
  listByRegion(regionCode: string, opts: { status?: Station['status']; limit: number; cursor?: string }): Promise<{ items: Station[]; nextCursor: string | null }>;
  /** One change of a station with its history entry, all or nothing. */
  write(change: StationWrite): Promise<Station>;
  /**
   * Several new stations (each with its identity key and first history entry) in one transaction, all
   * or nothing: an import creates a list's stations a batch at a time. Refused as a whole if any id or
   * identity is taken; the caller then writes them one by one to learn which.
   */
  createMany(changes: StationWrite[]): Promise<void>;
  hosts(id: string): Promise<{ userId: string; name: string | null }[] | null>;
  healthFacts(regionCode: string): AsyncGenerator<StationHealthFacts[]>;
  history(id: string, limit: number, cursor?: string): Promise<{ items: StationHistoryEntry[]; nextCursor: string | null }>;
}

export interface StationWrite {
  /** Null for a new station. */
  before: Station | null;
  after: Station;
  entry: StationHistoryEntry;
}

/** Why a write did not happen. The service turns these into 404 / 409 answers. */
export class StationWriteRefused extends Error {
  constructor(
    readonly reason: 'missing' | 'stale' | 'duplicate' | 'idTaken',
    /** The station as it is now (stale), or the id holding the same identity (duplicate). */
    readonly current: Station | null,
    readonly duplicateOf: string | null = null,
  ) {
    super(`station write refused: ${reason}`);
    this.name = 'StationWriteRefused';
  }
}

/** What the data-health view weighs of one station (StationStore.healthFacts). */
export interface StationHealthFacts {
  id: string;
  name: string;
  district: Station['district'];
  status: Station['status'];
  onMap: boolean;
  /** At least one weekday with hours set (a day left unknown is not hours). */
  hasWeeklyHours: boolean;
  hasPhone: boolean;
  hostCount: number;
  keyAmenitiesKnown: boolean;
  lastVerifiedAt: string | null;
  /** Written by workers' confirmations (the confirm feature) when present on the item. */
  workerConfirmedAt: string | null;
}

/** Index attributes kept beside the station in its item; never part of the API shape. */
type StationItem = Station & {
  geoCell?: string;
  geohash?: string;
  districtCode: string;
  cityCode: string;
  provinceCode: string;
  /** Users bound as hosts (a string set, changed only by the accounts domain with ADD / DELETE). */
  hostIds?: Set<string>;
  /** The list row, serialised: all the nearby index carries (see stations/tables.ts). */
  nearbyRow?: string;
};

const [byGeoCell, byDistrict, byCity, byProvince] = stationsTable.indexes;

/** The index that lists a region's stations and its key attribute: district (6 digits), city (4) or province. */
const regionIndex = (regionCode: string) =>
  regionCode.length === 6 ? ([byDistrict, 'districtCode'] as const) : regionCode.length === 4 ? ([byCity, 'cityCode'] as const) : ([byProvince, 'provinceCode'] as const);

/** Where a district page (byDistrict, by name) stops: the cursor the district browse hands out. */
export const districtPageKey = (districtCode: string) => pageKey(stationsTable, byDistrict.name, { districtCode });

/** The attributes a station write sets; `hostIds` is deliberately absent so a write never drops a binding. */
const STATION_ATTRIBUTES = [
  'name',
  'address',
  'district',
  'location',
  'type',
  'amenities',
  'hours',
  'hoursNote',
  'closure',
  'phones',
  'hostOrganisation',
  'notice',
  'photoUrl',
  'status',
  'lastVerifiedAt',
  'createdAt',
  'updatedAt',
  'version',
] as const satisfies readonly (keyof Station)[];

export function nearbyRowOf(station: Station & { location: NonNullable<Station['location']> }): NearbyRow {
  return { ...summaryOf(station), location: station.location };
}

/**
 * The item written for a station. Every write of a station goes through here, so the index
 * attributes, including the serialised list row the nearby index carries, never disagree with it.
 */
/**
 * The item written for a station. Every write of a station goes through here, so the index
 * attributes, including the serialised list row the nearby index carries, never disagree with it.
 */
export function toItem(station: Station): StationItem {
  const onMap = station.status === 'active' && station.location !== null;
  return {
    ...station,
    districtCode: station.district.code,
    cityCode: station.district.code.slice(0, 4),
    provinceCode: station.district.code.slice(0, 2),
    ...(onMap && station.location
      ? {
          geoCell: encodeGeohash(station.location, GEO_CELL_PRECISION),
          geohash: encodeGeohash(station.location, GEOHASH_PRECISION),
          nearbyRow: JSON.stringify(nearbyRowOf({ ...station, location: station.location })),
        }
      : {}),
  };
}

export function fromItem(item: Record<string, unknown>): Station {
  const {
    geoCell: _c,
    geohash: _h,
    nearbyRow: _r,
    districtCode: _d,
    cityCode: _ci,
    provinceCode: _p,
    hostIds: _hosts,
    ...station
  } = item as StationItem;
  return station;
}

/** The geohash-7 density cell of an item on the map, or null. */
const densityCell = (item: { geohash?: string } | undefined) => (item?.geohash ? item.geohash.slice(0, 7) : null);

type HistoryItem = StationHistoryEntry & { atId: string };

function cellMove(deltas: Map<string, number>, from: string | null, to: string | null): void {
  if (from === to) return;
  if (from) deltas.set(from, (deltas.get(from) ?? 0) - 1);
  if (to) deltas.set(to, (deltas.get(to) ?? 0) + 1);
}

/**
 * The condition that the station's workers' confirmations are still those of `before` (their revision
 * changes with every answer folded in), with its names and values added to the expression's.
 */
function confirmationCondition(before: Station, names: Record<string, string>, values: Record<string, unknown>): string {
  names['#conf'] = 'confirmations';
  const revision = before.confirmations?.revision;
  if (revision === undefined) {
    values[':noConf'] = null;
    return '(attribute_not_exists(#conf) OR #conf = :noConf)';
  }
  names['#rev'] = 'revision';
  values[':confRev'] = revision;
  return '#conf.#rev = :confRev';
}

/** A station with workers' confirmations folded in (ports.ts `StationConfirmations`). */
export interface ConfirmationFold {
  confirmations: ConfirmationSummary;
  workerConfirmedAt: string;
}

/** Sorts by time, then by version: two changes of one station never share a version. */
function historySortKey(entry: StationHistoryEntry): string {
  return `${new Date(entry.at).toISOString()}#${String(entry.version).padStart(9, '0')}`;
}

export class DynamoStationStore implements StationStore {
  private readonly density: DensityIndex;

  constructor(private readonly db: Db) {
    this.density = new DensityIndex(db);
  }

  private get tableName() {
    return this.db.table('stations');
  }

  async get(id: string): Promise<Station | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.tableName, Key: { id }, ConsistentRead: true }));
    return out.Item ? fromItem(out.Item) : null;
  }

  async getMany(ids: string[]): Promise<Map<string, Station>> {
    const found = new Map<string, Station>();
    const keys = [...new Set(ids)].map((id) => ({ id }));
    for (const item of await batchGet(this.db.doc, this.tableName, keys, { ConsistentRead: true })) found.set(item.id as string, fromItem(item));
    return found;
  }

  async keyOwners(keys: string[]): Promise<Map<string, string>> {
    const table = this.db.table('stationKeys');
    const found = new Map<string, string>();
    const batch = [...new Set(keys)].map((key) => ({ key }));
    for (const item of await batchGet(this.db.doc, table, batch, { ConsistentRead: true })) found.set(item.key as string, item.stationId as string);
    return found;
  }

  async inRange(range: KeyRange): Promise<{ rows: NearbyRow[]; itemsRead: number }> {
    const [lo, hi] = rangeBounds(range);
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: byGeoCell.name,
      KeyConditionExpression: 'geoCell = :cell AND geohash BETWEEN :lo AND :hi',
      ExpressionAttributeValues: { ':cell': range.partition, ':lo': lo, ':hi': hi },
    };
    const rows: NearbyRow[] = [];
    let itemsRead = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.db.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      itemsRead += out.ScannedCount ?? 0;
      for (const item of out.Items ?? []) rows.push(JSON.parse(item.nearbyRow as string) as NearbyRow);
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return { rows, itemsRead };
  }

  async districtPage(districtCode: string, after: Record<string, unknown> | undefined, pageSize: number) {
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: byDistrict.name,
        KeyConditionExpression: 'districtCode = :d',
        ExpressionAttributeValues: { ':d': districtCode },
        ExclusiveStartKey: after,
        Limit: pageSize,
      }),
    );
    const items = (out.Items ?? []).map((item) => ({
      station: fromItem(item),
      key: { districtCode: item.districtCode as string, name: item.name as string, id: item.id as string },
    }));
    return { items, more: out.LastEvaluatedKey !== undefined, itemsRead: out.ScannedCount ?? 0 };
  }

  /**
   * Stations and their identity keys, 25 items a batch (demo data, test fixtures, benchmarks), keeping
   * the density hint in step: the cells stations leave lose a count, the cells they arrive in gain one.
   */
  async putMany(stations: Station[]): Promise<void> {
    for (let i = 0; i < stations.length; i += 100) {
      const chunk = stations.slice(i, i + 100);
      const before = await this.oldCells(chunk.map((s) => s.id));
      const deltas = new Map<string, number>();
      for (const station of chunk) cellMove(deltas, before.get(station.id) ?? null, densityCell(toItem(station)));
      await this.putChunk(chunk);
      await this.density.apply(deltas);
    }
  }

  private async oldCells(ids: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    const keys = [...new Set(ids)].map((id) => ({ id }));
    for (const item of await batchGet(this.db.doc, this.tableName, keys, { ProjectionExpression: 'id, geohash' })) {
      out.set(item.id as string, densityCell(item as { geohash?: string }));
    }
    return out;
  }

  private async putChunk(stations: Station[]): Promise<void> {
    const keysTable = this.db.table('stationKeys');
    await batchWrite(
      this.db.doc,
      stations.flatMap((s) => [
        { table: this.tableName, request: { PutRequest: { Item: toItem(s) } } },
        { table: keysTable, request: { PutRequest: { Item: { key: stationKey(s), stationId: s.id } } } },
      ]),
    );
  }

  /**
   * One page of a region's stations from its region index (byDistrict, byCity or byProvince by the
   * code's length); `query` adds the filter, projection, page size and start, with their own names.
   */
  private regionPage(regionCode: string, query: Pick<QueryCommandInput, 'FilterExpression' | 'ProjectionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues' | 'Limit' | 'ExclusiveStartKey'>) {
    const [index, attribute] = regionIndex(regionCode);
    return this.db.doc.send(
      new QueryCommand({
        ...query,
        TableName: this.tableName,
        IndexName: index.name,
        KeyConditionExpression: '#r = :r',
        ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#r': attribute },
        ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':r': regionCode },
      }),
    );
  }

  async listByRegion(
    regionCode: string,
    opts: { status?: Station['status']; limit: number; cursor?: string },
  ): Promise<{ items: Station[]; nextCursor: string | null }> {
    const [index, attribute] = regionIndex(regionCode);
    const items: Station[] = [];
    let startKey: Record<string, unknown> | undefined = decodeCursor(opts.cursor, pageKey(stationsTable, index.name, { [attribute]: regionCode }));
    // A status filter thins pages out: keep reading until the page is full or the region is done.
    do {
      const out = await this.regionPage(regionCode, {
        ...(opts.status ? { FilterExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': opts.status } } : {}),
        Limit: opts.limit - items.length,
        ExclusiveStartKey: startKey,
      });
      for (const item of out.Items ?? []) items.push(fromItem(item));
      startKey = out.LastEvaluatedKey;
    } while (startKey && items.length < opts.limit);
    return { items, nextCursor: encodeCursor(startKey) };
  }

  /**
   * What data health needs of every station in a region, a page at a time (byDistrict / byCity /
   * byProvince, 500 per page): only the attributes it weighs are projected, so a province's thousands
   * of stations move as small items; the read capacity is still that of the whole items (docs/data-model.md).
   */
  async *healthFacts(regionCode: string): AsyncGenerator<StationHealthFacts[]> {
    const names: Record<string, string> = { '#id': 'id', '#n': 'name', '#d': 'district', '#s': 'status', '#l': 'location', '#h': 'hours', '#p': 'phones', '#a': 'amenities', '#v': 'lastVerifiedAt', '#w': 'workerConfirmedAt', '#host': 'hostIds', '#c': 'confirmations' };
    const amenityPaths = HEALTH_KEY_AMENITIES.map((a, i) => {
      names[`#k${i}`] = a;
      return `#a.#k${i}`;
    });
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.regionPage(regionCode, {
        ProjectionExpression: ['#id', '#n', '#d', '#s', '#l', '#h', '#p', '#v', '#w', '#host', '#c', ...amenityPaths].join(', '),
        ExpressionAttributeNames: names,
        Limit: 500,
        ExclusiveStartKey: startKey,
      });
      yield (out.Items ?? []).map((item) => {
        const station = item as Partial<Station> & { workerConfirmedAt?: string; hostIds?: Set<string> };
        const amenities = (station.amenities ?? {}) as Partial<Record<string, string>>;
        return {
          id: station.id as string,
          name: station.name as string,
          district: station.district as Station['district'],
          status: station.status as Station['status'],
          onMap: station.status === 'active' && !!station.location,
          hasWeeklyHours: !!station.hours && Object.values(station.hours.weekly).some((day) => day !== null),
          hasPhone: (station.phones ?? []).length > 0,
          hostCount: station.hostIds?.size ?? 0,
          // Known from the station's own setting or from workers' settled verdict, as the finder tells it.
          keyAmenitiesKnown: HEALTH_KEY_AMENITIES.every((a) => {
            const told = effectiveAmenity({ amenities: { [a]: amenities[a] ?? 'unknown' } as Station['amenities'], confirmations: station.confirmations ?? null }, a);
            return told === 'yes' || told === 'no';
          }),
          lastVerifiedAt: station.lastVerifiedAt ?? null,
          workerConfirmedAt: typeof station.workerConfirmedAt === 'string' ? station.workerConfirmedAt : null,
        };
      });
      startKey = out.LastEvaluatedKey;
    } while (startKey);
  }

  /**
   * Sets the workers' confirmations computed by `fold` from the station as it is, with the list row
   * the nearby index carries, conditional on the station's version and the confirmations' revision
   * both being those read: a host's edit or another answer in between makes it read and fold again.
   * Returns null when the station does not exist.
   */
  async foldConfirmations(id: string, fold: (station: Station) => Promise<ConfirmationFold>): Promise<Station | null> {
    for (let attempt = 0; ; attempt += 1) {
      const before = await this.get(id);
      if (!before) return null;
      const { confirmations, workerConfirmedAt } = await fold(before);
      const after: Station = { ...before, confirmations, workerConfirmedAt };
      const item = toItem(after);
      const names: Record<string, string> = { '#version': 'version', '#wc': 'workerConfirmedAt' };
      const values: Record<string, unknown> = { ':expected': before.version, ':c': confirmations, ':wc': workerConfirmedAt };
      const condition = `#version = :expected AND ${confirmationCondition(before, names, values)}`;
      const sets = ['#conf = :c', '#wc = :wc'];
      if (item.nearbyRow !== undefined) {
        names['#row'] = 'nearbyRow';
        values[':row'] = item.nearbyRow;
        sets.push('#row = :row');
      }
      try {
        await this.db.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { id },
            UpdateExpression: `SET ${sets.join(', ')}`,
            ConditionExpression: condition,
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        );
        return after;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException) || attempt >= 8) throw error;
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 30 * (attempt + 1)));
      }
    }
  }

  /** The station's hosts with the names they gave; null when the station does not exist. */
  async hosts(id: string): Promise<{ userId: string; name: string | null }[] | null> {
    const out = await this.db.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { id }, ProjectionExpression: 'id, hostIds', ConsistentRead: true }),
    );
    if (!out.Item) return null;
    const ids = [...((out.Item.hostIds as Set<string> | undefined) ?? [])].sort();
    const names = await displayNames(this.db, ids);
    return ids.map((userId) => ({ userId, name: names.get(userId) ?? null }));
  }

  async history(id: string, limit: number, cursor?: string): Promise<{ items: StationHistoryEntry[]; nextCursor: string | null }> {
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.db.table('stationHistory'),
        KeyConditionExpression: 'stationId = :id',
        ExpressionAttributeValues: { ':id': id },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, pageKey(stationHistoryTable, undefined, { stationId: id })),
      }),
    );
    const items = (out.Items ?? []).map((raw) => {
      const { atId: _a, ...entry } = raw as HistoryItem;
      return entry;
    });
    return { items, nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  async createMany(changes: StationWrite[]): Promise<void> {
    if (changes.length * 3 > 100) throw new Error('a transaction holds at most 33 new stations');
    const keysTable = this.db.table('stationKeys');
    const items = changes.flatMap(({ before, after, entry }) => {
      if (before) throw new Error('createMany only creates');
      return [
        { Put: { TableName: this.tableName, Item: toItem(after), ConditionExpression: 'attribute_not_exists(id)' } },
        {
          Put: {
            TableName: keysTable,
            Item: { key: stationKey(after), stationId: after.id },
            ConditionExpression: 'attribute_not_exists(#k)',
            ExpressionAttributeNames: { '#k': 'key' },
          },
        },
        { Put: { TableName: this.db.table('stationHistory'), Item: { ...entry, atId: historySortKey(entry) } satisfies HistoryItem } },
      ];
    });
    try {
      await this.db.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (error instanceof TransactionCanceledException) throw new StationWriteRefused('duplicate', null, null);
      throw error;
    }
    const deltas = new Map<string, number>();
    for (const { after } of changes) cellMove(deltas, null, densityCell(toItem(after)));
    await this.density.apply(deltas);
  }

  /**
   * The station and its history entry in one transaction. An update is conditional on the version the
   * change was computed from; a changed identity (name, address or district) moves its key item, which
   * must not belong to another station.
   */
  async write(change: StationWrite): Promise<Station> {
    const { before, entry } = change;
    let { after } = change;
    const keysTable = this.db.table('stationKeys');
    const item = toItem(after);
    const newKey = stationKey(after);
    const oldKey = before ? stationKey(before) : null;
    const historyPut = { Put: { TableName: this.db.table('stationHistory'), Item: { ...entry, atId: historySortKey(entry) } satisfies HistoryItem } };

    type TransactItem = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>[number];
    const items: TransactItem[] = [];
    if (!before) {
      items.push({ Put: { TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(id)' } });
    } else {
      const names: Record<string, string> = {};
      const values: Record<string, unknown> = { ':expected': before.version };
      const sets: string[] = [];
      const removes: string[] = [];
      const attributes = [...STATION_ATTRIBUTES, 'districtCode', 'cityCode', 'provinceCode'] as const;
      attributes.forEach((attr, i) => {
        names[`#a${i}`] = attr;
        values[`:v${i}`] = item[attr];
        sets.push(`#a${i} = :v${i}`);
      });
      for (const attr of ['geoCell', 'geohash', 'nearbyRow'] as const) {
        names[`#${attr}`] = attr;
        if (item[attr] !== undefined) {
          values[`:${attr}`] = item[attr];
          sets.push(`#${attr} = :${attr}`);
        } else {
          removes.push(`#${attr}`);
        }
      }
      names['#version'] = 'version';
      // Workers' confirmations are not the writer's to change, but the list row written here carries
      // them: the write holds only if they are still the ones it read (else it is redone on the new ones).
      const confirmed = confirmationCondition(before, names, values);
      items.push({
        Update: {
          TableName: this.tableName,
          Key: { id: after.id },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: `attribute_exists(id) AND #version = :expected AND ${confirmed}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      });
    }
    let keyIndex = -1;
    if (newKey !== oldKey) {
      keyIndex = items.length;
      items.push({
        Put: {
          TableName: keysTable,
          Item: { key: newKey, stationId: after.id },
          ConditionExpression: 'attribute_not_exists(#k) OR stationId = :id',
          ExpressionAttributeNames: { '#k': 'key' },
          ExpressionAttributeValues: { ':id': after.id },
        },
      });
      if (oldKey) {
        items.push({
          Delete: {
            TableName: keysTable,
            Key: { key: oldKey },
            ConditionExpression: 'attribute_not_exists(#k) OR stationId = :id',
            ExpressionAttributeNames: { '#k': 'key' },
            ExpressionAttributeValues: { ':id': after.id },
          },
        });
      }
    }
    items.push(historyPut);

    try {
      // Another transaction on the same items in flight is tried again shortly. The conditions still
      // decide: a retry can only succeed if the version is still the one this change was based on.
      await transactWrite(this.db.doc, items, { attempts: 5, baseMs: 20 });
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') {
        if (!before) throw new StationWriteRefused('idTaken', null, after.id);
        const old = reasons[0].Item as Record<string, AttributeValue> | undefined;
        // ALL_OLD comes back when the item exists: then it is a newer version; without it, the station is gone.
        const current = old ? fromItem(unmarshall(old)) : await this.get(after.id);
        if (!current) throw new StationWriteRefused('missing', null);
        // Same version: only workers' confirmations moved in between. Redo the write on top of them.
        if (current.version === before.version) {
          after = { ...after, confirmations: current.confirmations ?? null, workerConfirmedAt: current.workerConfirmedAt ?? null };
          return this.write({ before: current, after, entry });
        }
        throw new StationWriteRefused('stale', current);
      }
      if (keyIndex >= 0 && reasons[keyIndex]?.Code === 'ConditionalCheckFailed') {
        const owners = await this.keyOwners([newKey]);
        throw new StationWriteRefused('duplicate', null, owners.get(newKey) ?? null);
      }
      throw error;
    }
    // The density hint follows a station that moved onto, off or across the map. It is a hint for
    // planning reads only: written after the change, a lost update costs reads, never results.
    const deltas = new Map<string, number>();
    cellMove(deltas, before ? densityCell(toItem(before)) : null, densityCell(item));
    await this.density.apply(deltas);
    return after;
  }
}
