import { enumField, IsoDate, IsoDateTime, numberField, textField } from './fields';
import { LatLng } from './geo';
import { DistrictCode, RegionCode } from './region';
import { AMENITIES, AMENITY_LABELS, StationId } from './station';
import { PageCursor } from './page';
import './zod-config';
import * as z from 'zod';

/**
 * What happens around stations: problem reports from workers (问题反馈), visits counted from the
 * station's QR code (到访), the station's QR code itself, and where workers search without an open
 * station nearby (覆盖缺口).
 */

// Problem reports --------------------------------------------------------------------------------

export const PROBLEM_KINDS = ['wrong_hours', 'closed', 'amenity_missing', 'other'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];
export const PROBLEM_KIND_LABELS: Record<ProblemKind, string> = {
  wrong_hours: '开放时间不对',
  closed: '驿站关门或已停用',
  amenity_missing: '设施没有或坏了',
  other: '其他问题',
};

export const REPORT_TEXT_MAX = 200;

export const ReportBody = z
  .strictObject({
    kind: enumField('问题类型', PROBLEM_KINDS),
    /** Which amenity is missing; required for `amenity_missing`. */
    amenity: enumField('设施', AMENITIES).optional(),
    /** What the worker saw; required for `other`. */
    text: textField('说明', { min: 0, max: REPORT_TEXT_MAX, multiline: true }).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'amenity_missing' && !body.amenity) {
      ctx.addIssue({ code: 'custom', path: ['amenity'], message: '请选择是哪项设施没有或坏了' });
    }
    if (body.kind === 'other' && !body.text) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: '请简单说明遇到了什么问题' });
    }
  });
export type ReportBody = z.infer<typeof ReportBody>;

export const ReportStatus = z.enum(['open', 'resolved']);

/** A report as hosts and staff read it. Who sent it is kept for the sender's own data, never shown. */
export const ProblemReport = z.object({
  id: z.string(),
  stationId: StationId,
  stationName: z.string(),
  districtCode: DistrictCode,
  kind: z.enum(PROBLEM_KINDS),
  amenity: z.enum(AMENITIES).nullable(),
  text: z.string().nullable(),
  status: ReportStatus,
  createdAt: IsoDateTime,
  /** The answer of the station's host or the union staff, shown to the worker who reported. */
  reply: z
    .object({ message: z.string(), by: z.enum(['host', 'staff']), at: IsoDateTime })
    .nullable(),
  resolvedAt: IsoDateTime.nullable(),
});
export type ProblemReport = z.infer<typeof ProblemReport>;

export const REPLY_TEXT_MAX = 200;

/** A host or staff member answers a report, and says whether it is dealt with (closes it). */
export const ReportReplyBody = z.strictObject({
  message: textField('回复', { max: REPLY_TEXT_MAX, multiline: true }),
  /** Closes the report: the problem is fixed, or the report was mistaken. */
  resolve: z.boolean({ error: '请选择是否已处理' }),
});
export type ReportReplyBody = z.infer<typeof ReportReplyBody>;

export const ReportParams = z.object({ id: StationId, reportId: z.string().regex(/^[0-9a-f-]{36}$/, { error: '反馈编号格式不正确' }) });

export const ReportPage = z.object({ items: z.array(ProblemReport), nextCursor: z.string().nullable() });
export type ReportPage = z.infer<typeof ReportPage>;

const cursorField = PageCursor.optional();

export const StationReportsQuery = z.object({
  /** Only open (not yet dealt with) reports, or only resolved ones; all when absent. */
  status: ReportStatus.optional(),
  limit: numberField('每页数量', { min: 1, max: 50, int: true }).optional().default(20),
  cursor: cursorField,
});
export const RegionReportsQuery = StationReportsQuery.extend({ regionCode: RegionCode });

export function reportSummary(report: Pick<ProblemReport, 'kind' | 'amenity' | 'text'>): string {
  const head = report.kind === 'amenity_missing' && report.amenity ? `${AMENITY_LABELS[report.amenity]}：没有或坏了` : PROBLEM_KIND_LABELS[report.kind];
  return report.text ? `${head}。${report.text}` : head;
}

// Visits -----------------------------------------------------------------------------------------

/** A visit counts once per person per station in this many hours, however often the code is scanned. */
export const VISIT_WINDOW_HOURS = 4;

export const VisitResult = z.object({
  /** False when this person's visit was already counted in the last VISIT_WINDOW_HOURS hours. */
  counted: z.boolean(),
  /** The Shanghai date the visit counts on. */
  date: IsoDate,
});
export type VisitResult = z.infer<typeof VisitResult>;

export const VISIT_MAX_DAYS = 31;
const daysField = numberField('天数', { min: 1, max: VISIT_MAX_DAYS, int: true }).optional().default(14);

export const StationVisitsQuery = z.object({ days: daysField });
export const RegionVisitsQuery = z.object({ regionCode: RegionCode, days: daysField });

export const DailyVisits = z.object({ date: IsoDate, visits: z.number().int().min(0) });
export type DailyVisits = z.infer<typeof DailyVisits>;

export const StationVisits = z.object({
  stationId: StationId,
  /** One row per day, oldest first, today last; days without visits are 0. */
  days: z.array(DailyVisits),
  total: z.number().int().min(0),
});
export type StationVisits = z.infer<typeof StationVisits>;

/**
 * A station's notice-board figures over a period, for staff beside its visits: of the posts it put up
 * in the period, the events that have begun, their places reserved and checked in, the jobs, and how
 * often their phones were revealed. Hidden and withdrawn posts count as what they were while up.
 */
export const BoardFigures = z.object({
  eventsHeld: z.number().int().min(0),
  placesReserved: z.number().int().min(0),
  checkedIn: z.number().int().min(0),
  jobsPosted: z.number().int().min(0),
  phoneReveals: z.number().int().min(0),
});
export type BoardFigures = z.infer<typeof BoardFigures>;
export const NO_BOARD_FIGURES: BoardFigures = { eventsHeld: 0, placesReserved: 0, checkedIn: 0, jobsPosted: 0, phoneReveals: 0 };

export const RegionVisits = z.object({
  regionCode: RegionCode,
  days: z.array(DailyVisits),
  total: z.number().int().min(0),
  /** Stations with visits or notice-board work in the period, most visited first, each with its board's figures. */
  stations: z.array(z.object({ stationId: StationId, stationName: z.string(), districtCode: DistrictCode, visits: z.number().int().min(0), board: BoardFigures })),
});
export type RegionVisits = z.infer<typeof RegionVisits>;

// Member cards checked at a station (会员核验) ---------------------------------------------------------

/**
 * A member code a host checked (shared/src/member-pass.ts). `scannedAt` is when the host's phone
 * checked it: a scan checked offline is reported later, within MEMBER_SCAN_REPORT_HOURS.
 */
export const MemberScanBody = z.strictObject({
  token: z
    .string({ error: '请扫描会员的电子会员证二维码' })
    .trim()
    .min(1, { error: '请扫描会员的电子会员证二维码' })
    .max(1000, { error: '这不是工会会员码，请让会员打开电子会员证重新出示' })
    // A member code is printable ASCII (prefix and base64url): anything else is not one.
    .regex(/^[\x21-\x7E]+$/, { error: '这不是工会会员码，请让会员打开电子会员证重新出示' }),
  scannedAt: IsoDateTime.optional(),
});
export const MemberScanResult = z.object({
  /** False when this member was already counted at this station in the last VISIT_WINDOW_HOURS hours. */
  counted: z.boolean(),
  date: IsoDate,
  memberNo: z.string(),
  /** The masked name the code carries (王**). */
  name: z.string(),
});
export type MemberScanResult = z.infer<typeof MemberScanResult>;

export const StationMemberScans = z.object({
  stationId: StationId,
  /** One row per day, oldest first, today last. */
  days: z.array(z.object({ date: IsoDate, scans: z.number().int().min(0) })),
  total: z.number().int().min(0),
});
export type StationMemberScans = z.infer<typeof StationMemberScans>;

// The station's QR code ----------------------------------------------------------------------------

/** WeChat's limit on the `scene` of a mini-program code. */
export const QR_SCENE_MAX = 32;
export const STATION_PAGE = 'pages/station/index';

export const StationQrCode = z.object({
  /** The mini-program page the code opens, and the scene it passes (the station id). */
  page: z.string(),
  scene: z.string(),
  /** The image, as a data: URL (image/png or image/jpeg as WeChat made it). */
  image: z.string(),
});
export type StationQrCode = z.infer<typeof StationQrCode>;

// Coverage -----------------------------------------------------------------------------------------

/** 15 minutes' walk, straight-line (the issue's "about 1.2 km"). */
export const COVERAGE_WALK_METERS = 1200;
/** Searches are counted per geohash-6 cell: about 1.2 km × 0.6 km. No user identity is kept. */
export const COVERAGE_CELL_PRECISION = 6;

/**
 * What the app sends after a search from the phone's location (the search itself runs on the phone,
 * on tiles): the geohash-6 cell it searched from, whether an open station was within 15 minutes'
 * walk, and the district of the nearest station it saw (coarser than the cell; it files the count
 * under a region). No user, no session, no exact point, no time finer than the day it is counted in.
 */
export const CoverageBeacon = z.strictObject({
  cell: z.string().regex(/^[0-9b-hjkmnp-z]{6}$/, { error: '网格编号格式不正确' }),
  found: z.boolean({ error: 'found 只能是 true 或 false' }),
  districtCode: DistrictCode.nullable(),
});
export type CoverageBeacon = z.infer<typeof CoverageBeacon>;

export const CoverageQuery = z.object({
  regionCode: RegionCode,
  days: numberField('天数', { min: 1, max: VISIT_MAX_DAYS, int: true }).optional().default(30),
  /** Judge "open" at this moment; now when absent. */
  at: IsoDateTime.optional(),
});

export const CoverageGap = z.object({
  cell: z.string(),
  center: LatLng,
  /** The cell's corners: south-west and north-east. */
  bounds: z.tuple([LatLng, LatLng]),
  districtCode: DistrictCode,
  searches: z.number().int().min(1),
  /** The nearest station open at `at`, if any within 5 km; farther than 1.2 km by definition. */
  nearestOpen: z.object({ id: StationId, name: z.string(), distanceMeters: z.number().int() }).nullable(),
});
export type CoverageGap = z.infer<typeof CoverageGap>;

export const CoverageReport = z.object({
  regionCode: RegionCode,
  at: IsoDateTime,
  from: IsoDate,
  to: IsoDate,
  /** Cells with any search in the period, and the searches in them. */
  cellsWithSearches: z.number().int(),
  searches: z.number().int(),
  /** Cells checked for an open station (the most searched ones, up to a cap). */
  cellsChecked: z.number().int(),
  gaps: z.array(CoverageGap),
});
export type CoverageReport = z.infer<typeof CoverageReport>;


export const ActivityErrorCode = {
  REPORT_NOT_FOUND: 'REPORT_NOT_FOUND',
  STATION_INACTIVE: 'STATION_INACTIVE',
  QR_SCENE_TOO_LONG: 'QR_SCENE_TOO_LONG',
  QR_SCENE_INVALID: 'QR_SCENE_INVALID',
  WECHAT_PAGE_INVALID: 'WECHAT_PAGE_INVALID',
  WECHAT_QUOTA_EXCEEDED: 'WECHAT_QUOTA_EXCEEDED',
  /** A member code that is not one, or whose signature fails. */
  MEMBER_PASS_INVALID: 'MEMBER_PASS_INVALID',
  /** A member code older than two minutes when it was checked, or reported too late. */
  MEMBER_PASS_EXPIRED: 'MEMBER_PASS_EXPIRED',
} as const;
