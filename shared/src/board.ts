import './zod-config';
import * as z from 'zod';
import { enumField, IsoDate, IsoDateTime, numberField, textField } from './fields';
import { LatLng, latField, lngField } from './geo';
import { SubscribeResults } from './subscribe';
import { WEEKDAYS } from './opening-hours';
import { PageCursor } from './page';
import { DistrictCode, RegionCode } from './region';
import { Phone, StationId } from './station';

/**
 * The station's notice board (公告栏): gig jobs (零工/招工) posted for employers, and benefit events
 * (夏送清凉、爱心早餐、法律咨询、义诊…) held at or near the station. Posts carry the station that posted
 * them, never a person's name.
 */

export const POST_KINDS = ['job', 'event'] as const;
export type PostKind = (typeof POST_KINDS)[number];
export const POST_KIND_LABELS: Record<PostKind, string> = { job: '零工招聘', event: '福利活动' };

export const PAY_UNITS = ['hour', 'day', 'piece', 'month'] as const;
export type PayUnit = (typeof PAY_UNITS)[number];
export const PAY_UNIT_LABELS: Record<PayUnit, string> = { hour: '元/小时', day: '元/天', piece: '元/单', month: '元/月' };

export const EVENT_CATEGORIES = ['cooling', 'warming', 'breakfast', 'legal', 'health', 'other'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];
export const EVENT_CATEGORY_LABELS: Record<EventCategory, string> = {
  cooling: '清凉物资',
  warming: '取暖物资',
  breakfast: '早餐',
  legal: '法律咨询',
  health: '体检',
  other: '其他',
};


export const REPORT_REASONS = ['fake_job', 'charges_money', 'inaccurate', 'other'] as const;
export type PostReportReason = (typeof REPORT_REASONS)[number];
export const REPORT_REASON_LABELS: Record<PostReportReason, string> = {
  fake_job: '假招聘',
  charges_money: '收费',
  inaccurate: '信息不实',
  other: '其他',
};

/** A job post lives at most this long after posting or its last renewal (招工信息 30 天有效). */
export const JOB_MAX_DAYS = 30;
/** "附近的零工和活动": posts within this distance of the worker. */
export const BOARD_NEARBY_METERS = 5000;
/** A weekly event runs for at most this many days, so it cannot stay on the lists forever. */
export const WEEKLY_EVENT_MAX_DAYS = 92;

export const PostId = z.string().regex(/^bp_[A-Za-z0-9]{10,32}$/, { error: '公告编号格式不正确' });
export const PostParams = z.object({ id: PostId });

const Clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: '时间格式应为 HH:MM' });

/** Where it happens: at the posting station, or an address with a point on the map. */
export const PostPlace = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('station') }),
    z.strictObject({ kind: z.literal('address'), address: textField('地点', { max: 120 }), location: LatLng }),
  ],
  { error: '请选择地点：本驿站或填写地址' },
);

const yuanFen = (label: string) => numberField(label, { min: 1, max: 10_000_000, int: true });

export const JobPay = z
  .strictObject({
    unit: enumField('工资单位', PAY_UNITS),
    /** In fen. */
    minFen: yuanFen('工资'),
    /** In fen; null when the pay is one amount, not a range. */
    maxFen: yuanFen('最高工资').nullable().default(null),
  })
  .refine((p) => p.maxFen === null || p.maxFen >= p.minFen, { error: '最高工资不能低于最低工资', path: ['maxFen'] });

export const JobDates = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('long_term') }),
    z.strictObject({ kind: z.literal('dates'), from: IsoDate, to: IsoDate }).refine((d) => d.to >= d.from, { error: '结束日期不能早于开始日期', path: ['to'] }),
  ],
  { error: '请选择用工日期或“长期”' },
);

export const JobBody = z.strictObject({
  kind: z.literal('job'),
  employer: textField('招工单位', { max: 60 }),
  work: textField('工作内容', { max: 500, multiline: true }),
  place: PostPlace,
  pay: JobPay,
  dates: JobDates,
  headcount: numberField('招工人数', { min: 1, max: 999, int: true }),
  requirements: textField('要求', { min: 0, max: 300, multiline: true }).optional().default(''),
  phone: Phone,
});
export type JobBody = z.input<typeof JobBody>;

export const EventWhen = z.discriminatedUnion(
  'kind',
  [
    z
      .strictObject({ kind: z.literal('once'), date: IsoDate, start: Clock, end: Clock })
      .refine((w) => w.end > w.start, { error: '结束时间要晚于开始时间', path: ['end'] }),
    z
      .strictObject({
        kind: z.literal('weekly'),
        days: z.array(enumField('星期', WEEKDAYS)).min(1, { error: '请至少选择一天' }).max(7),
        start: Clock,
        end: Clock,
        from: IsoDate,
        until: IsoDate,
      })
      .refine((w) => w.end > w.start, { error: '结束时间要晚于开始时间', path: ['end'] })
      .refine((w) => w.until >= w.from, { error: '结束日期不能早于开始日期', path: ['until'] }),
  ],
  { error: '请填写活动时间：某一天，或每周固定几天' },
);
export type EventWhen = z.infer<typeof EventWhen>;

export const EventBody = z
  .strictObject({
    kind: z.literal('event'),
    title: textField('活动名称', { max: 40 }),
    category: enumField('活动类别', EVENT_CATEGORIES),
    when: EventWhen,
    gives: textField('活动内容', { max: 300, multiline: true }),
    place: PostPlace,
    /** Limited places (我要去 reserves one); null when anyone may come. */
    capacity: numberField('名额', { min: 1, max: 2000, int: true }).nullable().default(null),
  })
  // One count of places belongs to one gathering: a weekly event's places would need one count per week.
  .refine((e) => e.capacity === null || e.when.kind === 'once', { error: '每周举办的活动不能限定名额', path: ['capacity'] });
export type EventBody = z.input<typeof EventBody>;

export const PostBody = z.discriminatedUnion('kind', [JobBody, EventBody], { error: '请选择发布类型：零工招聘或福利活动' });
export type PostBody = z.input<typeof PostBody>;

export const PostStatus = z.enum(['active', 'hidden', 'withdrawn']);
export type PostStatus = z.infer<typeof PostStatus>;

const PostCommon = z.object({
  id: PostId,
  /** Who posted it: the station, never a person. */
  station: z.object({ id: StationId, name: z.string() }),
  districtCode: DistrictCode,
  address: z.string(),
  location: LatLng.nullable(),
  postedAt: IsoDateTime,
  /** When it leaves the lists: the job's expiry, the event's last end. */
  endsAt: IsoDateTime,
  status: PostStatus,
  /** Metres from the asker, on the nearby list only. */
  distanceMeters: z.number().nullable(),
});

export const JobView = PostCommon.extend({
  kind: z.literal('job'),
  employer: z.string(),
  work: z.string(),
  pay: z.object({ unit: z.enum(PAY_UNITS), minFen: z.number().int(), maxFen: z.number().int().nullable() }),
  dates: z.union([z.object({ kind: z.literal('long_term') }), z.object({ kind: z.literal('dates'), from: IsoDate, to: IsoDate })]),
  headcount: z.number().int(),
  requirements: z.string(),
});
export type JobView = z.infer<typeof JobView>;

export const EventView = PostCommon.extend({
  kind: z.literal('event'),
  title: z.string(),
  category: z.enum(EVENT_CATEGORIES),
  when: EventWhen,
  gives: z.string(),
  startsAt: IsoDateTime,
  capacity: z.number().int().nullable(),
  reserved: z.number().int(),
});
export type EventView = z.infer<typeof EventView>;

export const PostView = z.discriminatedUnion('kind', [JobView, EventView]);
export type PostView = z.infer<typeof PostView>;

export const PostList = z.object({ items: z.array(PostView) });
export type PostList = z.infer<typeof PostList>;

export const NearbyPostsQuery = z
  .object({
    lat: latField.optional(),
    lng: lngField.optional(),
    districtCode: DistrictCode.optional(),
    kind: enumField('类型', POST_KINDS).optional(),
    limit: z.coerce.number().int().min(1).max(50).optional().default(20),
    cursor: PageCursor.optional(),
  })
  .refine((q) => (q.lat !== undefined && q.lng !== undefined) !== (q.districtCode !== undefined), { error: '请提供位置（经纬度）或选择一个区县' });
export type NearbyPostsQuery = z.input<typeof NearbyPostsQuery>;
export const PostPage = z.object({ items: z.array(PostView), nextCursor: z.string().nullable() });
export type PostPage = z.infer<typeof PostPage>;

export const PhoneReveal = z.object({ phone: Phone, reveals: z.number().int() });

export const ReportPostBody = z.strictObject({
  reason: enumField('举报原因', REPORT_REASONS),
  note: textField('说明', { min: 0, max: 200 }).optional().default(''),
});
export const ReportPostReceipt = z.object({ received: z.literal(true) });

export const ModeratePostBody = z.strictObject({
  action: enumField('处理方式', ['hide', 'keep'] as const),
  note: textField('处理说明', { min: 0, max: 200 }).optional().default(''),
});

export const ReportedPostsQuery = z.object({
  regionCode: RegionCode,
  limit: z.coerce.number().int().min(1).max(100).optional().default(30),
  cursor: PageCursor.optional(),
});
export const ReportedPost = z.object({
  post: PostView,
  reports: z.array(z.object({ reason: z.enum(REPORT_REASONS), note: z.string(), at: IsoDateTime })),
});
export const ReportedPostPage = z.object({ items: z.array(ReportedPost), nextCursor: z.string().nullable() });

export const ReservationCode = z.string().regex(/^\d{4}$/, { error: '签到码应为 4 位数字' });
export const Reservation = z.object({ postId: PostId, code: ReservationCode, reservedAt: IsoDateTime, checkedInAt: IsoDateTime.nullable() });
export type Reservation = z.infer<typeof Reservation>;

export const CheckInBody = z.strictObject({ code: ReservationCode });
/** What the host sees: counts and codes, never names or phones. */
export const EventAttendance = z.object({
  capacity: z.number().int().nullable(),
  reserved: z.number().int(),
  checkedIn: z.number().int(),
  codes: z.array(z.object({ code: ReservationCode, checkedIn: z.boolean() })),
});
export type EventAttendance = z.infer<typeof EventAttendance>;

/** 关注驿站: whether the asker follows the station, and the template to ask consent for on following. */
export const StationFollow = z.object({
  stationId: StationId,
  following: z.boolean(),
  /** Subscribe-message templates a follow asks consent for (wx.requestSubscribeMessage), then sends. */
  subscribeTemplateIds: z.array(z.string()),
});
export type StationFollow = z.infer<typeof StationFollow>;
/** Following: the answers of wx.requestSubscribeMessage, recorded as grants for the new-post message. */
export const FollowBody = z.strictObject({
  results: SubscribeResults.optional().default({}),
});

export const BoardErrorCode = {
  POST_NOT_FOUND: 'POST_NOT_FOUND',
  POST_ASKS_FOR_MONEY: 'POST_ASKS_FOR_MONEY',
  POST_NOT_ACTIVE: 'POST_NOT_ACTIVE',
  POST_DATES_INVALID: 'POST_DATES_INVALID',
  EVENT_FULL: 'EVENT_FULL',
  EVENT_NOT_LIMITED: 'EVENT_NOT_LIMITED',
  CHECKIN_CODE_INVALID: 'CHECKIN_CODE_INVALID',
  ALREADY_CHECKED_IN: 'ALREADY_CHECKED_IN',
  STATION_NOT_ON_MAP: 'STATION_NOT_ON_MAP',
} as const;
