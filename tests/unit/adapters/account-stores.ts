import { toShanghaiIso, type AuditEntry } from '@yz/shared';
import {
  BINDING_CODE_HOURS,
  bindingCodeItem,
  hashBindingCode,
  newBindingCode,
  newInvitationToken,
  newOpenidUser,
  newSession,
  redeemRefusal,
  type Audited,
  type AuditTrail,
  type BindingCodeInput,
  type BindingCodeItem,
  type BindingCodeStore,
  type PersonaAccount,
  type RedeemOutcome,
  type SessionStore,
  type UserStore,
} from '../../../functions/src/accounts/store-port';
import type { AuditInput } from '../../../functions/src/platform/audit';
import type { SessionItem } from '../../../functions/src/platform/auth';
import { userKey, type UserItem } from '../../../functions/src/platform/users';
import { MemoryTable } from './memory-table';

/**
 * The accounts ports in memory, for AccountService's rules. One `AccountsWorld` holds what the DynamoDB
 * adapters touch (users and their openids, sessions, binding codes, and of other domains only what a
 * binding changes: a station's host list, a hardship file's owner). Each store checks every condition of
 * the DynamoDB adapter's transaction (functions/src/accounts/store.ts) before it changes anything, and
 * an audit entry lands in `audit` only with the write it records.
 */
export class AccountsWorld {
  readonly users = new MemoryTable<UserItem>();
  readonly openids = new Map<string, string>();
  readonly sessions = new MemoryTable<SessionItem>();
  readonly codes = new MemoryTable<BindingCodeItem>();
  /** Stations by id: their district and who hosts them. */
  readonly stations = new Map<string, { districtCode: string; hostIds: Set<string> }>();
  readonly hardshipFiles = new Map<string, { status: 'open' | 'closed'; userId?: string }>();
  /** Audit entries in the order they were committed. */
  readonly audit: AuditInput[] = [];

  readonly userStore = new InMemoryUserStore(this);
  readonly sessionStore = new InMemorySessionStore(this);
  readonly codeStore = new InMemoryBindingCodeStore(this);

  /** The audit trail the service writes its own entries to (the same list the stores commit to). */
  readonly trail: AuditTrail = {
    record: async (input) => {
      this.audit.push(structuredClone(input));
    },
    list: async () => ({ items: [] as AuditEntry[], nextCursor: null }),
    transactPut: () => {
      throw new Error('the in-memory stores commit audit entries themselves');
    },
  };

  addStation(id: string, districtCode: string): void {
    this.stations.set(id, { districtCode, hostIds: new Set() });
  }

  addUser(id: string, extra: Partial<UserItem> = {}): void {
    this.users.put(id, { ...userKey(id), kind: 'user', id, createdAt: '2026-12-01T10:00:00+08:00', ...extra });
  }

  commitAudit(audit: Audited): void {
    this.audit.push(structuredClone(audit.entry));
  }
}

/** Adds to a string set attribute, or takes away; an emptied set is removed, as DynamoDB does. */
function addTo(row: Record<string, unknown>, attr: string, value: string): void {
  row[attr] = new Set([...((row[attr] as Set<string> | undefined) ?? []), value]);
}
function takeFrom(row: Record<string, unknown>, attr: string, value: string): void {
  const rest = new Set(row[attr] as Set<string> | undefined);
  rest.delete(value);
  if (rest.size === 0) delete row[attr];
  else row[attr] = rest;
}

class InMemoryUserStore implements UserStore {
  constructor(private readonly world: AccountsWorld) {}

  async get(id: string) {
    return this.world.users.get(id);
  }

  async findOrCreateByOpenid(openid: string, now: Date) {
    const linked = this.world.openids.get(openid);
    const user = linked ? this.world.users.get(linked) : null;
    if (user) return user;
    const created = newOpenidUser(openid, now);
    this.world.users.put(created.id, created);
    this.world.openids.set(openid, created.id);
    return created;
  }

  async upsertPersona(p: PersonaAccount, now: Date) {
    if (!this.world.users.has(p.userId)) this.world.addUser(p.userId, { createdAt: toShanghaiIso(now) });
    this.world.users.update(p.userId, (row) => {
      for (const flag of ['isAdmin', 'member', 'volunteer', 'hardship'] as const) if (p[flag]) row[flag] = true;
      for (const scope of p.staffScopes) addTo(row as unknown as Record<string, unknown>, 'staffScopes', scope);
      if (p.staffScopes.length > 0) {
        row.staffFlag = '1';
        row.staffGrantedAt ??= toShanghaiIso(now);
      }
      for (const station of p.hostStations) addTo(row as unknown as Record<string, unknown>, 'hostStations', station);
      if (p.hostStations.length > 0 && p.label) row.displayName ??= p.label;
    });
    for (const station of p.hostStations) this.world.stations.get(station)?.hostIds.add(p.userId);
    return (await this.get(p.userId)) as UserItem;
  }

  async addStaffScope(userId: string, regionCode: string, audit: Audited, now: Date) {
    const done = this.world.users.update(userId, (row) => {
      addTo(row as unknown as Record<string, unknown>, 'staffScopes', regionCode);
      row.staffFlag = '1';
      row.staffGrantedAt ??= toShanghaiIso(now);
    });
    if (done) this.world.commitAudit(audit);
    return done;
  }

  async removeStaffScope(userId: string, regionCode: string, audit: Audited) {
    const done = this.world.users.update(userId, (row) => {
      takeFrom(row as unknown as Record<string, unknown>, 'staffScopes', regionCode);
      if (!row.staffScopes) {
        delete row.staffFlag;
        delete row.staffGrantedAt;
      }
    });
    if (done) this.world.commitAudit(audit);
    return done;
  }

  async removeHostStation(userId: string, stationId: string, audit: Audited) {
    if (!this.world.users.get(userId)?.hostStations?.has(stationId)) return false;
    this.world.users.update(userId, (row) => takeFrom(row as unknown as Record<string, unknown>, 'hostStations', stationId));
    this.world.stations.get(stationId)?.hostIds.delete(userId);
    this.world.commitAudit(audit);
    return true;
  }

  async listStaff() {
    return this.world.users.where((u) => u.staffFlag === '1');
  }

  async delete(user: UserItem) {
    for (const stationId of user.hostStations ?? []) this.world.stations.get(stationId)?.hostIds.delete(user.id);
    this.world.users.delete(user.id);
    if (user.openid) this.world.openids.delete(user.openid);
  }
}

class InMemorySessionStore implements SessionStore {
  constructor(private readonly world: AccountsWorld) {}

  async create(userId: string, now: Date) {
    const session = newSession(userId, now);
    this.world.sessions.put(session.id, session);
    return session;
  }

  async delete(id: string) {
    this.world.sessions.delete(id);
  }

  async listForUser(userId: string) {
    return this.world.sessions.where((s) => s.userId === userId);
  }

  async deleteAllForUser(userId: string) {
    const mine = await this.listForUser(userId);
    for (const s of mine) this.world.sessions.delete(s.id);
    return mine.length;
  }
}

class InMemoryBindingCodeStore implements BindingCodeStore {
  constructor(private readonly world: AccountsWorld) {}

  async issue(input: BindingCodeInput, audit: Audited, now: Date) {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const code = newBindingCode();
      const item = bindingCodeItem(code, input, BINDING_CODE_HOURS, now);
      if (this.insert(item, audit)) return { code, item };
    }
    throw new Error('could not draw an unused binding code');
  }

  async issueInvitation(input: { stationId: string; regionCode: string; issuedBy: string; hours: number }, audit: Audited, now: Date) {
    const token = newInvitationToken();
    const item: BindingCodeItem = { ...bindingCodeItem(token, { kind: 'host', targetId: input.stationId, regionCode: input.regionCode, issuedBy: input.issuedBy }, input.hours, now), invitation: true };
    if (!this.insert(item, audit)) throw new Error('a fresh invitation token collided');
    return { token, item };
  }

  private insert(item: BindingCodeItem, audit: Audited): boolean {
    if (!this.world.codes.insert(item.codeHash, item)) return false;
    this.world.commitAudit({ ...audit, entry: { ...audit.entry, detail: { ...audit.entry.detail, expiresAt: item.expiresAt } } });
    return true;
  }

  async revokeInvitation(codeHash: string, stationId: string, actorId: string, audit: Audited, now: Date) {
    const item = this.world.codes.get(codeHash);
    if (!item || !item.invitation || item.targetId !== stationId) return 'notFound' as const;
    if (item.usedBy) return 'used' as const;
    if (item.revokedAt) return 'revoked' as const;
    this.world.codes.update(codeHash, (row) => {
      row.revokedAt = toShanghaiIso(now);
      row.revokedBy = actorId;
    });
    this.world.commitAudit(audit);
    return 'revoked' as const;
  }

  redeem(code: string, userId: string, audit: (item: BindingCodeItem) => Audited, now: Date) {
    return this.redeemHash(hashBindingCode(code), userId, audit, now, null);
  }

  redeemInvitation(token: string, userId: string, name: string, audit: (item: BindingCodeItem) => Audited, now: Date) {
    return this.redeemHash(hashBindingCode(token), userId, audit, now, { name });
  }

  /** The DynamoDB adapter's transaction: the code's use, the binding's two sides, the audit entry; refused writes in its order. */
  private async redeemHash(codeHash: string, userId: string, audit: (item: BindingCodeItem) => Audited, now: Date, invitation: { name: string } | null): Promise<RedeemOutcome> {
    const item = this.world.codes.get(codeHash);
    const refusal = redeemRefusal(item, invitation !== null, now);
    if (refusal || !item) return { ok: false, reason: refusal ?? 'invalid' };
    const user = this.world.users.get(userId);
    if (item.kind === 'host') {
      const station = this.world.stations.get(item.targetId);
      if (!station) return { ok: false, reason: 'invalid' };
      if (invitation && (!user || user.hostStations?.has(item.targetId))) return { ok: false, reason: 'alreadyHost' };
      if (!user) return { ok: false, reason: 'invalid' };
      this.world.users.update(userId, (row) => {
        addTo(row as unknown as Record<string, unknown>, 'hostStations', item.targetId);
        if (invitation) row.displayName = invitation.name;
      });
      station.hostIds.add(userId);
    } else {
      if (!user || (user.hardshipFileId !== undefined && user.hardshipFileId !== item.targetId)) return { ok: false, reason: 'userBound' };
      const file = this.world.hardshipFiles.get(item.targetId);
      if (!file || file.status === 'closed') return { ok: false, reason: 'invalid' };
      if (file.userId !== undefined && file.userId !== userId) return { ok: false, reason: 'fileBound' };
      this.world.users.update(userId, (row) => {
        row.hardship = true;
        row.hardshipFileId = item.targetId;
      });
      file.userId = userId;
    }
    this.world.codes.update(codeHash, (row) => {
      row.usedBy = userId;
      row.usedAt = toShanghaiIso(now);
    });
    this.world.commitAudit(audit(item));
    return { ok: true, item };
  }
}
