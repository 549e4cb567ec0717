import { GetCommand, QueryCommand, BatchWriteCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Station } from '@yz/shared';
import { GEO_CELL_PRECISION, GEOHASH_PRECISION, stationsTable } from '@yz/infra';
import type { Db } from '../platform/db';
import { encodeGeohash } from './geo-cover';

/** The stations a service can read and write, without knowing about DynamoDB. */
export interface StationStore {
  get(id: string): Promise<Station | null>;
  /** Stations on the map whose geohash starts with `cell` (at least GEO_CELL_PRECISION characters). */
  inCell(cell: string): Promise<{ stations: Station[]; itemsRead: number }>;
  putMany(stations: Station[]): Promise<void>;
}

/** Index attributes kept beside the station in its item; never part of the API shape. */
type StationItem = Station & { geoCell?: string; geohash?: string; districtCode: string };

const [byGeoCell] = stationsTable.indexes;

export function toItem(station: Station): StationItem {
  const onMap = station.status === 'active' && station.location !== null;
  return {
    ...station,
    districtCode: station.district.code,
    ...(onMap && station.location
      ? {
          geoCell: encodeGeohash(station.location, GEO_CELL_PRECISION),
          geohash: encodeGeohash(station.location, GEOHASH_PRECISION),
        }
      : {}),
  };
}

export function fromItem(item: Record<string, unknown>): Station {
  const { geoCell: _c, geohash: _h, districtCode: _d, ...station } = item as StationItem;
  return station;
}

export class DynamoStationStore implements StationStore {
  constructor(private readonly db: Db) {}

  private get tableName() {
    return this.db.table('stations');
  }

  async get(id: string): Promise<Station | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.tableName, Key: { id } }));
    return out.Item ? fromItem(out.Item) : null;
  }

  async inCell(cell: string): Promise<{ stations: Station[]; itemsRead: number }> {
    if (cell.length < GEO_CELL_PRECISION) throw new Error(`cell ${cell} is coarser than the index partition`);
    const partition = cell.slice(0, GEO_CELL_PRECISION);
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: byGeoCell.name,
      KeyConditionExpression:
        cell.length > GEO_CELL_PRECISION ? 'geoCell = :cell AND begins_with(geohash, :prefix)' : 'geoCell = :cell',
      ExpressionAttributeValues: cell.length > GEO_CELL_PRECISION ? { ':cell': partition, ':prefix': cell } : { ':cell': partition },
    };
    const stations: Station[] = [];
    let itemsRead = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.db.doc.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
      itemsRead += out.ScannedCount ?? 0;
      for (const item of out.Items ?? []) stations.push(fromItem(item));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return { stations, itemsRead };
  }

  async putMany(stations: Station[]): Promise<void> {
    for (let i = 0; i < stations.length; i += 25) {
      let requests = stations.slice(i, i + 25).map((s) => ({ PutRequest: { Item: toItem(s) } }));
      // BatchWrite may hand back unprocessed items under load: retry them with a short back-off.
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 8) throw new Error('DynamoDB kept refusing a batch of station writes');
        if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
        const out = await this.db.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: requests } }));
        requests = (out.UnprocessedItems?.[this.tableName] ?? []) as typeof requests;
      }
    }
  }
}
