import {
  HEALTH_ATTENTION_LIMIT,
  HEALTH_FRESH_DAYS,
  HEALTH_PROBLEM_LABELS,
  HEALTH_STALE_DAYS,
  regionName,
  toShanghaiIso,
  type DataHealth,
  type HealthCounts,
  type HealthProblem,
  type HealthStation,
} from '@yz/shared';
import type { StationHealthFacts } from '../stations/ports';

/**
 * Data health (数据质量): the rules, without AWS. What counts as verified, what a station lacks, how
 * urgent it is, and the sums per district and for the region. The service feeds it pages of station
 * facts and the open reports per station; the stale digest (jobs/stale-digest.ts) uses `verifiedAt`.
 */

const DAY_MS = 86_400_000;

/** The latest sign that someone checked the station: the host's 信息无误 or a worker's confirmation. */
export function verifiedAt(s: Pick<StationHealthFacts, 'lastVerifiedAt' | 'workerConfirmedAt'>): string | null {
  const times = [s.lastVerifiedAt, s.workerConfirmedAt].filter((t): t is string => t !== null && !Number.isNaN(Date.parse(t)));
  if (times.length === 0) return null;
  return times.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b));
}

const verifiedWithin = (at: string | null, days: number, now: Date) => at !== null && now.getTime() - Date.parse(at) <= days * DAY_MS;

/**
 * How urgent each problem is. An open report says the data is wrong now (per report, up to three);
 * never or long not verified says nobody knows; without a location, hours or a phone the finder cannot
 * show the station, say whether it is open, or offer a call; a station without a host has nobody to
 * keep it true; unknown key amenities hide it from the hot-water filter.
 */
const WEIGHTS: Record<Exclude<HealthProblem, 'open_reports'>, number> = {
  never_verified: 6,
  stale: 5,
  no_location: 4,
  no_hours: 4,
  no_phone: 3,
  no_host: 2,
  amenities_unknown: 1,
};
const REPORT_WEIGHT = 10;
const REPORTS_WEIGHED = 3;

export function assess(s: StationHealthFacts, openReports: number, now: Date): HealthStation {
  const at = verifiedAt(s);
  const problems: HealthProblem[] = [];
  if (openReports > 0) problems.push('open_reports');
  if (at === null) problems.push('never_verified');
  else if (!verifiedWithin(at, HEALTH_STALE_DAYS, now)) problems.push('stale');
  if (!s.onMap) problems.push('no_location');
  if (!s.hasWeeklyHours) problems.push('no_hours');
  if (!s.hasPhone) problems.push('no_phone');
  if (s.hostCount === 0) problems.push('no_host');
  if (!s.keyAmenitiesKnown) problems.push('amenities_unknown');
  const score = problems.reduce((sum, p) => sum + (p === 'open_reports' ? REPORT_WEIGHT * Math.min(openReports, REPORTS_WEIGHED) : WEIGHTS[p]), 0);
  return { id: s.id, name: s.name, districtCode: s.district.code, districtName: s.district.name, verifiedAt: at, openReports, problems, score };
}

/** Most urgent first; among equals the one checked longest ago (never first), then by name. */
export function byUrgency(a: HealthStation, b: HealthStation): number {
  if (a.score !== b.score) return b.score - a.score;
  const ta = a.verifiedAt === null ? -Infinity : Date.parse(a.verifiedAt);
  const tb = b.verifiedAt === null ? -Infinity : Date.parse(b.verifiedAt);
  if (ta !== tb) return ta - tb;
  return a.name.localeCompare(b.name, 'zh-Hans-CN');
}

const zero = (): HealthCounts => ({
  stations: 0,
  onMap: 0,
  withHours: 0,
  withPhone: 0,
  withHost: 0,
  amenitiesConfirmed: 0,
  verified30: 0,
  verified90: 0,
  withOpenReports: 0,
  openReports: 0,
});

function add(c: HealthCounts, s: StationHealthFacts, a: HealthStation, now: Date): void {
  c.stations += 1;
  if (s.onMap) c.onMap += 1;
  if (s.hasWeeklyHours) c.withHours += 1;
  if (s.hasPhone) c.withPhone += 1;
  if (s.hostCount > 0) c.withHost += 1;
  if (s.keyAmenitiesKnown) c.amenitiesConfirmed += 1;
  if (verifiedWithin(a.verifiedAt, HEALTH_FRESH_DAYS, now)) c.verified30 += 1;
  if (verifiedWithin(a.verifiedAt, HEALTH_STALE_DAYS, now)) c.verified90 += 1;
  if (a.openReports > 0) c.withOpenReports += 1;
  c.openReports += a.openReports;
}

/**
 * Sums a region's stations page by page. Only the attention list is kept whole (every assessed
 * station, for the export); the counts are running sums, so a province's pages are never all in memory
 * as station items, only as the small assessments.
 */
export class HealthTally {
  readonly totals = zero();
  private readonly districts = new Map<string, HealthCounts & { code: string; name: string }>();
  readonly assessed: HealthStation[] = [];

  constructor(
    private readonly openReports: Map<string, number>,
    private readonly now: Date,
  ) {}

  addPage(page: readonly StationHealthFacts[]): void {
    for (const s of page) {
      // Deactivated stations are off the map on purpose: nothing to fix there.
      if (s.status === 'inactive') continue;
      const a = assess(s, this.openReports.get(s.id) ?? 0, this.now);
      let d = this.districts.get(s.district.code);
      if (!d) {
        d = { ...zero(), code: s.district.code, name: s.district.name };
        this.districts.set(s.district.code, d);
      }
      add(this.totals, s, a, this.now);
      add(d, s, a, this.now);
      this.assessed.push(a);
    }
  }

  report(regionCode: string): DataHealth {
    return {
      regionCode,
      regionName: regionName(regionCode) ?? regionCode,
      generatedAt: toShanghaiIso(this.now),
      totals: this.totals,
      districts: [...this.districts.values()].sort((a, b) => a.code.localeCompare(b.code)),
      attention: [...this.assessed]
        .filter((a) => a.score > 0)
        .sort(byUrgency)
        .slice(0, HEALTH_ATTENTION_LIMIT),
    };
  }

  /** Every station, most urgent first, as rows under a header (the CSV export): the view's columns, per station. */
  rows(): string[][] {
    const yes = (b: boolean) => (b ? '是' : '否');
    const header = ['区县', '驿站', '驿站编号', '在地图上', '有开放时间', '有电话', '有负责人', '设施已确认', '最近核实', '30天内核实', '90天内核实', '未处理反馈', '关注分', '需要处理'];
    return [
      header,
      ...[...this.assessed].sort(byUrgency).map((a) => {
        const lacks = (p: HealthProblem) => a.problems.includes(p);
        return [
          a.districtName,
          a.name,
          a.id,
          yes(!lacks('no_location')),
          yes(!lacks('no_hours')),
          yes(!lacks('no_phone')),
          yes(!lacks('no_host')),
          yes(!lacks('amenities_unknown')),
          a.verifiedAt ? a.verifiedAt.slice(0, 10) : '从未核实',
          yes(verifiedWithin(a.verifiedAt, HEALTH_FRESH_DAYS, this.now)),
          yes(verifiedWithin(a.verifiedAt, HEALTH_STALE_DAYS, this.now)),
          String(a.openReports),
          String(a.score),
          a.problems.map((p) => HEALTH_PROBLEM_LABELS[p]).join('；'),
        ];
      }),
    ];
  }
}

/** Where data health reads from: a region's station facts, page by page, and its open reports per station. */
export interface HealthSources {
  stationFacts(regionCode: string): AsyncIterable<readonly StationHealthFacts[]>;
  openReports(regionCode: string): Promise<Map<string, number>>;
}

/** Reads a region once (its stations by the region index, its open reports) and sums it up. */
export async function tallyRegion(sources: HealthSources, regionCode: string, now: Date): Promise<HealthTally> {
  const tally = new HealthTally(await sources.openReports(regionCode), now);
  for await (const page of sources.stationFacts(regionCode)) tally.addPage(page);
  return tally;
}
