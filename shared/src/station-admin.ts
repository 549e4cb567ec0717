import { enumField, IsoDateTime, lockVersion, numberField, textField } from './fields';
import { insideChina, LatLng } from './geo';
import { OpeningHours } from './opening-hours';
import { DistrictCode, RegionCode } from './region';
import { Amenities, Phone, Station, STATION_TYPES, StationStatus } from './station';
import { PageCursor } from './page';
import './zod-config';
import * as z from 'zod';

/**
 * Keeping stations true (驿站维护): what hosts and staff send to change a station, the history every
 * change leaves, and the answer to a write based on a version that is no longer current.
 *
 * Every write names the version it was based on (`expectedVersion`). A write based on an older
 * version is refused with 409 STATION_VERSION_CONFLICT and the current station, so nobody's edit is
 * ever lost silently: the page shows what changed and offers to re-apply on top of it.
 */

export const ExpectedVersion = lockVersion('驿站');

/** Empty text means "none": a host clearing the notice sends '' or null alike. */
const optionalText = (label: string, max: number, multiline = false) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), textField(label, { max, multiline }).nullable());

const PhoneList = z.array(Phone).max(5, { error: '最多填写 5 个电话' });

const StationLocation = LatLng.nullable().superRefine((p, ctx) => {
  if (p && !insideChina(p)) ctx.addIssue({ code: 'custom', message: '这个位置不在中国境内，请核对经纬度（GCJ-02）' });
});

export const HoursBody = z.strictObject({
  expectedVersion: ExpectedVersion,
  /** Null: the hours are not known (the page then says so instead of guessing). */
  hours: OpeningHours.nullable(),
});

export const ClosureBody = z.strictObject({
  expectedVersion: ExpectedVersion,
  reason: textField('暂停开放的原因', { max: 60 }),
  /** Expected reopening; null when not yet known. */
  until: IsoDateTime.nullable(),
});

export const NoticeBody = z.strictObject({ expectedVersion: ExpectedVersion, notice: optionalText('公告', 120, true) });

export const AmenitiesBody = z.strictObject({ expectedVersion: ExpectedVersion, amenities: Amenities });

export const PhonesBody = z.strictObject({ expectedVersion: ExpectedVersion, phones: PhoneList });

/** Writes that carry nothing but the version they are based on: verify, reopen, activate. */
export const VersionBody = z.strictObject({ expectedVersion: ExpectedVersion });

export const VersionQuery = z.object({ expectedVersion: ExpectedVersion });

export const DeactivateBody = z.strictObject({ expectedVersion: ExpectedVersion, reason: textField('停用原因', { max: 60 }) });

const profileFields = {
  name: textField('驿站名称', { max: 60 }),
  address: textField('地址', { max: 120 }),
  districtCode: DistrictCode,
  /** GCJ-02. Null: the location is not known yet; the station stays off the map until it is. */
  location: StationLocation,
  type: enumField('驿站类型', STATION_TYPES),
  hostOrganisation: optionalText('主办单位', 80),
};

export const StationCreateBody = z.strictObject({
  ...profileFields,
  phones: PhoneList.optional().default([]),
});
export type StationCreateBody = z.infer<typeof StationCreateBody>;

export const StationProfileBody = z.strictObject({ expectedVersion: ExpectedVersion, ...profileFields });
export type StationProfileBody = z.infer<typeof StationProfileBody>;

export const StationListQuery = z.object({
  /** A province, city or district code. */
  regionCode: RegionCode,
  status: StationStatus.optional(),
  limit: numberField('每页数量', { min: 1, max: 100, int: true }).optional().default(50),
  cursor: PageCursor.optional(),
});

export const StationPage = z.object({ items: z.array(Station), nextCursor: z.string().nullable() });

/**
 * A station's hosts as staff see them: the name each gave when accepting an invitation (null for hosts
 * bound before names were asked). `userId` is there only to unbind; the pages never show it.
 */
export const StationHosts = z.object({
  items: z.array(z.object({ userId: z.string(), name: z.string().nullable() })),
});

// ---------------------------------------------------------------------------------------------------
// History (修改记录).

export const STATION_ACTIONS = [
  'create',
  'hours',
  'closure',
  'reopen',
  'notice',
  'amenities',
  'phones',
  'photo',
  'verify',
  'profile',
  'deactivate',
  'activate',
  'import',
] as const;
export type StationAction = (typeof STATION_ACTIONS)[number];

export const STATION_ACTION_LABELS: Record<StationAction, string> = {
  create: '新建驿站',
  hours: '修改开放时间',
  closure: '暂停开放',
  reopen: '恢复开放',
  notice: '修改公告',
  amenities: '修改服务设施',
  phones: '修改电话',
  photo: '更换照片',
  verify: '确认信息无误',
  profile: '修改基本信息',
  deactivate: '停用驿站',
  activate: '重新启用',
  import: '批量导入',
};

/** The station fields a history entry can record, with the words people see. */
export const STATION_FIELD_LABELS = {
  name: '名称',
  address: '地址',
  district: '区县',
  location: '位置',
  type: '类型',
  amenities: '服务设施',
  hours: '开放时间',
  hoursNote: '开放时间（原文）',
  closure: '暂停开放',
  phones: '电话',
  hostOrganisation: '主办单位',
  notice: '公告',
  photoUrl: '照片',
  status: '状态',
  lastVerifiedAt: '核实时间',
} as const satisfies Partial<Record<keyof Station, string>>;
export type StationField = keyof typeof STATION_FIELD_LABELS;
export const STATION_FIELDS = Object.keys(STATION_FIELD_LABELS) as StationField[];

export const FieldChange = z.object({
  field: z.enum(STATION_FIELDS as [StationField, ...StationField[]]),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof FieldChange>;

export const ACTOR_ROLES = ['host', 'staff', 'admin', 'import'] as const;

export const StationHistoryEntry = z.object({
  id: z.string(),
  stationId: z.string(),
  at: IsoDateTime,
  /** The user who made the change; `import-cli` for the command-line importer. */
  actorId: z.string(),
  /** In what capacity they made it. */
  actorRole: z.enum(ACTOR_ROLES),
  action: z.enum(STATION_ACTIONS),
  /** The station's version after the change. */
  version: z.number().int().min(1),
  /** Only the fields that changed, each with its value before and after. */
  changes: z.array(FieldChange),
  /** Why, when the action has a reason (a deactivation, a closure). */
  note: z.string().nullable(),
});
export type StationHistoryEntry = z.infer<typeof StationHistoryEntry>;

export const HistoryQuery = z.object({
  limit: numberField('每页数量', { min: 1, max: 100, int: true }).optional().default(30),
  cursor: PageCursor.optional(),
});
export const StationHistoryPage = z.object({ items: z.array(StationHistoryEntry), nextCursor: z.string().nullable() });

/** A JSON value with its object keys sorted, so equal values compare equal however they were stored. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** What differs between two versions of a station, field by field (before null: everything is new). */
export function stationChanges(before: Station | null, after: Station): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of STATION_FIELDS) {
    const was = before ? before[field] : null;
    const now = after[field];
    if (canonicalJson(was ?? null) !== canonicalJson(now ?? null)) changes.push({ field, before: was ?? null, after: now ?? null });
  }
  return changes;
}

/** "开放时间、电话": the fields a list of changes touches, for messages. */
export function changedFieldsText(changes: Pick<FieldChange, 'field'>[]): string {
  return changes.map((c) => STATION_FIELD_LABELS[c.field]).join('、');
}

// ---------------------------------------------------------------------------------------------------
// Conflicts (版本冲突).

export const STATION_VERSION_CONFLICT = 'STATION_VERSION_CONFLICT';

/** The 409 answer to a stale write: the station as it is now, to reload and re-apply on. */
export const StationConflictBody = z.object({
  code: z.literal(STATION_VERSION_CONFLICT),
  message: z.string(),
  current: Station,
});
export type StationConflictBody = z.infer<typeof StationConflictBody>;

// ---------------------------------------------------------------------------------------------------
// Photos.

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
