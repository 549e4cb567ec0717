import { IsoDateTime } from './fields';
import { RegionCode } from './region';
import type { Amenity } from './station';
import { StationId } from './station';
import './zod-config';
import * as z from 'zod';

/**
 * Data health (数据质量) for union staff: how true their region's station data is, per district and
 * rolled up to the city or province they look after, and which stations most need a visit or a call.
 */

/**
 * The amenities a station's data counts as "confirmed" on: the ones the finder's promise names (hot
 * water, a toilet, charging a phone). Each must be 有 or 没有, not 不确定.
 */
export const HEALTH_KEY_AMENITIES = ['hot_water', 'toilet', 'phone_charging'] as const satisfies readonly Amenity[];

/** Verified within this many days counts as fresh; past the longer one a station is stale. */
export const HEALTH_FRESH_DAYS = 30;
export const HEALTH_STALE_DAYS = 90;

export const DataHealthQuery = z.object({ regionCode: RegionCode });

export const HealthCounts = z.object({
  /** Stations staff keep (active and awaiting a location; deactivated ones are left out). */
  stations: z.number().int(),
  onMap: z.number().int(),
  withHours: z.number().int(),
  withPhone: z.number().int(),
  withHost: z.number().int(),
  amenitiesConfirmed: z.number().int(),
  verified30: z.number().int(),
  verified90: z.number().int(),
  /** Stations with at least one open problem report. */
  withOpenReports: z.number().int(),
  /** Open problem reports in all. */
  openReports: z.number().int(),
});
export type HealthCounts = z.infer<typeof HealthCounts>;

/** Why a station is on the attention list; the page and the export say each in words. */
export const HEALTH_PROBLEMS = ['open_reports', 'never_verified', 'stale', 'no_location', 'no_hours', 'no_phone', 'no_host', 'amenities_unknown'] as const;
export type HealthProblem = (typeof HEALTH_PROBLEMS)[number];

export const HEALTH_PROBLEM_LABELS: Record<HealthProblem, string> = {
  open_reports: '有未处理的问题反馈',
  never_verified: '从未核实',
  stale: `超过 ${HEALTH_STALE_DAYS} 天未核实`,
  no_location: '没有位置，不在地图上',
  no_hours: '没有开放时间',
  no_phone: '没有电话',
  no_host: '没有负责人',
  amenities_unknown: '热水、厕所、充电未确认',
};

export const HealthStation = z.object({
  id: StationId,
  name: z.string(),
  districtCode: z.string(),
  districtName: z.string(),
  /** The latest of the host's 信息无误 and a worker's confirmation; null when neither ever happened. */
  verifiedAt: IsoDateTime.nullable(),
  openReports: z.number().int(),
  problems: z.array(z.enum(HEALTH_PROBLEMS)),
  /** Higher needs attention sooner (how it is weighed: functions/src/stationBulk/health.ts). */
  score: z.number().int(),
});
export type HealthStation = z.infer<typeof HealthStation>;

export const DataHealth = z.object({
  regionCode: RegionCode,
  regionName: z.string(),
  generatedAt: IsoDateTime,
  totals: HealthCounts,
  /** One row per district with stations, for city and province staff to compare. */
  districts: z.array(HealthCounts.extend({ code: z.string(), name: z.string() })),
  /** The stations that most need attention, most urgent first (at most HEALTH_ATTENTION_LIMIT). */
  attention: z.array(HealthStation),
});
export type DataHealth = z.infer<typeof DataHealth>;

export const HEALTH_ATTENTION_LIMIT = 50;
