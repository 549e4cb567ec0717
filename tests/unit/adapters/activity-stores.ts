import { VISIT_WINDOW_HOURS, regionContains, shanghaiClock, type ProblemReport, type ReportBody } from '@yz/shared';
import {
  newReport,
  type RegionVisitRow,
  type ReporterRecords,
  type ReportStore,
  type SearchCounts,
  type StationRef,
  type VisitStore,
} from '../../../functions/src/activity/store-port';
import { MemoryTable, offsetPage } from './memory-table';

/**
 * The activity ports in memory, for ActivityService's rules: reports (with who sent them), visit and
 * member-scan counters with the "once per person per station in the window" marker of the DynamoDB
 * adapter (functions/src/activity/store.ts countOnce), and searches per cell and day.
 */
export class ActivityWorld {
  readonly reports = new MemoryTable<ProblemReport & { reporterId?: string; at: number }>();
  /** When each person's (or member card's) visit to a station was last counted, epoch ms. */
  readonly lastCounted = new Map<string, number>();
  readonly visits = new MemoryTable<RegionVisitRow>();
  readonly memberScans = new Map<string, number>();
  /** Every scan, counted or not: `stationId#userId` → epoch ms. */
  readonly scans = new Map<string, number>();
  readonly searches: { cell: string; districtCode: string | null; day: string; found: boolean | null }[] = [];

  readonly reportStore = new InMemoryReportStore(this);
  readonly reporterRecords = new InMemoryReporterRecords(this);
  readonly visitStore = new InMemoryVisitStore(this);
  readonly searchCounts = new InMemorySearchCounts(this);
}

const withoutReporter = ({ reporterId: _r, at: _a, ...report }: ProblemReport & { reporterId?: string; at: number }): ProblemReport => report;

class InMemoryReportStore implements ReportStore {
  constructor(private readonly world: ActivityWorld) {}

  async create(station: StationRef, reporterId: string, body: ReportBody, createdAt: string, now: Date) {
    const report = newReport(station, body, createdAt);
    this.world.reports.put(report.id, { ...report, reporterId, at: now.getTime() });
    return report;
  }

  /** Newest first, as the DynamoDB indexes sort them. */
  private newestFirst(match: (r: ProblemReport) => boolean) {
    return this.world.reports
      .where(match)
      .sort((a, b) => b.at - a.at)
      .map(withoutReporter);
  }

  async forStation(stationId: string, limit: number, cursor?: string, status?: ProblemReport['status']) {
    return offsetPage(this.newestFirst((r) => r.stationId === stationId && (!status || r.status === status)), limit, cursor);
  }

  async reply(stationId: string, reportId: string, reply: NonNullable<ProblemReport['reply']>, resolve: boolean) {
    if (this.world.reports.get(reportId)?.stationId !== stationId) return null;
    this.world.reports.update(reportId, (r) => {
      r.reply = reply;
      if (resolve) {
        r.status = 'resolved';
        r.resolvedAt = reply.at;
      }
    });
    return withoutReporter(this.world.reports.get(reportId)!);
  }

  async forRegion(regionCode: string, limit: number, cursor?: string) {
    return offsetPage(this.newestFirst((r) => regionContains(regionCode, r.districtCode)), limit, cursor);
  }
}

class InMemoryReporterRecords implements ReporterRecords {
  constructor(private readonly world: ActivityWorld) {}

  async list(reporterId: string) {
    return this.world.reports.where((r) => r.reporterId === reporterId).map(withoutReporter);
  }

  async forget(reporterId: string) {
    for (const r of this.world.reports.where((x) => x.reporterId === reporterId)) this.world.reports.update(r.id, (x) => delete x.reporterId);
  }
}

class InMemoryVisitStore implements VisitStore {
  constructor(private readonly world: ActivityWorld) {}

  /** The marker's condition: never counted, or last counted at least the window before `now`. */
  private countOnce(seenKey: string, now: Date): boolean {
    const last = this.world.lastCounted.get(seenKey);
    if (last !== undefined && last > now.getTime() - VISIT_WINDOW_HOURS * 3600_000) return false;
    this.world.lastCounted.set(seenKey, now.getTime());
    return true;
  }

  async record(station: StationRef, userId: string, date: string, now: Date) {
    const counted = this.countOnce(`seen#${station.id}#${userId}`, now);
    if (counted) {
      const key = `${station.id}#${date}`;
      const visits = (this.world.visits.get(key)?.visits ?? 0) + 1;
      this.world.visits.put(key, { date, stationId: station.id, stationName: station.name, districtCode: station.districtCode, visits });
    }
    this.world.scans.set(`${station.id}#${userId}`, now.getTime());
    return counted;
  }

  async recordMemberScan(stationId: string, memberNo: string, date: string, now: Date) {
    const counted = this.countOnce(`memberseen#${stationId}#${memberNo}`, now);
    if (counted) this.world.memberScans.set(`${stationId}#${date}`, (this.world.memberScans.get(`${stationId}#${date}`) ?? 0) + 1);
    return counted;
  }

  async memberScansForStation(stationId: string, from: string, to: string) {
    const out = new Map<string, number>();
    for (const [key, scans] of this.world.memberScans) {
      const [id, date] = key.split('#') as [string, string];
      if (id === stationId && date >= from && date <= to) out.set(date, scans);
    }
    return out;
  }

  async forStation(stationId: string, from: string, to: string) {
    return new Map(this.world.visits.where((v) => v.stationId === stationId && v.date >= from && v.date <= to).map((v) => [v.date, v.visits]));
  }

  async forRegion(regionCode: string, days: string[]) {
    return this.world.visits.where((v) => days.includes(v.date) && regionContains(regionCode, v.districtCode));
  }
}

class InMemorySearchCounts implements SearchCounts {
  constructor(private readonly world: ActivityWorld) {}

  async countCell(cell: string, districtCode: string | null, found: boolean | null, now: Date) {
    this.world.searches.push({ cell, districtCode, day: shanghaiClock(now).date, found });
  }

  /** Searches per cell over the days, counted under the region's districts. */
  async inRegion(regionCode: string, days: string[]) {
    const cells = new Map<string, { cell: string; districtCode: string; searches: number }>();
    for (const s of this.world.searches) {
      if (!s.districtCode || !days.includes(s.day) || !regionContains(regionCode, s.districtCode)) continue;
      const row = cells.get(s.cell) ?? { cell: s.cell, districtCode: s.districtCode, searches: 0 };
      row.searches += 1;
      cells.set(s.cell, row);
    }
    return [...cells.values()];
  }
}
