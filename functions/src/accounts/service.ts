import QRCode from 'qrcode';
import { HOST_INVITATION_DAYS, HOST_INVITATION_PREFIX, toShanghaiIso, type AuditEntry, type BindingCode, type HostInvitation, type Me, type PersonaId, type Session } from '@yz/shared';
import { AppError, notFound } from '../platform/errors';
import type { SessionTokens } from '../platform/tokens';
import { meOf, type Principal, type UserItem } from '../platform/users';
import type { WechatClient } from '../platform/wechat';
import type { ReporterRecords } from '../activity/ports';
import { personaById, PERSONAS } from './personas';
import type { AuditTrail, BindingCodeStore, SessionStore, UserStore } from './store-port';

/** A worker's hardship file as far as their account goes (hardship domain): in the export, let go on deletion. */
export interface HardshipFileOfAccount {
  records(fileId: string | undefined, userId: string): Promise<Record<string, unknown[]>>;
  unbind(fileId: string | undefined, userId: string): Promise<void>;
}

/** Accounts: who someone is (login, sessions), what they may do (roles, bindings), and their data. */
export class AccountService {
  constructor(
    private readonly deps: {
      users: UserStore;
      sessions: SessionStore;
      codes: BindingCodeStore;
      audit: AuditTrail;
      tokens: Pick<SessionTokens, 'sign'>;
      wechat: Pick<WechatClient, 'code2Session'>;
      /** A station's district code, null when there is no such station: where host codes and invitations are filed. */
      stationDistrict: (stationId: string) => Promise<string | null>;
      hardship: HardshipFileOfAccount;
      /** Other features' records of a person, by kind, for the data export (PIPL's right to a copy). */
      records?: (userId: string, now: Date) => Promise<Record<string, unknown[]>>;
      /** Other features' personal data of a person, deleted with the account (the volunteer registration). */
      forget?: (userId: string, now: Date) => Promise<void>;
      /** The person's problem reports about stations (activity domain). */
      reports: ReporterRecords;
    },
  ) {}

  private async startSession(user: UserItem, now: Date): Promise<Session> {
    const session = await this.deps.sessions.create(user.id, now);
    const token = await this.deps.tokens.sign({ userId: user.id, sessionId: session.id, expiresAt: new Date(session.expiresAt) });
    return { token, expiresAt: session.expiresAt, me: meOf(user) };
  }

  async loginWechat(code: string, now: Date): Promise<Session> {
    // The session_key stays here: it is used for nothing yet and is never stored or returned.
    const { openid } = await this.deps.wechat.code2Session(code);
    const user = await this.deps.users.findOrCreateByOpenid(openid, now);
    return this.startSession(user, now);
  }

  async loginDev(persona: PersonaId, now: Date): Promise<Session> {
    const p = personaById(persona);
    const user = await this.deps.users.upsertPersona(p.seed, now);
    return this.startSession(user, now);
  }

  personas() {
    return { items: PERSONAS.map(({ seed: _seed, ...persona }) => persona) };
  }

  async logout(principal: Principal): Promise<null> {
    await this.deps.sessions.delete(principal.sessionId);
    return null;
  }

  private async requireUser(id: string): Promise<UserItem> {
    const user = await this.deps.users.get(id);
    if (!user) throw notFound('USER_NOT_FOUND', '没有找到这个用户');
    return user;
  }

  async me(principal: Principal): Promise<Me> {
    return meOf(await this.requireUser(principal.userId));
  }

  /** Everything held about the user (PIPL: the right to a copy). Later domains add their records here. */
  async exportData(principal: Principal, now: Date) {
    const user = await this.requireUser(principal.userId);
    const sessions = await this.deps.sessions.listForUser(user.id);
    return {
      exportedAt: toShanghaiIso(now),
      account: meOf(user),
      sessions: sessions.map((s) => ({ createdAt: s.createdAt, expiresAt: s.expiresAt })),
      records: {
        ...(this.deps.records ? await this.deps.records(user.id, now) : {}),
        problemReports: await this.deps.reports.list(user.id),
        // The name given when accepting a host invitation: what staff see beside the station.
        hostName: user.displayName ? [user.displayName] : [],
        ...(await this.deps.hardship.records(user.hardshipFileId, user.id)),
      },
    };
  }

  /** Deletes the account and its personal data, and ends every session. The audit entry keeps only ids. */
  async deleteAccount(principal: Principal, now: Date): Promise<null> {
    const user = await this.requireUser(principal.userId);
    await this.deps.sessions.deleteAllForUser(user.id);
    // Reports stay (they are about stations), without the link to who sent them. The "last counted
    // visit" markers name the person too; they expire on their own within the 4-hour window.
    await this.deps.reports.forget(user.id);
    // A hardship file stays with the union, unbound from the deleted account.
    await this.deps.hardship.unbind(user.hardshipFileId, user.id);
    await this.deps.forget?.(user.id, now);
    await this.deps.users.delete(user);
    await this.deps.audit.record(
      { actorId: user.id, action: 'account.delete', targetType: 'user', targetId: user.id, regionCode: '00' },
      now,
    );
    return null;
  }

  async listStaff() {
    const staff = await this.deps.users.listStaff();
    return {
      items: staff.map((u) => ({ userId: u.id, staffScopes: [...(u.staffScopes ?? [])].sort(), grantedAt: u.staffGrantedAt ?? null })),
    };
  }

  async grantStaff(actor: Principal, userId: string, regionCode: string, now: Date) {
    const ok = await this.deps.users.addStaffScope(
      userId,
      regionCode,
      { log: this.deps.audit, entry: { actorId: actor.userId, action: 'staff.grant', targetType: 'user', targetId: userId, regionCode, detail: { scope: regionCode } } },
      now,
    );
    if (!ok) throw notFound('USER_NOT_FOUND', '没有找到这个用户，请核对用户编号');
    const user = await this.requireUser(userId);
    return { userId, staffScopes: [...(user.staffScopes ?? [])].sort(), grantedAt: user.staffGrantedAt ?? null };
  }

  async revokeStaff(actor: Principal, userId: string, regionCode: string, now: Date): Promise<null> {
    const ok = await this.deps.users.removeStaffScope(
      userId,
      regionCode,
      { log: this.deps.audit, entry: { actorId: actor.userId, action: 'staff.revoke', targetType: 'user', targetId: userId, regionCode, detail: { scope: regionCode } } },
      now,
    );
    if (!ok) throw notFound('USER_NOT_FOUND', '没有找到这个用户，请核对用户编号');
    return null;
  }

  private async stationDistrict(stationId: string): Promise<string> {
    const district = await this.deps.stationDistrict(stationId);
    if (district === null) throw notFound('STATION_NOT_FOUND', '没有找到这个驿站');
    return district;
  }

  async issueHostCode(actor: Principal, stationId: string, now: Date): Promise<BindingCode> {
    const regionCode = await this.stationDistrict(stationId);
    const { code, item } = await this.deps.codes.issue(
      { kind: 'host', targetId: stationId, regionCode, issuedBy: actor.userId },
      { log: this.deps.audit, entry: { actorId: actor.userId, action: 'binding.issue', targetType: 'station', targetId: stationId, regionCode, detail: { kind: 'host' } } },
      now,
    );
    return { code, kind: 'host', targetId: stationId, expiresAt: item.expiresAt };
  }

  async redeem(principal: Principal, code: string, now: Date): Promise<Me> {
    const outcome = await this.deps.codes.redeem(
      code,
      principal.userId,
      (item) => ({
        log: this.deps.audit,
        entry: {
          actorId: principal.userId,
          action: 'binding.redeem',
          targetType: item.kind === 'host' ? 'station' : 'hardshipFile',
          targetId: item.targetId,
          regionCode: item.regionCode,
          detail: { kind: item.kind, issuedBy: item.issuedBy },
        },
      }),
      now,
    );
    if (!outcome.ok) {
      if (outcome.reason === 'used') throw new AppError(409, 'BINDING_CODE_USED', '这个绑定码已经用过了，请向工会工作人员重新申请');
      if (outcome.reason === 'expired') throw new AppError(410, 'BINDING_CODE_EXPIRED', '这个绑定码已过期，请向工会工作人员重新申请');
      if (outcome.reason === 'fileBound') throw new AppError(409, 'HARDSHIP_FILE_BOUND', '这份档案已绑定其他微信账号，如需更换请联系工会工作人员');
      if (outcome.reason === 'userBound') throw new AppError(409, 'HARDSHIP_FILE_EXISTS', '您的账号已绑定另一份困难职工档案，如有疑问请联系工会工作人员');
      throw new AppError(400, 'BINDING_CODE_INVALID', '绑定码不正确，请核对后重新输入', { field: 'code' });
    }
    return this.me(principal);
  }

  /**
   * A host invitation for a station, shown once as a QR code to the staff member who made it. The
   * table keeps only the token's hash, which is also the id staff revoke it by.
   */
  async createHostInvitation(actor: Principal, stationId: string, now: Date): Promise<HostInvitation> {
    const regionCode = await this.stationDistrict(stationId);
    const { token, item } = await this.deps.codes.issueInvitation(
      { stationId, regionCode, issuedBy: actor.userId, hours: HOST_INVITATION_DAYS * 24 },
      { log: this.deps.audit, entry: { actorId: actor.userId, action: 'host.invite', targetType: 'station', targetId: stationId, regionCode, detail: { kind: 'host' } } },
      now,
    );
    const content = `${HOST_INVITATION_PREFIX}${token}`;
    const image = await QRCode.toDataURL(content, { errorCorrectionLevel: 'M', margin: 2, width: 480 });
    return { id: item.codeHash, stationId, content, image, expiresAt: item.expiresAt };
  }

  async revokeHostInvitation(actor: Principal, stationId: string, invitationId: string, now: Date): Promise<null> {
    const regionCode = await this.stationDistrict(stationId);
    const outcome = await this.deps.codes.revokeInvitation(
      invitationId,
      stationId,
      actor.userId,
      { log: this.deps.audit, entry: { actorId: actor.userId, action: 'host.invite.revoke', targetType: 'station', targetId: stationId, regionCode, detail: { invitation: invitationId.slice(0, 12) } } },
      now,
    );
    if (outcome === 'notFound') throw notFound('HOST_INVITATION_NOT_FOUND', '没有找到这个驿站的这份邀请');
    if (outcome === 'used') throw new AppError(409, 'HOST_INVITATION_USED', '这份邀请已经有人使用，如需解除请在负责人名单中解除绑定');
    return null;
  }

  /** The host scanned an invitation: bound to its station, with the name staff will see, in one transaction. */
  async redeemHostInvitation(principal: Principal, token: string, name: string, now: Date): Promise<Me> {
    const outcome = await this.deps.codes.redeemInvitation(
      token,
      principal.userId,
      name,
      (item) => ({
        log: this.deps.audit,
        entry: {
          actorId: principal.userId,
          action: 'binding.redeem',
          targetType: 'station',
          targetId: item.targetId,
          regionCode: item.regionCode,
          detail: { kind: 'host', via: 'invitation', issuedBy: item.issuedBy },
        },
      }),
      now,
    );
    if (!outcome.ok) {
      if (outcome.reason === 'used') throw new AppError(409, 'HOST_INVITATION_USED', '这份邀请已经用过了，请向工会工作人员重新要一个二维码');
      if (outcome.reason === 'expired') throw new AppError(410, 'HOST_INVITATION_EXPIRED', '这份邀请已过期，请向工会工作人员重新要一个二维码');
      if (outcome.reason === 'revoked') throw new AppError(410, 'HOST_INVITATION_REVOKED', '这份邀请已被工会工作人员作废，请向他们重新要一个二维码');
      if (outcome.reason === 'alreadyHost') throw new AppError(409, 'ALREADY_HOST', '您已经是这个驿站的负责人了，不用再扫码');
      throw new AppError(400, 'HOST_INVITATION_INVALID', '这个二维码不是有效的驿站负责人邀请，请扫描工会工作人员出示的二维码', { field: 'content' });
    }
    return this.me(principal);
  }

  async unbindHost(actor: Principal, stationId: string, userId: string, now: Date): Promise<null> {
    const regionCode = await this.stationDistrict(stationId);
    const ok = await this.deps.users.removeHostStation(
      userId,
      stationId,
      { log: this.deps.audit, entry: { actorId: actor.userId, action: 'host.unbind', targetType: 'station', targetId: stationId, regionCode, detail: { host: userId } } },
      now,
    );
    if (!ok) throw notFound('NOT_A_HOST', '这个用户不是该驿站的负责人');
    return null;
  }

  listAudit(regionCode: string, limit: number, cursor?: string): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
    return this.deps.audit.list(regionCode, limit, cursor);
  }
}
