import { randomUUID } from 'node:crypto';
import type { ProblemReport, ReportBody } from '@yz/shared';

/**
 * The ports ActivityService talks to: problem reports, visit and member-scan counts, search counts. Two
 * adapters honour them: the DynamoDB stores (store.ts, search-counts.ts) and the in-memory ones the rules
 * are unit-tested on (tests/unit/adapters/activity-stores.ts).
 */

/** The station a report or visit is about, as it is filed. */
export interface StationRef {
  id: string;
  name: string;
  districtCode: string;
}

/** A new, open report about `station`: what both adapters store (the DynamoDB one adds its index keys). */
export function newReport(station: StationRef, body: ReportBody, createdAt: string): ProblemReport {
  return {
    id: randomUUID(),
    stationId: station.id,
    stationName: station.name,
    districtCode: station.districtCode,
    kind: body.kind,
    amenity: body.kind === 'amenity_missing' ? (body.amenity ?? null) : null,
    text: body.text ? body.text : null,
    status: 'open',
    createdAt,
    reply: null,
    resolvedAt: null,
  };
}

export interface ReportPage {
  items: ProblemReport[];
  nextCursor: string | null;
}

export interface ReportStore {
  create(station: StationRef, reporterId: string, body: ReportBody, createdAt: string, now: Date): Promise<ProblemReport>;
  /** Newest first; `status` keeps only reports in that state. */
  forStation(stationId: string, limit: number, cursor?: string, status?: ProblemReport['status']): Promise<ReportPage>;
  /** The answer (replacing an earlier one), resolving when asked; null when the report is not the station's. */
  reply(stationId: string, reportId: string, reply: NonNullable<ProblemReport['reply']>, resolve: boolean): Promise<ProblemReport | null>;
  /** A province's, city's or district's reports, newest first. */
  forRegion(regionCode: string, limit: number, cursor?: string): Promise<ReportPage>;
}

/** A person's own reports (PIPL): listed for their export; unlinked from them when the account goes. */
export interface ReporterRecords {
  list(reporterId: string): Promise<ProblemReport[]>;
  forget(reporterId: string): Promise<void>;
}

export interface RegionVisitRow {
  date: string;
  stationId: string;
  stationName: string;
  districtCode: string;
  visits: number;
}

export interface VisitStore {
  /**
   * Counts a visit on `date` unless this person's last counted visit to the station was less than
   * VISIT_WINDOW_HOURS before `now`; false when not counted. Every scan, counted or not, is remembered
   * for the confirmations' presence check.
   */
  record(station: StationRef, userId: string, date: string, now: Date): Promise<boolean>;
  /** Counts a member card checked at a station, once per member per station in the same window. */
  recordMemberScan(stationId: string, memberNo: string, date: string, now: Date): Promise<boolean>;
  /** Member scans per date from `from` to `to` (inclusive); dates without any are absent. */
  memberScansForStation(stationId: string, from: string, to: string): Promise<Map<string, number>>;
  /** Visits per date from `from` to `to` (inclusive); dates without any are absent. */
  forStation(stationId: string, from: string, to: string): Promise<Map<string, number>>;
  /** The region's visits per station and day, for the given dates. */
  forRegion(regionCode: string, days: string[]): Promise<RegionVisitRow[]>;
}

/** Searches per small map cell and day (search-counts.ts), as the coverage report reads and the beacon adds them. */
export interface SearchCounts {
  countCell(cell: string, district: string | null, found: boolean | null, now: Date): Promise<void>;
  inRegion(regionCode: string, days: string[]): Promise<{ cell: string; districtCode: string; searches: number }[]>;
}
