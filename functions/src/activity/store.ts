import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { CONFIRM_SCAN_HOURS, VISIT_WINDOW_HOURS, type ProblemReport, type ReportBody } from '@yz/shared';
import { decodeCursor, encodeCursor, pageKey } from '../platform/cursor';
import { reportsTable, visitsTable } from './tables';
import type { Db } from '../platform/db';
import { forEachInRegionDays } from './region-days';
import { transactWrite } from '../platform/transaction';
import { newReport, type RegionVisitRow, type ReporterRecords, type ReportStore, type StationRef, type VisitStore } from './store-port';

/** Problem reports and visit counters, in DynamoDB (the ports: store-port.ts). */

const [byStation, byProvince, byCity, byDistrict, byReporter] = reportsTable.indexes;
const [byProvinceDay] = visitsTable.indexes;

type ReportItem = ProblemReport & { reporterId: string; atId: string; province: string; city: string; district: string };

function toReport(item: Record<string, unknown>): ProblemReport {
  const r = item as ReportItem;
  return {
    id: r.id,
    stationId: r.stationId,
    stationName: r.stationName,
    districtCode: r.districtCode,
    kind: r.kind,
    amenity: r.amenity ?? null,
    text: r.text ?? null,
    status: r.status,
    createdAt: r.createdAt,
    reply: r.reply ?? null,
    resolvedAt: r.resolvedAt ?? null,
  };
}

export class DynamoReportStore implements ReportStore {
  constructor(private readonly db: Db) {}

  private get table() {
    return this.db.table('reports');
  }

  async create(
    station: StationRef,
    reporterId: string,
    body: ReportBody,
    createdAt: string,
    now: Date,
  ): Promise<ProblemReport> {
    const report = newReport(station, body, createdAt);
    const item: ReportItem = {
      ...report,
      reporterId,
      atId: `${now.toISOString()}#${report.id}`,
      province: station.districtCode.slice(0, 2),
      city: station.districtCode.slice(0, 4),
      district: station.districtCode,
    };
    await this.db.doc.send(new PutCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(id)' }));
    return toReport(item);
  }

  private async page(index: string, keyName: string, keyValue: string, limit: number, cursor: string | undefined, status?: ProblemReport['status']) {
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: index,
        KeyConditionExpression: '#k = :v',
        ...(status ? { FilterExpression: '#s = :s' } : {}),
        ExpressionAttributeNames: { '#k': keyName, ...(status ? { '#s': 'status' } : {}) },
        ExpressionAttributeValues: { ':v': keyValue, ...(status ? { ':s': status } : {}) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: decodeCursor(cursor, pageKey(reportsTable, index, { [keyName]: keyValue })),
      }),
    );
    return { items: (out.Items ?? []).map(toReport), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  forStation(stationId: string, limit: number, cursor?: string, status?: ProblemReport['status']) {
    return this.page(byStation.name, 'stationId', stationId, limit, cursor, status);
  }

  /**
   * Records the answer (the latest replaces an earlier one) and, when asked, resolves the report. The
   * report must belong to the station the caller was allowed on: the condition says so.
   */
  async reply(stationId: string, reportId: string, reply: NonNullable<ProblemReport['reply']>, resolve: boolean): Promise<ProblemReport | null> {
    try {
      const out = await this.db.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id: reportId },
          UpdateExpression: resolve ? 'SET reply = :reply, #s = :resolved, resolvedAt = :at' : 'SET reply = :reply',
          ConditionExpression: 'stationId = :station',
          ExpressionAttributeNames: resolve ? { '#s': 'status' } : undefined,
          ExpressionAttributeValues: { ':reply': reply, ':station': stationId, ...(resolve ? { ':resolved': 'resolved', ':at': reply.at } : {}) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? toReport(out.Attributes) : null;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }

  forRegion(regionCode: string, limit: number, cursor?: string) {
    const [index, key] =
      regionCode.length === 2 ? [byProvince.name, 'province'] : regionCode.length === 4 ? [byCity.name, 'city'] : [byDistrict.name, 'district'];
    return this.page(index, key, regionCode, limit, cursor);
  }
}

/**
 * A person's own reports (PIPL): listed for their data export; on account deletion the link to them is
 * removed and the report stays, as a statement about a station with no one behind it.
 */
export class DynamoReporterRecords implements ReporterRecords {
  constructor(private readonly db: Db) {}

  async list(reporterId: string): Promise<ProblemReport[]> {
    const out: ProblemReport[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await this.db.doc.send(
        new QueryCommand({
          TableName: this.db.table('reports'),
          IndexName: byReporter.name,
          KeyConditionExpression: 'reporterId = :r',
          ExpressionAttributeValues: { ':r': reporterId },
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(page.Items ?? []).map(toReport));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async forget(reporterId: string): Promise<void> {
    for (const report of await this.list(reporterId)) {
      await this.db.doc.send(
        new UpdateCommand({ TableName: this.db.table('reports'), Key: { id: report.id }, UpdateExpression: 'REMOVE reporterId' }),
      );
    }
  }
}

const scanKey = (stationId: string, userId: string) => ({ pk: `scan#${stationId}#${userId}`, sk: 'last' });

/** When a person last scanned a station's QR code (kept CONFIRM_SCAN_HOURS and an hour more). */
export class ScanRecords {
  constructor(private readonly db: Db) {}

  async lastScan(stationId: string, userId: string): Promise<Date | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.db.table('visits'), Key: scanKey(stationId, userId), ConsistentRead: true }));
    return typeof out.Item?.scannedAt === 'number' ? new Date(out.Item.scannedAt) : null;
  }
}

export class DynamoVisitStore implements VisitStore {
  constructor(private readonly db: Db) {}

  private get table() {
    return this.db.table('visits');
  }

  /**
   * Counts a visit unless this person's last counted visit to this station was less than the window
   * ago. The "last counted" marker and the day's counter change in one transaction: both or neither.
   */
  async record(station: StationRef, userId: string, date: string, now: Date): Promise<boolean> {
    const counted = await this.countOnce(`seen#${station.id}#${userId}`, now, {
      Key: { pk: `station#${station.id}`, sk: `day#${date}` },
      UpdateExpression: 'ADD visits :one SET stationId = :id, stationName = :name, districtCode = :d, #date = :date, provinceDay = :pd, districtStation = :ds',
      ExpressionAttributeNames: { '#date': 'date' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':id': station.id,
        ':name': station.name,
        ':d': station.districtCode,
        ':date': date,
        ':pd': `${station.districtCode.slice(0, 2)}#${date}`,
        ':ds': `${station.districtCode}#${station.id}`,
      },
    });
    await this.rememberScan(station.id, userId, now);
    return counted;
  }

  /**
   * Counts a member card checked at a station (会员核验), once per member per station in the visit
   * window, like visits. Its counters sit under their own key, outside the region index.
   */
  async recordMemberScan(stationId: string, memberNo: string, date: string, now: Date): Promise<boolean> {
    return this.countOnce(`memberseen#${stationId}#${memberNo}`, now, {
      Key: { pk: `memberscans#${stationId}`, sk: `day#${date}` },
      UpdateExpression: 'ADD scans :one SET #date = :date',
      ExpressionAttributeNames: { '#date': 'date' },
      ExpressionAttributeValues: { ':one': 1, ':date': date },
    });
  }

  private async countOnce(
    seenKey: string,
    now: Date,
    counter: { Key: Record<string, string>; UpdateExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> },
  ): Promise<boolean> {
    const nowMs = now.getTime();
    const windowMs = VISIT_WINDOW_HOURS * 3600_000;
    try {
      // Two people scanning one station at once touch the same day counter: a conflict is tried again.
      await transactWrite(this.db.doc, [
        {
          Update: {
            TableName: this.table,
            Key: { pk: seenKey, sk: 'last' },
            UpdateExpression: 'SET lastAt = :now, expiresAtEpoch = :exp',
            ConditionExpression: 'attribute_not_exists(lastAt) OR lastAt <= :cutoff',
            ExpressionAttributeValues: { ':now': nowMs, ':cutoff': nowMs - windowMs, ':exp': Math.ceil((nowMs + windowMs) / 1000) + 3600 },
          },
        },
        { Update: { TableName: this.table, ...counter } },
      ]);
      return true;
    } catch (error) {
      // Counted already in the window, or scans of this station still colliding after the retries: not counted.
      const reason = error instanceof TransactionCanceledException ? error.CancellationReasons?.map((r) => r.Code) : undefined;
      if (reason && (reason[0] === 'ConditionalCheckFailed' || reason.includes('TransactionConflict'))) return false;
      throw error;
    }
  }

  /**
   * Every scan, counted or not, is remembered for a while: a scan is how a worker without a position
   * shows they are at the station when they confirm what they see (ScanRecords, CONFIRM_SCAN_HOURS).
   */
  private async rememberScan(stationId: string, userId: string, now: Date): Promise<void> {
    await this.db.doc.send(
      new PutCommand({
        TableName: this.table,
        Item: { ...scanKey(stationId, userId), scannedAt: now.getTime(), expiresAtEpoch: Math.ceil(now.getTime() / 1000) + (CONFIRM_SCAN_HOURS + 1) * 3600 },
      }),
    );
  }

  async memberScansForStation(stationId: string, from: string, to: string): Promise<Map<string, number>> {
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `memberscans#${stationId}`, ':from': `day#${from}`, ':to': `day#${to}` },
      }),
    );
    return new Map((out.Items ?? []).map((item) => [String(item.sk).slice(4), Number(item.scans ?? 0)]));
  }

  async forStation(stationId: string, from: string, to: string): Promise<Map<string, number>> {
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `station#${stationId}`, ':from': `day#${from}`, ':to': `day#${to}` },
      }),
    );
    return new Map((out.Items ?? []).map((item) => [String(item.sk).slice(4), Number(item.visits ?? 0)]));
  }

  async forRegion(regionCode: string, days: string[]): Promise<RegionVisitRow[]> {
    const rows: RegionVisitRow[] = [];
    await forEachInRegionDays(this.db, { table: this.table, index: byProvinceDay.name, sortKey: 'districtStation' }, regionCode, days, (item, date) => {
      rows.push({
        date,
        stationId: item.stationId as string,
        stationName: item.stationName as string,
        districtCode: item.districtCode as string,
        visits: Number(item.visits ?? 0),
      });
    });
    return rows;
  }
}

/**
 * Open problem reports per station in a region (data health, the stale digest). Reads the region's
 * reports through its index and keeps the open ones: resolved reports are read and dropped, so the
 * cost grows with the region's reports of all time (docs/data-model.md says what a request reads).
 */
export async function openReportCounts(db: Db, regionCode: string): Promise<Map<string, number>> {
  const [index, key] =
    regionCode.length === 2 ? [byProvince.name, 'province'] : regionCode.length === 4 ? [byCity.name, 'city'] : [byDistrict.name, 'district'];
  const counts = new Map<string, number>();
  let start: Record<string, unknown> | undefined;
  do {
    const page: QueryCommandOutput = await db.doc.send(
      new QueryCommand({
        TableName: db.table('reports'),
        IndexName: index,
        KeyConditionExpression: '#k = :r',
        FilterExpression: '#s = :open',
        ProjectionExpression: 'stationId',
        ExpressionAttributeNames: { '#k': key, '#s': 'status' },
        ExpressionAttributeValues: { ':r': regionCode, ':open': 'open' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) counts.set(item.stationId as string, (counts.get(item.stationId as string) ?? 0) + 1);
    start = page.LastEvaluatedKey;
  } while (start);
  return counts;
}
