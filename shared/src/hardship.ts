import { UserId } from './account';
import { CONSENT_VERSIONS, consentVersionField } from './consent';
import { enumField, IsoDate, IsoDateTime, lockVersion, numberField, textField } from './fields';
import { IdNumber, MobileNumber } from './id-number';
import { PersonName } from './membership';
import { DistrictCode, RegionCode } from './region';
import { Phone } from './station';
import { PageCursor } from './page';
import './zod-config';
import * as z from 'zod';

/**
 * Hardship files (困难职工档案) and the personal QR card (二维码). Seeds (Baise, Guangxi): each filed
 * worker's file holds six parts — basic information, the paired helper (结对帮扶责任人), the cause of
 * hardship (致困原因), household income, housing, the plan out of hardship (解困脱困计划) — and a QR
 * code that "is not lost when their address or employer changes".
 */

/** The role shown on the wish wall ("环卫工人 · 北海"): a fixed list, so no free text can carry a name. */
export const HARDSHIP_OCCUPATIONS = [
  'sanitation',
  'courier',
  'food_delivery',
  'truck_driver',
  'ride_hailing',
  'builder',
  'domestic_worker',
  'security_guard',
  'factory',
  'other',
] as const;
export type HardshipOccupation = (typeof HARDSHIP_OCCUPATIONS)[number];
export const HARDSHIP_OCCUPATION_LABELS: Record<HardshipOccupation, string> = {
  sanitation: '环卫工人',
  courier: '快递员',
  food_delivery: '外卖骑手',
  truck_driver: '货车司机',
  ride_hailing: '网约车司机',
  builder: '建筑工人',
  domestic_worker: '家政服务员',
  security_guard: '保安员',
  factory: '企业职工',
  other: '职工',
};

/** 致困原因: the categories union files use, plus a text. */
export const HARDSHIP_CAUSES = ['illness', 'disability', 'education', 'disaster', 'unemployment', 'low_income', 'family', 'other'] as const;
export type HardshipCause = (typeof HARDSHIP_CAUSES)[number];
export const HARDSHIP_CAUSE_LABELS: Record<HardshipCause, string> = {
  illness: '因病',
  disability: '因残',
  education: '因学（子女上学）',
  disaster: '因灾或意外',
  unemployment: '失业下岗',
  low_income: '收入低',
  family: '家庭变故',
  other: '其他',
};

export const HOUSING_TYPES = ['owned', 'rented', 'public_rental', 'dormitory', 'relatives', 'other'] as const;
export type HousingType = (typeof HOUSING_TYPES)[number];
export const HOUSING_TYPE_LABELS: Record<HousingType, string> = {
  owned: '自有住房',
  rented: '租房',
  public_rental: '公租房或廉租房',
  dormitory: '单位宿舍',
  relatives: '借住亲友家',
  other: '其他',
};

export const ASSISTANCE_KINDS = ['condolence', 'living', 'medical', 'education', 'goods', 'employment', 'other'] as const;
export type AssistanceKind = (typeof ASSISTANCE_KINDS)[number];
export const ASSISTANCE_KIND_LABELS: Record<AssistanceKind, string> = {
  condolence: '慰问金',
  living: '生活救助',
  medical: '医疗救助',
  education: '助学',
  goods: '物资',
  employment: '就业帮扶',
  other: '其他帮扶',
};

/** Money is in fen (分): 100 fen = 1 yuan. Up to a million yuan per figure. */
export const MAX_FEN = 100_000_000;
export const Fen = (label: string) => numberField(label, { min: 0, max: MAX_FEN, int: true });

// The six parts -----------------------------------------------------------------------------------

/** 1. Basic information. The ID number and mobile are encrypted at rest and masked in every answer. */
export const BasicInfoBody = z.strictObject({
  name: PersonName,
  idNumber: IdNumber,
  mobile: MobileNumber,
  occupation: enumField('职业', HARDSHIP_OCCUPATIONS),
  employer: textField('工作单位', { max: 60 }).optional(),
  address: textField('家庭住址', { max: 80 }),
  householdSize: numberField('家庭人口', { min: 1, max: 20, int: true }),
});
/** On edit the full ID number and mobile may be left out: the stored ones stay. */
export const BasicInfoEdit = BasicInfoBody.extend({ idNumber: IdNumber.optional(), mobile: MobileNumber.optional() });

/** 2. The paired helper (结对帮扶责任人). `userId` lets them open the file by scanning the worker's card. */
export const HelperPart = z.strictObject({
  name: textField('帮扶责任人姓名', { max: 30 }),
  phone: Phone,
  organisation: textField('帮扶责任人单位', { max: 40 }).optional(),
  userId: UserId.optional(),
});

/** 3. The cause of hardship: one or more categories and what happened. */
export const CausePart = z.strictObject({
  categories: z
    .array(enumField('致困原因', HARDSHIP_CAUSES), { error: '请选择致困原因' })
    .min(1, { error: '请至少选择一个致困原因' })
    .max(HARDSHIP_CAUSES.length),
  detail: textField('致困情况说明', { max: 300, multiline: true }),
});

/** 4. Household income per month, in fen. */
export const IncomePart = z.strictObject({
  householdMonthlyFen: Fen('家庭月收入'),
  sources: textField('收入来源', { max: 100 }).optional(),
});

/** 5. Housing. */
export const HousingPart = z.strictObject({
  type: enumField('住房情况', HOUSING_TYPES),
  areaSqm: numberField('住房面积', { min: 0, max: 2000 }).optional(),
  note: textField('住房说明', { max: 100, multiline: true }).optional(),
});

/** 6. The plan out of hardship: steps with dates. */
export const PlanStep = z.strictObject({
  text: textField('帮扶措施', { max: 60 }),
  due: IsoDate,
  done: z.boolean().optional().default(false),
});
export const PlanPart = z.strictObject({
  steps: z.array(PlanStep).max(12, { error: '帮扶计划最多 12 条' }),
});

export const FILE_STATUSES = ['applied', 'on_file', 'lifted', 'closed'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];
export const FILE_STATUS_LABELS: Record<FileStatus, string> = {
  applied: '申请审核中',
  on_file: '在档',
  lifted: '已解困',
  closed: '已销档',
};

/** Staff's moves on a file: verify a worker's own application, lift out, close, reopen. */
export const FILE_ACTIONS = ['verify', 'decline', 'lift', 'close', 'reopen'] as const;
export type FileAction = (typeof FILE_ACTIONS)[number];
export const FILE_TRANSITIONS: Record<FileAction, { from: readonly FileStatus[]; to: FileStatus }> = {
  verify: { from: ['applied'], to: 'on_file' },
  decline: { from: ['applied'], to: 'closed' },
  lift: { from: ['on_file'], to: 'lifted' },
  close: { from: ['on_file', 'lifted'], to: 'closed' },
  reopen: { from: ['lifted', 'closed'], to: 'on_file' },
};
export function nextFileStatus(from: FileStatus, action: FileAction): FileStatus | null {
  const t = FILE_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

/** The separate consent for hardship data and the ID number (PIPL arts. 28–30). */
export const HARDSHIP_CONSENT_VERSION = CONSENT_VERSIONS.hardship;
export const HARDSHIP_CONSENT_NOTICE = {
  title: '困难帮扶敏感个人信息处理告知',
  body: [
    '为建立困难职工档案、核实困难情况并开展帮扶，工会需要处理您的身份证号、手机号、家庭住址、收入、住房和致困原因。这些都属于敏感个人信息。',
    '用途：仅用于困难认定、帮扶和微心愿对接；微心愿墙只显示职业和城市（如“环卫工人 · 北海”），不显示姓名、电话和住址。',
    '保护：档案加密保存；只有所在地区的工会工作人员和您的结对帮扶责任人可以查看，每次查看都会被记录。',
    '保存期限：在档期间一直保存；解困或销档后 3 年删除。您可以随时要求查看或更正。',
  ],
} as const;

const partsShape = {
  basic: BasicInfoBody,
  helper: HelperPart.nullable(),
  cause: CausePart,
  income: IncomePart,
  housing: HousingPart,
  plan: PlanPart,
};

const districtField = z
  .string({ error: (issue) => (issue.input === undefined ? '请选择所在地区' : '所在地区格式不正确') })
  .pipe(z.string().regex(/^\d{6}$/, { error: '请选择所在地区（省、市、区县）' }));

/** Staff file a worker (their written consent taken on paper: `consent`). */
export const FileCreateBody = z.strictObject({
  districtCode: districtField,
  ...partsShape,
  consent: z.literal(true, { error: '请确认已取得本人对处理敏感个人信息的书面同意' }),
});
export type FileCreateBody = z.input<typeof FileCreateBody>;

/** The file's version staff read (the edit lock). */
const FileVersion = lockVersion('档案');

/** Staff edit the six parts, naming the version they read. */
export const FileUpdateBody = z.strictObject({
  districtCode: districtField,
  ...partsShape,
  basic: BasicInfoEdit,
  version: FileVersion,
});

/** A worker applies for themselves: the first parts; staff add the helper and the plan when they verify. */
export const HardshipApplyBody = z.strictObject({
  districtCode: districtField,
  basic: BasicInfoBody,
  cause: CausePart,
  income: IncomePart,
  housing: HousingPart,
  consent: z.literal(true, { error: '请阅读并勾选同意《困难帮扶敏感个人信息处理告知》' }),
  consentVersion: consentVersionField('hardship'),
});
export type HardshipApplyBody = z.input<typeof HardshipApplyBody>;

export const FileStatusBody = z
  .strictObject({
    action: enumField('档案操作', FILE_ACTIONS),
    note: textField('说明', { min: 0, max: 200, multiline: true }).optional(),
    version: FileVersion,
  })
  .superRefine((value, ctx) => {
    if ((value.action === 'close' || value.action === 'decline') && !value.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: '请填写销档或不予建档的原因' });
    }
  });

export const AssistanceBody = z.strictObject({
  date: IsoDate,
  kind: enumField('帮扶类型', ASSISTANCE_KINDS),
  amountFen: Fen('金额'),
  note: textField('说明', { max: 100, multiline: true }).optional(),
  version: FileVersion,
});

export const AssistanceRecord = z.object({
  id: z.string(),
  date: IsoDate,
  kind: z.enum(ASSISTANCE_KINDS),
  amountFen: z.number().int(),
  note: z.string().nullable(),
  recordedAt: IsoDateTime,
});
export type AssistanceRecord = z.infer<typeof AssistanceRecord>;

export const FileTimelineEntry = z.object({
  at: IsoDateTime,
  from: z.enum(FILE_STATUSES).nullable(),
  to: z.enum(FILE_STATUSES),
  by: z.enum(['worker', 'staff']),
  note: z.string().optional(),
});
export type FileTimelineEntry = z.infer<typeof FileTimelineEntry>;

export const FileId = z.string().regex(/^hf_[A-Za-z0-9_-]{6,40}$/, { error: '档案编号格式不正确' });
export const FileParams = z.object({ id: FileId });

/** The file as staff (and the paired helper) read it: the ID number and mobile masked, never whole. */
export const HardshipFile = z.object({
  id: z.string(),
  status: z.enum(FILE_STATUSES),
  version: z.number().int(),
  source: z.enum(['staff', 'self']),
  districtCode: DistrictCode,
  regionName: z.string(),
  basic: z.object({
    name: z.string(),
    idNumberMasked: z.string(),
    mobileMasked: z.string(),
    gender: z.enum(['male', 'female']),
    /** Whole years, never the birth date: beside the district it would narrow the ID number (masking.ts). */
    age: z.number().int(),
    occupation: z.enum(HARDSHIP_OCCUPATIONS),
    employer: z.string().nullable(),
    address: z.string(),
    householdSize: z.number().int(),
  }),
  helper: z
    .object({ name: z.string(), phone: z.string(), organisation: z.string().nullable(), userId: z.string().nullable() })
    .nullable(),
  cause: z.object({ categories: z.array(z.enum(HARDSHIP_CAUSES)), detail: z.string() }),
  income: z.object({ householdMonthlyFen: z.number().int(), perCapitaMonthlyFen: z.number().int(), sources: z.string().nullable() }),
  housing: z.object({ type: z.enum(HOUSING_TYPES), areaSqm: z.number().nullable(), note: z.string().nullable() }),
  plan: z.object({ steps: z.array(z.object({ text: z.string(), due: IsoDate, done: z.boolean() })) }),
  assistance: z.array(AssistanceRecord),
  assistanceTotalFen: z.number().int(),
  /** Whether a worker's account is bound to the file (the binding itself stays with staff). */
  bound: z.boolean(),
  card: z.object({ active: z.boolean(), issuedAt: IsoDateTime.nullable() }),
  timeline: z.array(FileTimelineEntry),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  note: z.string().nullable(),
});
export type HardshipFile = z.infer<typeof HardshipFile>;

/** A row of a staff list: nothing sensitive beyond a masked name. */
export const HardshipFileSummary = z.object({
  id: z.string(),
  status: z.enum(FILE_STATUSES),
  nameMasked: z.string(),
  occupation: z.enum(HARDSHIP_OCCUPATIONS),
  districtCode: DistrictCode,
  regionName: z.string(),
  source: z.enum(['staff', 'self']),
  bound: z.boolean(),
  updatedAt: IsoDateTime,
});
export type HardshipFileSummary = z.infer<typeof HardshipFileSummary>;

export const FILE_LIST_FILTERS = [...FILE_STATUSES, 'all'] as const;
export const FileListQuery = z.object({
  regionCode: RegionCode,
  status: enumField('状态', FILE_LIST_FILTERS).optional().default('all'),
  limit: z.coerce.number().int().min(1).max(100).optional().default(30),
  cursor: PageCursor.optional(),
});
export const FileListPage = z.object({ items: z.array(HardshipFileSummary), nextCursor: z.string().nullable() });

export const HARDSHIP_PII_FIELDS = ['idNumber', 'mobile'] as const;
export const HardshipRevealBody = z.strictObject({
  field: enumField('要查看的信息', HARDSHIP_PII_FIELDS),
  purpose: textField('查看原因', { max: 60 }).optional(),
});
export const HardshipRevealed = z.object({ field: z.enum(HARDSHIP_PII_FIELDS), value: z.string() });

/** The card as staff manage it. */
export const CardAdmin = z.object({ active: z.boolean(), issuedAt: IsoDateTime.nullable() });

/**
 * The QR card's content: an opaque, signed token naming only a random token id (no name, no file id).
 * In WeChat the app's own scanner (wx.scanCode) reads it back; the prefix tells it from other codes.
 */
export const CARD_PREFIX = 'YZCARD:';
export const CardScanBody = z.strictObject({
  token: z
    .string({ error: '请扫描困难职工的二维码卡片' })
    .trim()
    .transform((s) => (s.startsWith(CARD_PREFIX) ? s.slice(CARD_PREFIX.length) : s))
    .pipe(
      z
        .string()
        .min(10, { error: '这不是困难职工的二维码卡片' })
        .max(1000, { error: '这不是困难职工的二维码卡片' })
        .regex(/^[\x21-\x7E]+$/, { error: '这不是困难职工的二维码卡片' }),
    ),
});

/** What the worker sees of their own file: its status and the help they received, and the card. */
export const MyHardship = z.object({
  file: z
    .object({
      id: z.string(),
      status: z.enum(FILE_STATUSES),
      source: z.enum(['staff', 'self']),
      regionName: z.string(),
      occupation: z.enum(HARDSHIP_OCCUPATIONS),
      assistance: z.array(AssistanceRecord),
      assistanceTotalFen: z.number().int(),
      note: z.string().nullable(),
      updatedAt: IsoDateTime,
      /** The QR card: the text it carries and a PNG of it (data URL); null while revoked. */
      card: z.object({ content: z.string(), image: z.string() }).nullable(),
    })
    .nullable(),
});
export type MyHardship = z.infer<typeof MyHardship>;

export const HardshipErrorCode = {
  HARDSHIP_FILE_NOT_FOUND: 'HARDSHIP_FILE_NOT_FOUND',
  HARDSHIP_FILE_EXISTS: 'HARDSHIP_FILE_EXISTS',
  ID_NUMBER_UNAVAILABLE: 'ID_NUMBER_UNAVAILABLE',
  FILE_CHANGED: 'FILE_CHANGED',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  CARD_NOT_FOUND: 'CARD_NOT_FOUND',
} as const;
