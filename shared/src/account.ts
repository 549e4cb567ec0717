import { ROLES, type Role } from './access';
import { IsoDateTime, textField, tokenField } from './fields';
import { RegionCode } from './region';
import { StationId } from './station';
import { PageCursor } from './page';
import './zod-config';
import * as z from 'zod';

/** Accounts, sessions, roles and bindings. */

export const UserId = z.string().regex(/^[A-Za-z0-9_-]{3,64}$/, { error: '用户编号格式不正确' });

export const Me = z.object({
  id: UserId,
  roles: z.array(z.enum(ROLES)),
  /** Regions (province, city or district codes) this user is union staff for. */
  staffScopes: z.array(RegionCode),
  /** Stations this user hosts. */
  hostStations: z.array(StationId),
  isAdmin: z.boolean(),
  /** The hardship file (困难职工档案) this account is bound to, if any. */
  hardshipFileId: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type Me = z.infer<typeof Me>;

export const Session = z.object({
  token: z.string(),
  expiresAt: IsoDateTime,
  me: Me,
});
export type Session = z.infer<typeof Session>;

export const WechatLoginBody = z.strictObject({
  code: tokenField('登录凭证 code', 128),
});

/** Demo people for the development login (never available in a deployed stack). */
export const PERSONA_IDS = [
  'worker',
  'member',
  'volunteer',
  'hardship',
  'host',
  'host-other',
  'district-staff',
  'district-staff-other',
  'district-staff-beihai',
  'city-staff',
  'admin',
] as const;
export type PersonaId = (typeof PERSONA_IDS)[number];

export const DevLoginBody = z.strictObject({
  persona: z.enum(PERSONA_IDS, { error: '没有这个演示身份' }),
});

export const Persona = z.object({
  id: z.enum(PERSONA_IDS),
  userId: UserId,
  label: z.string(),
  description: z.string(),
  roles: z.array(z.enum(ROLES)),
  staffScopes: z.array(RegionCode),
  hostStations: z.array(StationId),
});
export type Persona = z.infer<typeof Persona>;

export const PersonaList = z.object({ items: z.array(Persona) });

export const StaffGrantBody = z.strictObject({
  userId: UserId,
  regionCode: RegionCode,
});

export const StaffRevokeParams = z.object({ userId: UserId, regionCode: RegionCode });

export const StaffMember = z.object({ userId: UserId, staffScopes: z.array(RegionCode), grantedAt: IsoDateTime.nullable() });
export const StaffList = z.object({ items: z.array(StaffMember) });

/**
 * One-time codes staff give to a person to bind them to something: a host to a station, a hardship
 * worker to their file (issued by the hardship domain, POST /hardship/files/{id}/binding-code).
 */
export const BINDING_KINDS = ['host', 'hardship'] as const;
export type BindingKind = (typeof BINDING_KINDS)[number];

export const BindingCodeBody = z.strictObject({
  kind: z.enum(['host'], { error: '绑定类型不正确' }),
  stationId: StationId,
});

export const BindingCode = z.object({
  code: z.string(),
  kind: z.enum(BINDING_KINDS),
  targetId: z.string(),
  expiresAt: IsoDateTime,
});
export type BindingCode = z.infer<typeof BindingCode>;

/** Binding codes are 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
export const BINDING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const BindingRedeemBody = z.strictObject({
  code: z
    .string({ error: '请输入绑定码' })
    .trim()
    .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/, { error: '绑定码应为 8 位字母或数字' })),
});

export const HostParams = z.object({ id: StationId, userId: UserId });

/**
 * Host invitations (负责人邀请): staff of the station's region make one from the station's page and show
 * it as a QR code; the host scans it in WeChat and is bound. Single use, expiring, revocable; the table
 * keeps only a hash of the token. The QR carries `YZHOST:` and the token, nothing about the station.
 */
export const HOST_INVITATION_PREFIX = 'YZHOST:';
export const HOST_INVITATION_DAYS = 7;

export const HostInvitation = z.object({
  /** The hash of the token: what staff revoke by; it cannot be redeemed. */
  id: z.string(),
  stationId: StationId,
  /** The QR code's text (HOST_INVITATION_PREFIX + token), shown once, to the staff member who made it. */
  content: z.string(),
  /** The QR code as a PNG data URL. */
  image: z.string(),
  expiresAt: IsoDateTime,
});
export type HostInvitation = z.infer<typeof HostInvitation>;

export const HostInvitationParams = z.object({ id: StationId, invitationId: z.string().regex(/^[0-9a-f]{64}$/, { error: '邀请编号格式不正确' }) });

/** What the host sends: the scanned text (or, in a browser, the pasted one) and how staff should call them. */
export const HostInvitationRedeemBody = z.strictObject({
  content: z
    .string({ error: '请扫描或粘贴邀请二维码' })
    .trim()
    .transform((s) => (s.startsWith(HOST_INVITATION_PREFIX) ? s.slice(HOST_INVITATION_PREFIX.length) : s))
    .pipe(z.string().regex(/^[A-Za-z0-9_-]{32}$/, { error: '这不是驿站负责人邀请二维码，请扫描工会工作人员出示的二维码' })),
  name: textField('您的称呼', { max: 20 }),
});


export const AUDIT_ACTIONS = [
  'staff.grant',
  'staff.revoke',
  'binding.issue',
  'binding.redeem',
  /** Host invitations (负责人邀请二维码): made and revoked by staff; redeeming is a binding.redeem. */
  'host.invite',
  'host.invite.revoke',
  'host.unbind',
  'account.delete',
  'pii.reveal',
  'members.export',
  'hardship.read',
  'hardship.card',
  /** Someone tried to submit an ID number another record holds (membership or hardship). */
  'id.conflict',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntry = z.object({
  id: z.string(),
  at: IsoDateTime,
  actorId: UserId,
  action: z.enum(AUDIT_ACTIONS),
  targetType: z.string(),
  targetId: z.string(),
  /** The region the target belongs to ('00' for national). */
  regionCode: z.string(),
  /** What happened, without personal data. */
  detail: z.record(z.string(), z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  regionCode: RegionCode,
  limit: z.coerce.number().int().min(1).max(100).optional().default(50),
  cursor: PageCursor.optional(),
});
export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

export const MyData = z.object({
  exportedAt: IsoDateTime,
  account: Me,
  sessions: z.array(z.object({ createdAt: IsoDateTime, expiresAt: IsoDateTime })),
  /** Everything else held about the user, by kind, as later features add it. */
  records: z.record(z.string(), z.array(z.unknown())),
});

export const NoContent = z.null();

export function effectiveRoles(flags: { member?: boolean; volunteer?: boolean; hardship?: boolean; staffScopes: string[]; hostStations: string[]; isAdmin: boolean }): Role[] {
  const roles: Role[] = ['worker'];
  if (flags.member) roles.push('member');
  if (flags.volunteer) roles.push('volunteer');
  if (flags.hardship) roles.push('hardship');
  if (flags.hostStations.length > 0) roles.push('host');
  if (flags.staffScopes.length > 0) roles.push('staff');
  if (flags.isAdmin) roles.push('admin');
  return roles;
}

export const AccountErrorCode = {
  WECHAT_CODE_INVALID: 'WECHAT_CODE_INVALID',
  WECHAT_CODE_USED: 'WECHAT_CODE_USED',
  WECHAT_RISKY_USER: 'WECHAT_RISKY_USER',
  USER_NOT_FOUND: 'USER_NOT_FOUND',
  NOT_A_HOST: 'NOT_A_HOST',
  BINDING_CODE_INVALID: 'BINDING_CODE_INVALID',
  BINDING_CODE_USED: 'BINDING_CODE_USED',
  BINDING_CODE_EXPIRED: 'BINDING_CODE_EXPIRED',
  HARDSHIP_FILE_BOUND: 'HARDSHIP_FILE_BOUND',
  HOST_INVITATION_INVALID: 'HOST_INVITATION_INVALID',
  HOST_INVITATION_USED: 'HOST_INVITATION_USED',
  HOST_INVITATION_EXPIRED: 'HOST_INVITATION_EXPIRED',
  HOST_INVITATION_REVOKED: 'HOST_INVITATION_REVOKED',
  HOST_INVITATION_NOT_FOUND: 'HOST_INVITATION_NOT_FOUND',
  ALREADY_HOST: 'ALREADY_HOST',
} as const;
