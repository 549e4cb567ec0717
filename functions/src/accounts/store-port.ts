import { createHash, randomBytes, randomInt } from 'node:crypto';
import { BINDING_CODE_ALPHABET, toShanghaiIso, type BindingKind } from '@yz/shared';
import type { AuditInput, AuditLog } from '../platform/audit';
import type { SessionItem } from '../platform/auth';
import { userKey, type UserItem } from '../platform/users';

/**
 * The ports AccountService talks to: users, sessions and binding codes. Two adapters honour them: the
 * DynamoDB stores (store.ts) and the in-memory ones the rules are unit-tested on
 * (tests/unit/adapters/account-stores.ts). What an item looks like when it is made (a session's expiry,
 * a code's hash and purge time) and when a code may be used are decided here, once, for both.
 */

/** The audit trail as a service and its stores use it: an entry written alone, or with the write it records. */
export type AuditTrail = Pick<AuditLog, 'record' | 'list' | 'transactPut'>;

/** An audit entry that commits with the write it records: nothing is written when that write is refused. */
export interface Audited {
  log: Pick<AuditLog, 'transactPut'>;
  entry: AuditInput;
}

/** A demo persona's account (personas.ts): bindings are added, never removed. */
export interface PersonaAccount {
  userId: string;
  staffScopes: string[];
  hostStations: string[];
  label?: string;
  isAdmin?: boolean;
  member?: boolean;
  volunteer?: boolean;
  hardship?: boolean;
}

export interface UserStore {
  get(id: string): Promise<UserItem | null>;
  /** The user for a WeChat openid, created on first sight; two first logins at once make one user. */
  findOrCreateByOpenid(openid: string, now: Date): Promise<UserItem>;
  upsertPersona(p: PersonaAccount, now: Date): Promise<UserItem>;
  /** False when the user does not exist. */
  addStaffScope(userId: string, regionCode: string, audit: Audited, now: Date): Promise<boolean>;
  /** False when the user does not exist; the staff flag goes with the last scope. */
  removeStaffScope(userId: string, regionCode: string, audit: Audited, now: Date): Promise<boolean>;
  /** False when the user does not host that station; the station forgets the host in the same write. */
  removeHostStation(userId: string, stationId: string, audit: Audited, now: Date): Promise<boolean>;
  listStaff(): Promise<UserItem[]>;
  /** Deletes the user and its openid pointer; the stations it hosted forget it. */
  delete(user: UserItem): Promise<void>;
}

export interface SessionStore {
  create(userId: string, now: Date): Promise<SessionItem>;
  delete(id: string): Promise<void>;
  listForUser(userId: string): Promise<SessionItem[]>;
  /** Ends every session of a user at once (account deletion); how many there were. */
  deleteAllForUser(userId: string): Promise<number>;
}

export interface BindingCodeInput {
  kind: BindingKind;
  targetId: string;
  regionCode: string;
  issuedBy: string;
}

export interface BindingCodeStore {
  /** A typed 8-character code, valid BINDING_CODE_HOURS; a code colliding with a live one is drawn again. */
  issue(input: BindingCodeInput, audit: Audited, now: Date): Promise<{ code: string; item: BindingCodeItem }>;
  /** A host invitation: a long random token, valid `hours`. */
  issueInvitation(input: { stationId: string; regionCode: string; issuedBy: string; hours: number }, audit: Audited, now: Date): Promise<{ token: string; item: BindingCodeItem }>;
  /** Revoking one already revoked changes nothing and succeeds; a used one stays used. */
  revokeInvitation(codeHash: string, stationId: string, actorId: string, audit: Audited, now: Date): Promise<'revoked' | 'notFound' | 'used'>;
  /** Uses the code and applies its binding at once: a code is used once, however many type it together. */
  redeem(code: string, userId: string, audit: (item: BindingCodeItem) => Audited, now: Date): Promise<RedeemOutcome>;
  /** The same for a host invitation, with the name staff will see; refused when the person already hosts the station. */
  redeemInvitation(token: string, userId: string, name: string, audit: (item: BindingCodeItem) => Audited, now: Date): Promise<RedeemOutcome>;
}

export function newUserId(): string {
  return `u_${randomBytes(9).toString('base64url')}`;
}

/** The account made for an openid seen for the first time. */
export function newOpenidUser(openid: string, now: Date): UserItem {
  const id = newUserId();
  return { ...userKey(id), kind: 'user', id, openid, createdAt: toShanghaiIso(now) };
}

export const SESSION_TTL_DAYS = 30;

/** A new session of `userId`, expiring SESSION_TTL_DAYS after `now`. */
export function newSession(userId: string, now: Date): SessionItem {
  const expires = new Date(now.getTime() + SESSION_TTL_DAYS * 86_400_000);
  return {
    id: randomBytes(18).toString('base64url'),
    userId,
    createdAt: toShanghaiIso(now),
    expiresAt: toShanghaiIso(expires),
    expiresAtEpoch: Math.floor(expires.getTime() / 1000),
  };
}

export const BINDING_CODE_HOURS = 72;

export interface BindingCodeItem {
  codeHash: string;
  kind: BindingKind;
  targetId: string;
  regionCode: string;
  issuedBy: string;
  issuedAt: string;
  expiresAt: string;
  expiresAtEpoch: number;
  /** Kept a while after expiry so a late attempt is told "expired" rather than "invalid". */
  purgeAtEpoch: number;
  usedBy?: string;
  usedAt?: string;
  /** A host invitation (a QR code's long token) rather than a typed 8-character code. */
  invitation?: true;
  revokedAt?: string;
  revokedBy?: string;
}

export const hashBindingCode = (code: string) => createHash('sha256').update(`yizhan-binding:${code}`).digest('hex');

export function newBindingCode(): string {
  let code = '';
  for (let i = 0; i < 8; i += 1) code += BINDING_CODE_ALPHABET[randomInt(BINDING_CODE_ALPHABET.length)];
  return code;
}

/** A host invitation's token: 24 random bytes, 32 characters in the QR code. */
export const newInvitationToken = (): string => randomBytes(24).toString('base64url');

/** The stored item of a code (or invitation token) valid `hours` from `now`: only its hash is kept. */
export function bindingCodeItem(code: string, input: BindingCodeInput, hours: number, now: Date): BindingCodeItem {
  const expires = new Date(now.getTime() + hours * 3_600_000);
  return {
    codeHash: hashBindingCode(code),
    kind: input.kind,
    targetId: input.targetId,
    regionCode: input.regionCode,
    issuedBy: input.issuedBy,
    issuedAt: toShanghaiIso(now),
    expiresAt: toShanghaiIso(expires),
    expiresAtEpoch: Math.floor(expires.getTime() / 1000),
    purgeAtEpoch: Math.floor(expires.getTime() / 1000) + 30 * 86_400,
  };
}

export type RedeemOutcome =
  | { ok: true; item: BindingCodeItem }
  | { ok: false; reason: 'invalid' | 'used' | 'expired' | 'revoked' | 'alreadyHost' | 'fileBound' | 'userBound' };

/**
 * Why a code as read cannot be used, before anything is written; null when it may be tried. A typed
 * code never opens an invitation, nor a scanned token a typed code.
 */
export function redeemRefusal(item: BindingCodeItem | null, asInvitation: boolean, now: Date): Extract<RedeemOutcome, { ok: false }>['reason'] | null {
  if (!item || asInvitation !== (item.invitation === true)) return 'invalid';
  if (item.usedBy) return 'used';
  if (item.revokedAt) return 'revoked';
  if (item.expiresAtEpoch <= Math.floor(now.getTime() / 1000)) return 'expired';
  return null;
}
