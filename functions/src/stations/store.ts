import { BatchGetCommand, BatchWriteCommand, type BatchGetCommandOutput, GetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { NearbyStation, Station } from '@yz/shared';
import { GEO_CELL_PRECISION, GEOHASH_PRECISION, stationsTable } from '@yz/infra';
import type { Db } from '../platform/db';
import { DensityIndex } from './density';
import { encodeGeohash } from './geo-cover';
import { rangeBounds, type KeyRange } from './geo-plan';

/** A nearby list row as the index keeps it: the row without the asker's distance. */
export type NearbyRow = Omit<NearbyStation, 'distanceMeters'>;

/** The stations a service can read and write, without knowing about DynamoDB. */
export interface StationStore {
  get(id: string): Promise<Station | null>;
  /** Rows on the map whose 45-bit geohash key is in the range. */
  inRange(range: KeyRange): Promise<{ rows: NearbyRow[]; itemsRead: number }>;
  /** One page of a district's stations by name, from `after` (an index key) on. */
  districtPage(
    districtCode: string,
    after: Record<string, unknown> | undefined,
    pageSize: number,
  ): Promise<{ items: { station: Station; key: Record<string, unknown> }[]; more: boolean; itemsRead: number }>;
  putMany(stations: Station[]): Promise<void>;
}

/** Index attributes kept beside the station in its item; never part of the API shape. */
type StationItem = Station & { geoCell?: string; geohash?: string; districtCode: string; nearbyRow?: string };

const [byGeoCell, byDistrict] = stationsTable.indexes;

export function nearbyRowOf(station: Station & { location: NonNullable<Station['location']> }): NearbyRow {
  return {
    id: station.id,
    name: station.name,
    address: station.address,
    district: station.district,
    type: station.type,
    amenities: station.amenities,
    hours: station.hours,
    hoursNote: station.hoursNote,
    closure: station.closure,
    phones: station.phones,
    notice: station.notice,
    updatedAt: station.updatedAt,
    location: station.location,
  };
}

/**
 * The item written for a station. Every write of a station goes through here, so the index
 * attributes, including the serialised list row the nearby index carries, never disagree with it.
 */
export function toItem(station: Station): StationItem {
  const onMap = station.status === 'active' && station.location !== null;
  return {
    ...station,
    districtCode: station.district.code,
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
  const { geoCell: _c, geohash: _h, districtCode: _d, nearbyRow: _r, ...station } = item as StationItem;
  return station;
}

/** The geohash-7 density cell of an item on the map, or null. */
const densityCell = (item: { geohash?: string } | undefined) => (item?.geohash ? item.geohash.slice(0, 7) : null);

export class DynamoStationStore implements StationStore {
  private readonly density: DensityIndex;

  constructor(private readonly db: Db) {
    this.density = new DensityIndex(db);
  }

  private get tableName() {
    return this.db.table('stations');
  }

  async get(id: string): Promise<Station | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.tableName, Key: { id } }));
    return out.Item ? fromItem(out.Item) : null;
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
   * Writes stations in batches and keeps the density hint in step: the cells they leave lose a count,
   * the cells they arrive in gain one. The old cells are read first, so re-writing a station that has
   * not moved changes nothing.
   */
  async putMany(stations: Station[]): Promise<void> {
    for (let i = 0; i < stations.length; i += 100) {
      const chunk = stations.slice(i, i + 100);
      const before = await this.oldCells(chunk.map((s) => s.id));
      const deltas = new Map<string, number>();
      const items = chunk.map(toItem);
      for (const item of items) {
        const old = before.get(item.id) ?? null;
        const now = densityCell(item);
        if (old === now) continue;
        if (old) deltas.set(old, (deltas.get(old) ?? 0) - 1);
        if (now) deltas.set(now, (deltas.get(now) ?? 0) + 1);
      }
      for (let j = 0; j < items.length; j += 25) await this.batchWrite(items.slice(j, j + 25));
      await this.density.apply(deltas);
    }
  }

  private async oldCells(ids: string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>();
    let keys: Record<string, unknown>[] | undefined = [...new Set(ids)].map((id) => ({ id }));
    for (let attempt = 0; keys && keys.length > 0; attempt += 1) {
      if (attempt > 8) throw new Error('DynamoDB kept refusing to read stations');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const res: BatchGetCommandOutput = await this.db.doc.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ProjectionExpression: 'id, geohash' } } }),
      );
      for (const item of res.Responses?.[this.tableName] ?? []) out.set(item.id as string, densityCell(item as { geohash?: string }));
      keys = res.UnprocessedKeys?.[this.tableName]?.Keys;
    }
    return out;
  }

  private async batchWrite(items: StationItem[]): Promise<void> {
    let requests = items.map((Item) => ({ PutRequest: { Item } }));
    // BatchWrite may hand back unprocessed items under load: retry them with a short back-off.
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      if (attempt > 8) throw new Error('DynamoDB kept refusing a batch of station writes');
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const out = await this.db.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
      requests = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
    }
  }
}
