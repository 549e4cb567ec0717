import {
  COVERAGE_WALK_METERS,
  NO_BOARD_FIGURES,
  MEMBER_PASS_CLOCK_SKEW_SECONDS,
  MEMBER_SCAN_REPORT_HOURS,
  QR_SCENE_MAX,
  STATION_PAGE,
  shanghaiClock,
  toShanghaiIso,
  type CoverageGap,
  type CoverageReport,
  type ProblemReport,
  type RegionVisits,
  type ReportBody,
  type Station,
  type StationQrCode,
  type StationVisits,
  type VisitResult,
  type MemberScanResult,
  type StationMemberScans,
  type CoverageBeacon,
} from '@yz/shared';
import type { BoardFiguresReader } from '../board/ports';
import { verifyMemberPass } from '@yz/shared/member-pass-verify';
import type { Stage } from '../platform/config';
import { badRequest, conflict, notFound } from '../platform/errors';
import { boxCentre, geohashBox } from '../platform/geo';
import { mapPool } from '../platform/pool';
import type { Principal } from '../platform/users';
import type { WechatClient } from '../platform/wechat';
import type { StationService } from '../stations/ports';
import type { ReporterRecords, ReportStore, SearchCounts, VisitStore } from './store-port';

/** How far the coverage check looks for the nearest open station, to say how far off it is. */
const NEAREST_OPEN_LOOKUP_METERS = 5000;
/** The most searched cells a coverage report checks (each check is one nearby search). */
const COVERAGE_MAX_CELLS = 150;

/** The last `count` Shanghai dates up to and including the one of `now`, oldest first. */
export function lastDates(count: number, now: Date): string[] {
  const today = shanghaiClock(now).dayIndex;
  return Array.from({ length: count }, (_, i) => new Date((today - count + 1 + i) * 86_400_000).toISOString().slice(0, 10));
}

export class ActivityService {
  constructor(
    private readonly deps: {
      stations: Pick<StationService, 'get' | 'nearby'>;
      reports: ReportStore;
      reporters: ReporterRecords;
      visits: VisitStore;
      searches: SearchCounts;
      /** The member card's public key (base64url): scanned codes are checked again here before they count. */
      memberPassPublicKey: string;
      wechat: Pick<WechatClient, 'wxaCodeUnlimited'>;
      stage: Stage;
      /** The board's port: per-station notice-board figures of a region since a time. */
      boardFigures: BoardFiguresReader;
    },
  ) {}

  private async station(id: string): Promise<Station & { districtCode: string }> {
    const station = await this.deps.stations.get(id);
    return { ...station, districtCode: station.district.code };
  }

  async reportProblem(principal: Principal, stationId: string, body: ReportBody, now: Date): Promise<ProblemReport> {
    const station = await this.station(stationId);
    return this.deps.reports.create(station, principal.userId, body, toShanghaiIso(now), now);
  }

  stationReports(stationId: string, limit: number, cursor?: string, status?: ProblemReport['status']) {
    return this.deps.reports.forStation(stationId, limit, cursor, status);
  }

  /** A host or staff member answers a report on a station they keep (the router checked which). */
  async replyToReport(principal: Principal, stationId: string, reportId: string, message: string, resolve: boolean, now: Date): Promise<ProblemReport> {
    // The station's own host answers as the host; anyone else let through (staff, admin) as the union.
    const by = principal.hostStations.includes(stationId) ? 'host' : 'staff';
    const report = await this.deps.reports.reply(stationId, reportId, { message, by, at: toShanghaiIso(now) }, resolve);
    if (!report) throw notFound('REPORT_NOT_FOUND', '没有找到这条反馈，它可能属于别的驿站');
    return report;
  }

  async myReports(principal: Principal): Promise<{ items: ProblemReport[]; nextCursor: null }> {
    const items = await this.deps.reporters.list(principal.userId);
    return { items: items.sort((a, b) => b.createdAt.localeCompare(a.createdAt)), nextCursor: null };
  }

  regionReports(regionCode: string, limit: number, cursor?: string) {
    return this.deps.reports.forRegion(regionCode, limit, cursor);
  }

  async recordVisit(principal: Principal, stationId: string, now: Date): Promise<VisitResult> {
    const station = await this.station(stationId);
    if (station.status === 'inactive') throw conflict('STATION_INACTIVE', '这个驿站已经停用，到访不再计数');
    const date = shanghaiClock(now).date;
    const counted = await this.deps.visits.record(station, principal.userId, date, now);
    return { counted, date };
  }

  /**
   * Counts a member code a host checked at the station. The server checks the code as the host's phone
   * did, at the time the phone checked it (`scannedAt`; now when absent), so a count always stands for
   * a real card seen within its two minutes; a scan checked offline may be reported up to
   * MEMBER_SCAN_REPORT_HOURS later.
   */
  async recordMemberScan(stationId: string, token: string, scannedAt: string | undefined, now: Date): Promise<MemberScanResult> {
    const station = await this.station(stationId);
    if (station.status === 'inactive') throw conflict('STATION_INACTIVE', '这个驿站已经停用，核验不再计数');
    const at = scannedAt ? new Date(scannedAt) : now;
    if (at.getTime() > now.getTime() + MEMBER_PASS_CLOCK_SKEW_SECONDS * 1000) {
      throw badRequest('INVALID_PARAMETER', '核验时间晚于现在，请检查手机时间是否准确', { field: 'scannedAt' });
    }
    if (now.getTime() - at.getTime() > MEMBER_SCAN_REPORT_HOURS * 3600_000) {
      throw badRequest('MEMBER_PASS_EXPIRED', `离线核验超过 ${MEMBER_SCAN_REPORT_HOURS} 小时才上报，不再计数`);
    }
    const check = verifyMemberPass(token, this.deps.memberPassPublicKey, at.getTime());
    if (!check.ok) throw badRequest(check.reason === 'expired' ? 'MEMBER_PASS_EXPIRED' : 'MEMBER_PASS_INVALID', check.message);
    const date = shanghaiClock(at).date;
    const counted = await this.deps.visits.recordMemberScan(station.id, check.claims.no, date, at);
    return { counted, date, memberNo: check.claims.no, name: check.claims.nm };
  }

  async stationMemberScans(stationId: string, days: number, now: Date): Promise<StationMemberScans> {
    const dates = lastDates(days, now);
    const counts = await this.deps.visits.memberScansForStation(stationId, dates[0]!, dates[dates.length - 1]!);
    const rows = dates.map((date) => ({ date, scans: counts.get(date) ?? 0 }));
    return { stationId, days: rows, total: rows.reduce((sum, r) => sum + r.scans, 0) };
  }

  async stationVisits(stationId: string, days: number, now: Date): Promise<StationVisits> {
    const dates = lastDates(days, now);
    const counts = await this.deps.visits.forStation(stationId, dates[0]!, dates[dates.length - 1]!);
    const rows = dates.map((date) => ({ date, visits: counts.get(date) ?? 0 }));
    return { stationId, days: rows, total: rows.reduce((sum, r) => sum + r.visits, 0) };
  }

  async regionVisits(regionCode: string, days: number, now: Date): Promise<RegionVisits> {
    const dates = lastDates(days, now);
    const since = new Date(`${dates[0]!}T00:00:00+08:00`);
    const [rows, board] = await Promise.all([this.deps.visits.forRegion(regionCode, dates), this.deps.boardFigures(regionCode, since, now)]);
    const perDay = new Map<string, number>();
    const perStation = new Map<string, RegionVisits['stations'][number]>();
    for (const r of rows) {
      perDay.set(r.date, (perDay.get(r.date) ?? 0) + r.visits);
      const s = perStation.get(r.stationId) ?? { stationId: r.stationId, stationName: r.stationName, districtCode: r.districtCode, visits: 0, board: { ...NO_BOARD_FIGURES } };
      s.visits += r.visits;
      perStation.set(r.stationId, s);
    }
    // The board's figures join the visits station by station; a station with posts but no scans still shows.
    for (const b of board) {
      const s = perStation.get(b.stationId) ?? { stationId: b.stationId, stationName: b.stationName, districtCode: b.districtCode, visits: 0, board: { ...NO_BOARD_FIGURES } };
      s.board = b.figures;
      perStation.set(b.stationId, s);
    }
    const daysOut = dates.map((date) => ({ date, visits: perDay.get(date) ?? 0 }));
    return {
      regionCode,
      days: daysOut,
      total: daysOut.reduce((sum, d) => sum + d.visits, 0),
      stations: [...perStation.values()].sort((a, b) => b.visits - a.visits || a.stationId.localeCompare(b.stationId)),
    };
  }

  /**
   * The station's mini-program code from WeChat: scanning it opens the station page with the station id
   * as the scene. Released code in production; the development version elsewhere (WeChat then does not
   * check that the page has been released).
   */
  async qrCode(stationId: string): Promise<StationQrCode> {
    await this.station(stationId);
    if (stationId.length > QR_SCENE_MAX) {
      throw badRequest('QR_SCENE_TOO_LONG', `驿站编号超过 ${QR_SCENE_MAX} 个字符，微信小程序码放不下，请联系管理员更换编号`);
    }
    const prod = this.deps.stage === 'prod';
    const { contentType, image } = await this.deps.wechat.wxaCodeUnlimited({
      scene: stationId,
      page: STATION_PAGE,
      checkPath: prod,
      envVersion: prod ? 'release' : this.deps.stage === 'dev' ? 'trial' : 'develop',
    });
    return { page: STATION_PAGE, scene: stationId, image: `data:${contentType};base64,${image.toString('base64')}` };
  }

  /**
   * The app's beacon after a search on tiles: counted like a search the nearby API answers (per
   * geohash-6 cell and day), with the misses beside it. Gaps are still judged when staff look (below),
   * against the stations as they are then.
   */
  async coverageBeacon(beacon: CoverageBeacon, now: Date): Promise<void> {
    await this.deps.searches.countCell(beacon.cell, beacon.districtCode, beacon.found, now);
  }

  /**
   * Where workers searched but no station was open within 15 minutes' walk (1.2 km from the cell's
   * centre), judged at `at` with the same nearby search and "open now" rule the app uses. The most
   * searched cells first.
   */
  async coverage(regionCode: string, days: number, at: Date): Promise<CoverageReport> {
    const dates = lastDates(days, at);
    const cells = (await this.deps.searches.inRegion(regionCode, dates)).sort((a, b) => b.searches - a.searches || a.cell.localeCompare(b.cell));
    const checked = cells.slice(0, COVERAGE_MAX_CELLS);
    const results = await mapPool(checked, 6, async (cell) => {
      const box = geohashBox(cell.cell);
      const [minLat, minLng, maxLat, maxLng] = box;
      const center = boxCentre(box);
      const nearest = await this.deps.stations.nearby(
        { lat: center.lat, lng: center.lng, radius: NEAREST_OPEN_LOOKUP_METERS, limit: 1, openNow: true },
        at,
      );
      const open = nearest.items[0];
      if (open && open.distanceMeters <= COVERAGE_WALK_METERS) return null;
      const gap: CoverageGap = {
        cell: cell.cell,
        center,
        bounds: [
          { lat: minLat, lng: minLng },
          { lat: maxLat, lng: maxLng },
        ],
        districtCode: cell.districtCode,
        searches: cell.searches,
        nearestOpen: open ? { id: open.id, name: open.name, distanceMeters: open.distanceMeters } : null,
      };
      return gap;
    });
    return {
      regionCode,
      at: toShanghaiIso(at),
      from: dates[0]!,
      to: dates[dates.length - 1]!,
      cellsWithSearches: cells.length,
      searches: cells.reduce((sum, c) => sum + c.searches, 0),
      cellsChecked: checked.length,
      gaps: results.filter((g): g is CoverageGap => g !== null),
    };
  }
}
