import { UserId } from './account';
import { CONSENT_VERSIONS, consentVersionField } from './consent';
import { enumField, hasSpecialCharacter, IsoDate, IsoDateTime, lockVersion, SPECIAL_CHARACTER_MESSAGE, textField } from './fields';
import { IdNumber, MobileNumber } from './id-number';
import { DistrictCode, RegionCode } from './region';
import { PageCursor } from './page';
import { SubscribeResults } from './subscribe';
import './zod-config';
import * as z from 'zod';

/** Joining the union online (网上入会): the application, its review, and the member card. */

/** The "eight groups" (八大群体) the unions reach out to, ride-hailing drivers, and everyone else. */
export const OCCUPATIONS = [
  'truck_driver',
  'courier',
  'carer',
  'domestic_worker',
  'mall_promoter',
  'food_delivery',
  'estate_agent',
  'security_guard',
  'ride_hailing',
  'other',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

export const OCCUPATION_LABELS: Record<Occupation, string> = {
  truck_driver: '货车司机',
  courier: '快递员',
  carer: '护工护理员',
  domestic_worker: '家政服务员',
  mall_promoter: '商场信息员',
  food_delivery: '网约送餐员',
  estate_agent: '房产中介员',
  security_guard: '保安员',
  ride_hailing: '网约车司机',
  other: '其他职业',
};

/** Employed by a company or platform, or flexible employment (灵活就业). */
export const EMPLOYMENT_TYPES = ['employed', 'flexible'] as const;
export type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];

/**
 * The separate consent to process sensitive personal information (PIPL arts. 28–30): what, why and
 * for how long. The version the applicant agreed to is kept with the application.
 */
export const CONSENT_VERSION = CONSENT_VERSIONS.membership;
export const CONSENT_NOTICE = {
  title: '敏感个人信息处理告知',
  body: [
    '为办理入会、核实您的身份并建立工会会员实名档案，我们需要处理您的身份证号和手机号。身份证号属于敏感个人信息。',
    '用途：仅用于入会审核、防止重复入会、会员身份核验以及工会联系您；不会用于其他用途，也不会提供给工会以外的任何人。',
    '保护：身份证号和手机号加密保存，页面上只显示部分号码；工作人员查看完整号码会被逐次记录。',
    '保存期限：您是会员期间一直保存；申请未通过的，自决定之日起 1 年后删除；您退会或注销账号后，我们会在法律要求的期限届满后删除。',
    '您可以拒绝提供，但将无法在线办理入会，可以到所在地工会线下办理。',
  ],
} as const;

export const PersonName = z
  .string({ error: (issue) => (issue.input === undefined ? '请填写姓名' : '姓名必须是文字') })
  // Before the spaces are folded: `\s` would turn a BOM or a line break into a harmless-looking space.
  .refine((s) => !hasSpecialCharacter(s), { error: `姓名中有特殊或不可见字符，${SPECIAL_CHARACTER_MESSAGE}`, abort: true })
  .transform((s) => s.normalize('NFC').trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(2, { error: (issue) => (issue.input === '' ? '请填写姓名' : '姓名至少 2 个字') })
      .max(30, { error: '姓名不能超过 30 个字' })
      .regex(/^[\u3400-\u9fffA-Za-z·•. ]+$/, { error: '姓名只能包含汉字、字母和间隔号“·”' }),
  );

const applicationFields = {
  name: PersonName,
  mobile: MobileNumber,
  idNumber: IdNumber,
  occupation: enumField('职业', OCCUPATIONS),
  employmentType: enumField('就业方式', EMPLOYMENT_TYPES),
  /** Company or platform; absent for flexible employment. */
  employer: textField('工作单位或平台', { max: 60 }).optional(),
  /** The district (区县) the applicant works in: the application goes to that union. */
  districtCode: z.string({ error: (issue) => (issue.input === undefined ? '请选择工作地区' : '工作地区格式不正确') }).pipe(
    z.string().regex(/^\d{6}$/, { error: '请选择工作地区（省、市、区县）' }),
  ),
  consent: z.literal(true, { error: '请阅读并勾选同意《敏感个人信息处理告知》' }),
  consentVersion: consentVersionField('membership'),
};

type ApplicationShape = { employmentType?: EmploymentType; employer?: string };
function employerRequired(value: ApplicationShape, ctx: z.RefinementCtx) {
  if (value.employmentType === 'employed' && !value.employer) {
    ctx.addIssue({ code: 'custom', path: ['employer'], message: '请填写工作单位或平台名称，没有固定单位请选择“灵活就业”' });
  }
}

/** What the applicant sends. One schema for the form's checks and the server's. */
export const ApplicationBody = z.strictObject(applicationFields).superRefine(employerRequired);
export type ApplicationBody = z.input<typeof ApplicationBody>;

/** The application's version the applicant or staff read (the edit lock). */
const ApplicationVersion = lockVersion('申请');

/** A returned application, corrected and sent again. */
export const ResubmitBody = z.strictObject({ ...applicationFields, version: ApplicationVersion }).superRefine(employerRequired);

/** The Chinese name of each field, for messages and the form. */
export const APPLICATION_FIELD_LABELS: Record<keyof typeof applicationFields, string> = {
  name: '姓名',
  mobile: '手机号',
  idNumber: '身份证号',
  occupation: '职业',
  employmentType: '就业方式',
  employer: '工作单位或平台',
  districtCode: '工作地区',
  consent: '告知同意',
  consentVersion: '告知书版本',
};

// The review ------------------------------------------------------------------------------------

export const APPLICATION_STATUSES = ['submitted', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '审核中',
  approved: '已通过',
  rejected: '未通过',
  returned: '待修改',
  withdrawn: '已撤回',
};

export const APPLICATION_ACTIONS = ['approve', 'reject', 'return', 'resubmit', 'withdraw'] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/**
 * The state machine, as a table: every allowed move and nothing else. Approved, rejected and withdrawn
 * are final; a returned application goes back to review when the applicant resubmits it. An open
 * application is withdrawn when its applicant deletes their account (nobody is left to admit or tell).
 */
export const APPLICATION_TRANSITIONS: Record<ApplicationAction, { from: readonly ApplicationStatus[]; to: ApplicationStatus }> = {
  approve: { from: ['submitted'], to: 'approved' },
  reject: { from: ['submitted'], to: 'rejected' },
  return: { from: ['submitted'], to: 'returned' },
  resubmit: { from: ['returned'], to: 'submitted' },
  withdraw: { from: ['submitted', 'returned'], to: 'withdrawn' },
};

/** The status an action leads to from a status, or null when the move is not allowed. */
export function nextStatus(from: ApplicationStatus, action: ApplicationAction): ApplicationStatus | null {
  const t = APPLICATION_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

/** An application stays open (and holds its ID number) until it is approved or rejected. */
export const isOpen = (status: ApplicationStatus) => status === 'submitted' || status === 'returned';

export const TimelineEntry = z.object({
  at: IsoDateTime,
  from: z.enum(APPLICATION_STATUSES).nullable(),
  to: z.enum(APPLICATION_STATUSES),
  by: z.enum(['applicant', 'staff']),
  actorId: UserId,
  note: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/** An application as the API shows it: the ID number and mobile masked, never in full. */
export const Application = z.object({
  id: z.string(),
  userId: UserId,
  status: z.enum(APPLICATION_STATUSES),
  /** Rises with every change; a decision names the version it was made on. */
  version: z.number().int(),
  name: z.string(),
  idNumberMasked: z.string(),
  mobileMasked: z.string(),
  /** From the ID number, never typed. Age in whole years, never the birth date (see masking.ts). */
  gender: z.enum(['male', 'female']),
  age: z.number().int(),
  occupation: z.enum(OCCUPATIONS),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  employer: z.string().nullable(),
  districtCode: DistrictCode,
  /** 江西省 九江市 都昌县 */
  regionName: z.string(),
  submittedAt: IsoDateTime,
  updatedAt: IsoDateTime,
  memberNo: z.string().nullable(),
  joinDate: IsoDate.nullable(),
  /** The reason of a rejection or the message of a return. */
  note: z.string().nullable(),
  timeline: z.array(TimelineEntry),
});
export type Application = z.infer<typeof Application>;

export const ApplicationParams = z.object({ id: z.string().regex(/^ma_[A-Za-z0-9_-]{6,40}$/, { error: '申请编号格式不正确' }) });

export const DecisionBody = z
  .strictObject({
    action: enumField('审核操作', ['approve', 'reject', 'return'] as const),
    note: textField('说明', { min: 0, max: 200, multiline: true }).optional(),
    version: ApplicationVersion,
  })
  .superRefine((value, ctx) => {
    if (value.action === 'reject' && !value.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写不予通过的原因' });
    if (value.action === 'return' && !value.note) ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写需要申请人修改的内容' });
  });

export const BatchApproveBody = z.strictObject({
  items: z
    .array(z.strictObject({ id: ApplicationParams.shape.id, version: ApplicationVersion }), { error: '请选择要批准的申请' })
    .min(1, { error: '请至少选择一份申请' })
    .max(50, { error: '一次最多批准 50 份申请' }),
});

export const BatchResult = z.object({
  results: z.array(
    z.object({
      id: z.string(),
      ok: z.boolean(),
      status: z.enum(APPLICATION_STATUSES).optional(),
      memberNo: z.string().optional(),
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
  approved: z.number().int(),
  failed: z.number().int(),
});

export const QUEUE_STATUS_FILTERS = [...APPLICATION_STATUSES, 'all'] as const;

export const QueueQuery = z.object({
  /** The staff member's region or any region below it. */
  regionCode: RegionCode,
  status: enumField('状态', QUEUE_STATUS_FILTERS).optional().default('submitted'),
  occupation: enumField('职业', OCCUPATIONS).optional(),
  /** Last change on or after this day (Shanghai). */
  from: IsoDate.optional(),
  /** Last change on or before this day. */
  to: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(100).optional().default(20),
  cursor: PageCursor.optional(),
});

export const QueuePage = z.object({ items: z.array(Application), nextCursor: z.string().nullable() });
export type QueuePage = z.infer<typeof QueuePage>;

export const PII_FIELDS = ['idNumber', 'mobile'] as const;
export const PII_FIELD_LABELS: Record<(typeof PII_FIELDS)[number], string> = { idNumber: '身份证号', mobile: '手机号' };
export const RevealBody = z.strictObject({
  field: enumField('要查看的信息', PII_FIELDS),
  /** Why the full number is needed; kept in the audit log. */
  purpose: textField('查看原因', { max: 60 }).optional(),
});
export const Revealed = z.object({ field: z.enum(PII_FIELDS), value: z.string() });

/** The member card (电子会员证), shown at stations. */
export const MemberCard = z.object({
  memberNo: z.string(),
  name: z.string(),
  unionName: z.string(),
  joinDate: IsoDate,
  districtCode: DistrictCode,
  regionName: z.string(),
  occupation: z.enum(OCCUPATIONS),
});
export type MemberCard = z.infer<typeof MemberCard>;

export const MyMembership = z.object({
  /** Newest first. */
  applications: z.array(Application),
  card: MemberCard.nullable(),
  /** Subscribe-message templates to ask for on the submit tap (WeChat). */
  subscribeTemplateIds: z.array(z.string()),
});
export type MyMembership = z.infer<typeof MyMembership>;

export const ExportBody = z.strictObject({
  regionCode: RegionCode,
  /** Full ID numbers and mobiles instead of masked ones; audited. */
  reveal: z.boolean().optional().default(false),
});
export const MemberExport = z.object({ filename: z.string(), count: z.number().int(), revealed: z.boolean(), csv: z.string() });
export type MemberExport = z.infer<typeof MemberExport>;

/** What wx.requestSubscribeMessage answered, per template id: one 'accept' grants one message. */
export const SubscriptionsBody = z.strictObject({ results: SubscribeResults });
export const SubscriptionGrants = z.object({ grants: z.record(z.string(), z.number().int()) });

export const MembershipErrorCode = {
  APPLICATION_EXISTS: 'APPLICATION_EXISTS',
  ALREADY_MEMBER: 'ALREADY_MEMBER',
  /** Another person's application or membership holds the ID number: said alike for both. */
  ID_NUMBER_UNAVAILABLE: 'ID_NUMBER_UNAVAILABLE',
  CONSENT_OUTDATED: 'CONSENT_OUTDATED',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  APPLICATION_CHANGED: 'APPLICATION_CHANGED',
  APPLICATION_NOT_FOUND: 'APPLICATION_NOT_FOUND',
  REGION_NOT_FOUND: 'REGION_NOT_FOUND',
  APPLICANT_GONE: 'APPLICANT_GONE',
  /** The member card's code asked for by someone who is not (or no longer) a member. */
  NOT_A_MEMBER: 'NOT_A_MEMBER',
} as const;
