import { CONSENT_VERSIONS, consentVersionField } from './consent';
import { enumField, IsoDate, IsoDateTime, lockVersion, numberField, textField } from './fields';
import { MobileNumber } from './id-number';
import { PersonName } from './membership';
import { RegionCode } from './region';
import { StationId } from './station';
import { PageCursor } from './page';
import { WISH_CATEGORIES, WISH_STATUSES, WISH_ACTORS, WISH_ACTIONS, WALL_STATUSES, WALL_FILTERS } from './wish-states';
import './zod-config';
import * as z from 'zod';

/**
 * Micro-wishes (微心愿). Seeds (Guangxi, Beihai): filed hardship workers post small wishes ("skates for
 * my daughter", "a new phone"); caring people claim them, buy the item and hand it over. The life of a
 * wish is an explicit state table: every move names who may make it and from which states.
 */

// The states, labels and limits, without zod: the wish wall tab (WeChat's main package) needs only these.
export * from './wish-states';

/** Schema ceiling whatever the configuration: 5,000 yuan. */
const VALUE_CEILING_FEN = 500_000;

/**
 * Title, story and thanks are public: refuse what looks like a phone, mobile or ID number. The worker's
 * own name, ID number, mobile and address are checked on the server against their hardship file
 * (functions/src/wishes/own-data.ts, called from WishesService.post, edit and thank). Moderation looks at everything else.
 */
export function personalDataIn(text: string): string | null {
  const compact = text.replace(/[\s\-－—]/g, '').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/\d{17}[\dXx]/.test(compact)) return '身份证号';
  if (/1[3-9]\d{9}/.test(compact)) return '手机号';
  if (/0\d{2,3}\d{7,8}/.test(compact) || /\d{7,}/.test(compact)) return '电话号码';
  if (/微信号|vx[:：]|wx[:：]|qq[:：]/i.test(text)) return '联系方式';
  return null;
}

function publicText(label: string, max: number, multiline = false) {
  return textField(label, { max, multiline }).superRefine((value, ctx) => {
    const found = personalDataIn(value);
    if (found) {
      ctx.addIssue({
        code: 'custom',
        message: `${label}是公开的，请不要写${found}等个人信息；工会工作人员会帮您对接`,
        params: { apiCode: 'WISH_CONTAINS_PERSONAL_DATA' },
      });
    }
  });
}

export const WishHandoverBody = z.discriminatedUnion(
  'kind',
  [z.strictObject({ kind: z.literal('station'), stationId: StationId }), z.strictObject({ kind: z.literal('staff') })],
  { error: '请选择交接方式：到驿站交接或由工会工作人员转交' },
);

const wishFields = {
  title: publicText('心愿标题', 30),
  story: publicText('心愿故事', 300, true),
  category: enumField('心愿类别', WISH_CATEGORIES),
  /** Estimated value in fen; the deployment's cap is checked on the server (WISH_VALUE_TOO_HIGH). */
  valueFen: numberField('预估价值', { min: 100, max: VALUE_CEILING_FEN, int: true }),
  handover: WishHandoverBody,
};

/** The wish's version the worker, volunteer or staff read (the edit lock). */
const WishVersion = lockVersion('心愿');

export const WishBody = z.strictObject(wishFields);
export type WishBody = z.input<typeof WishBody>;
/** A returned wish, corrected and sent to moderation again. */
export const WishEditBody = z.strictObject({ ...wishFields, version: WishVersion });

export const WishId = z.string().regex(/^w_[A-Za-z0-9_-]{6,40}$/, { error: '心愿编号格式不正确' });
export const WishParams = z.object({ id: WishId });
export const WishVersionBody = z.strictObject({ version: WishVersion });

export const ModerationBody = z
  .strictObject({
    action: enumField('审核操作', ['approve', 'return'] as const),
    reason: textField('原因', { min: 0, max: 200, multiline: true }).optional(),
    version: WishVersion,
  })
  .superRefine((value, ctx) => {
    if (value.action === 'return' && !value.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '请写明需要修改的地方' });
  });

export const CloseWishBody = z.strictObject({
  reason: textField('关闭原因', { max: 200, multiline: true }),
  version: WishVersion,
});

export const DeliverBody = z.strictObject({
  note: textField('送达说明', { max: 100, multiline: true }).optional(),
  version: WishVersion,
});

export const ThanksBody = z.strictObject({
  text: publicText('感谢的话', 200, true),
  version: WishVersion,
});

/** The host hands a wish over at the station to the person who says its pickup code. */
export const PICKUP_CODE_ALPHABET = '23456789';
export const HandoverBody = z.strictObject({
  code: z
    .string({ error: '请输入取件码' })
    .trim()
    .pipe(z.string().regex(/^\d{6}$/, { error: '取件码是 6 位数字' })),
});

export const StationInfo = z.object({ id: z.string(), name: z.string(), address: z.string() });

const wishCore = {
  id: z.string(),
  /** A short reference people can say aloud at a station ("心愿 W7Q3M9"). */
  ref: z.string(),
  title: z.string(),
  story: z.string(),
  category: z.enum(WISH_CATEGORIES),
  valueFen: z.number().int(),
  /** "环卫工人 · 北海": at most a role and a city. */
  label: z.string(),
  cityCode: z.string(),
  handoverKind: z.enum(['station', 'staff']),
};

/** A wish on the public wall: never a name, phone, address or user id. */
export const WallWish = z.object({
  ...wishCore,
  status: z.enum(WALL_STATUSES),
  postedOn: IsoDate,
  fulfilledOn: IsoDate.nullable(),
  thanks: z.string().nullable(),
});
export type WallWish = z.infer<typeof WallWish>;

export const WallQuery = z.object({
  category: enumField('心愿类别', WISH_CATEGORIES).optional(),
  city: z.string().regex(/^\d{4}$/, { error: '城市代码应为 4 位数字' }).optional(),
  status: enumField('状态', WALL_FILTERS).optional().default('all'),
  limit: z.coerce.number().int().min(1).max(50).optional().default(20),
  cursor: PageCursor.optional(),
});
export const WallPage = z.object({ items: z.array(WallWish), nextCursor: z.string().nullable() });
export type WallPage = z.infer<typeof WallPage>;

export const WallCities = z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) });

export const WishTimelineEntry = z.object({
  at: IsoDateTime,
  action: z.enum([...WISH_ACTIONS, 'post'] as const),
  from: z.enum(WISH_STATUSES).nullable(),
  to: z.enum(WISH_STATUSES),
  by: z.enum(WISH_ACTORS),
  note: z.string().optional(),
});
export type WishTimelineEntry = z.infer<typeof WishTimelineEntry>;

const progress = {
  version: z.number().int(),
  status: z.enum(WISH_STATUSES),
  station: StationInfo.nullable(),
  claimedAt: IsoDateTime.nullable(),
  claimDeadline: IsoDateTime.nullable(),
  deliveredAt: IsoDateTime.nullable(),
  deliveryNote: z.string().nullable(),
  deliveryPhotoUrl: z.string().nullable(),
  fulfilledAt: IsoDateTime.nullable(),
  thanks: z.string().nullable(),
  updatedAt: IsoDateTime,
};

/** The worker's own wish: its progress and, for a station handover, the pickup code to say there. */
export const MyWish = z.object({
  ...wishCore,
  ...progress,
  postedAt: IsoDateTime,
  pickupCode: z.string().nullable(),
  /** Why staff sent it back or closed it. */
  staffNote: z.string().nullable(),
  timeline: z.array(WishTimelineEntry),
});
export type MyWish = z.infer<typeof MyWish>;

export const MyWishes = z.object({
  items: z.array(MyWish),
  openCount: z.number().int(),
  maxOpen: z.number().int(),
  maxValueFen: z.number().int(),
  /** Whether the person may post now: bound to a file that is on file. */
  canPost: z.boolean(),
  /** Why not, when not. */
  reason: z.string().nullable(),
  subscribeTemplateIds: z.array(z.string()),
});
export type MyWishes = z.infer<typeof MyWishes>;

/** A wish the volunteer claimed: where to hand it over, never the worker's contact. */
export const ClaimedWish = z.object({
  ...wishCore,
  ...progress,
  /** The district union that arranges a staff handover. */
  regionName: z.string(),
  /** True while this volunteer holds the claim (false once it lapsed or was cancelled). */
  mine: z.boolean(),
});
export type ClaimedWish = z.infer<typeof ClaimedWish>;
export const MyClaims = z.object({ items: z.array(ClaimedWish), subscribeTemplateIds: z.array(z.string()) });

/** What staff see: the whole wish, the masked claimant, the file it belongs to. */
export const StaffWish = z.object({
  ...wishCore,
  ...progress,
  postedAt: IsoDateTime,
  districtCode: z.string(),
  regionName: z.string(),
  fileId: z.string(),
  pickupCode: z.string().nullable(),
  staffNote: z.string().nullable(),
  claimant: z.object({ nameMasked: z.string(), mobileMasked: z.string(), organisation: z.string().nullable() }).nullable(),
  lapsedCount: z.number().int(),
  timeline: z.array(WishTimelineEntry),
});
export type StaffWish = z.infer<typeof StaffWish>;

export const STAFF_WISH_FILTERS = ['pending_review', 'active', 'all'] as const;
export const StaffWishQuery = z.object({
  regionCode: RegionCode,
  status: enumField('状态', STAFF_WISH_FILTERS).optional().default('pending_review'),
  limit: z.coerce.number().int().min(1).max(100).optional().default(30),
  cursor: PageCursor.optional(),
});
export const StaffWishPage = z.object({ items: z.array(StaffWish), nextCursor: z.string().nullable() });

/** The claimant's full name and mobile, for staff arranging a handover (audited). */
export const ClaimantContact = z.object({ name: z.string(), mobile: z.string() });

/** What a station's host sees: the pickup code and the reference, not the story or anyone's name. */
export const HostWish = z.object({
  id: z.string(),
  ref: z.string(),
  title: z.string(),
  category: z.enum(WISH_CATEGORIES),
  status: z.enum(WISH_STATUSES),
  pickupCode: z.string(),
  claimedAt: IsoDateTime.nullable(),
  deliveredAt: IsoDateTime.nullable(),
  fulfilledAt: IsoDateTime.nullable(),
});
export type HostWish = z.infer<typeof HostWish>;
export const HostWishes = z.object({ items: z.array(HostWish) });

export const WishStatsQuery = z.object({
  regionCode: RegionCode,
  /** Wishes posted on or after this day (Shanghai); default 365 days before `to`. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export const WishStats = z.object({
  regionCode: z.string(),
  from: IsoDate,
  to: IsoDate,
  /** Of the wishes posted in the period: how many were posted, ever claimed, fulfilled, and claims that lapsed. */
  posted: z.number().int(),
  claimed: z.number().int(),
  fulfilled: z.number().int(),
  lapsed: z.number().int(),
  /** Median days from posting to receipt, over the fulfilled ones; null when none. */
  medianDaysToFulfil: z.number().nullable(),
  byCategory: z.record(z.string(), z.number().int()),
});
export type WishStats = z.infer<typeof WishStats>;

// Volunteers (爱心志愿者) -----------------------------------------------------------------------------

export const VOLUNTEER_CONSENT_VERSION = CONSENT_VERSIONS.volunteer;
export const VOLUNTEER_CONSENT_NOTICE = {
  title: '爱心志愿者个人信息处理告知',
  body: [
    '认领微心愿需要实名登记：我们会处理您的姓名和手机号，用于核实身份，以及在您认领的心愿需要工会工作人员转交时联系您。',
    '您的姓名和手机号加密保存，不会显示在心愿墙上，也不会提供给困难职工本人；工作人员查看完整号码会被逐次记录。',
    '保存期限：您注销账号时删除。',
  ],
} as const;

export const VolunteerBody = z.strictObject({
  name: PersonName,
  mobile: MobileNumber,
  organisation: textField('所在单位或团体', { max: 40 }).optional(),
  consent: z.literal(true, { error: '请阅读并勾选同意《爱心志愿者个人信息处理告知》' }),
  consentVersion: consentVersionField('volunteer'),
});
export type VolunteerBody = z.input<typeof VolunteerBody>;

export const VolunteerProfile = z.object({
  nameMasked: z.string(),
  mobileMasked: z.string(),
  organisation: z.string().nullable(),
  registeredAt: IsoDateTime,
});
export const MyVolunteer = z.object({ profile: VolunteerProfile.nullable(), subscribeTemplateIds: z.array(z.string()) });
export type MyVolunteer = z.infer<typeof MyVolunteer>;

export const WishErrorCode = {
  WISH_NOT_FOUND: 'WISH_NOT_FOUND',
  WISH_ALREADY_CLAIMED: 'WISH_ALREADY_CLAIMED',
  WISH_CHANGED: 'WISH_CHANGED',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  WISH_LIMIT_REACHED: 'WISH_LIMIT_REACHED',
  WISH_VALUE_TOO_HIGH: 'WISH_VALUE_TOO_HIGH',
  WISH_CONTAINS_PERSONAL_DATA: 'WISH_CONTAINS_PERSONAL_DATA',
  HARDSHIP_NOT_ON_FILE: 'HARDSHIP_NOT_ON_FILE',
  VOLUNTEER_NOT_REGISTERED: 'VOLUNTEER_NOT_REGISTERED',
  OWN_WISH: 'OWN_WISH',
  PICKUP_CODE_INVALID: 'PICKUP_CODE_INVALID',
  CONSENT_OUTDATED: 'CONSENT_OUTDATED',
  ACCOUNT_GONE: 'ACCOUNT_GONE',
} as const;

