import { AccountService } from '../../../functions/src/accounts/service';
import { SESSION_TTL_DAYS } from '../../../functions/src/accounts/store-port';
import { HOST_INVITATION_DAYS, HOST_INVITATION_PREFIX, toShanghaiIso, type ProblemReport } from '@yz/shared';
import { AccountsWorld } from '../adapters/account-stores';
import { codeOf, later, NOW, principal } from '../../helpers/service-rules';

/**
 * The rules of accounts on the in-memory stores: one user per openid, sessions, what a binding code and
 * a host invitation may do (once, in time, to the right target), staff scopes, and what deleting an
 * account takes with it. The HTTP and DynamoDB side of the same rules: tests/integration/bindings.test.ts,
 * host-invitations.test.ts, auth-*.test.ts and privacy.test.ts.
 */

const STATION = 'st-duchang01';
const DISTRICT = '360428';
const staff = principal('u_staff', { roles: ['staff'], staffScopes: [DISTRICT] });

function setup() {
  const world = new AccountsWorld();
  world.addStation(STATION, DISTRICT);
  for (const id of ['u_a', 'u_b', 'u_staff']) world.addUser(id);
  const forgotten: string[] = [];
  const unbound: string[] = [];
  const reports: ProblemReport[] = [];
  const service = new AccountService({
    users: world.userStore,
    sessions: world.sessionStore,
    codes: world.codeStore,
    audit: world.trail,
    tokens: { sign: async (claims) => `token:${claims.userId}:${claims.sessionId}` },
    wechat: { code2Session: async (code) => ({ openid: `openid-${code.split('#')[0]}`, sessionKey: 'never-stored' }) },
    stationDistrict: async (id) => world.stations.get(id)?.districtCode ?? null,
    hardship: {
      records: async (fileId, userId) => ({ hardshipFile: fileId && world.hardshipFiles.get(fileId)?.userId === userId ? [{ id: fileId }] : [] }),
      unbind: async (fileId) => {
        if (fileId) unbound.push(fileId);
      },
    },
    reports: {
      list: async (userId) => (userId === 'u_a' ? reports : []),
      forget: async (userId) => {
        forgotten.push(userId);
      },
    },
  });
  return { world, service, forgotten, unbound, reports };
}

describe('login and sessions', () => {
  it('makes one user per openid, however often it logs in, and a session each time', async () => {
    const { world, service } = setup();
    const first = await service.loginWechat('wx1#a', NOW);
    const second = await service.loginWechat('wx1#b', later(5));
    const other = await service.loginWechat('wx2#a', later(6));
    expect(second.me.id).toBe(first.me.id);
    expect(other.me.id).not.toBe(first.me.id);
    expect(await world.sessionStore.listForUser(first.me.id)).toHaveLength(2);
    expect(first.me.roles).toEqual(['worker']);
  });

  it('ends a session SESSION_TTL_DAYS after login, and logout ends only that one', async () => {
    const { world, service } = setup();
    const a = await service.loginWechat('wx1', NOW);
    await service.loginWechat('wx1', later(1));
    expect(Date.parse(a.expiresAt) - NOW.getTime()).toBe(SESSION_TTL_DAYS * 86_400_000);
    const [first, kept] = await world.sessionStore.listForUser(a.me.id);
    await service.logout(principal(a.me.id, { sessionId: first!.id }));
    expect((await world.sessionStore.listForUser(a.me.id)).map((s) => s.id)).toEqual([kept!.id]);
  });
});

describe('host binding codes', () => {
  async function issued(s = setup()) {
    const { code } = await s.service.issueHostCode(staff, STATION, NOW);
    return { ...s, code };
  }

  it('binds the person to the station, on both sides, with the audit entry', async () => {
    const { world, service, code } = await issued();
    const me = await service.redeem(principal('u_a'), code, later(10));
    expect(me.hostStations).toEqual([STATION]);
    expect([...world.stations.get(STATION)!.hostIds]).toEqual(['u_a']);
    expect(world.audit.map((e) => e.action)).toEqual(['binding.issue', 'binding.redeem']);
  });

  it('is used once: the second person is told it was used, and nothing of theirs changes', async () => {
    const { world, service, code } = await issued();
    await service.redeem(principal('u_a'), code, later(10));
    expect(await codeOf(service.redeem(principal('u_b'), code, later(11)))).toBe('BINDING_CODE_USED');
    expect(world.users.get('u_b')!.hostStations).toBeUndefined();
    expect(world.audit).toHaveLength(2);
  });

  it('expires BINDING_CODE_HOURS (72) after it was issued, to the minute', async () => {
    const before = await issued();
    await expect(before.service.redeem(principal('u_a'), before.code, later(72 * 60 - 1))).resolves.toMatchObject({ hostStations: [STATION] });
    const at = await issued();
    expect(await codeOf(at.service.redeem(principal('u_a'), at.code, later(72 * 60)))).toBe('BINDING_CODE_EXPIRED');
  });

  it('is refused when it is unknown, or when its station is gone', async () => {
    const { world, service, code } = await issued();
    expect(await codeOf(service.redeem(principal('u_a'), 'ABCDEFGH', later(1)))).toBe('BINDING_CODE_INVALID');
    world.stations.delete(STATION);
    expect(await codeOf(service.redeem(principal('u_a'), code, later(1)))).toBe('BINDING_CODE_INVALID');
  });

  it('is not issued for a station that does not exist', async () => {
    const { world, service } = setup();
    expect(await codeOf(service.issueHostCode(staff, 'st-nowhere', NOW))).toBe('STATION_NOT_FOUND');
    expect(world.audit).toEqual([]);
  });
});

describe('hardship binding codes', () => {
  async function hardshipCode(fileId: string, s = setup()) {
    const { code } = await s.world.codeStore.issue({ kind: 'hardship', targetId: fileId, regionCode: DISTRICT, issuedBy: 'u_staff' }, { log: s.world.trail, entry: { actorId: 'u_staff', action: 'binding.issue', targetType: 'hardshipFile', targetId: fileId, regionCode: DISTRICT } }, NOW);
    return { ...s, code };
  }

  it('gives the person the hardship role and their file, and the file its account', async () => {
    const s = setup();
    s.world.hardshipFiles.set('hf_1', { status: 'open' });
    const { service, world, code } = await hardshipCode('hf_1', s);
    const me = await service.redeem(principal('u_a'), code, later(1));
    expect(me).toMatchObject({ hardshipFileId: 'hf_1' });
    expect(me.roles).toContain('hardship');
    expect(world.hardshipFiles.get('hf_1')!.userId).toBe('u_a');
  });

  it('is refused for a file bound to another account, and the code stays usable', async () => {
    const s = setup();
    s.world.hardshipFiles.set('hf_1', { status: 'open', userId: 'u_b' });
    const { service, world, code } = await hardshipCode('hf_1', s);
    expect(await codeOf(service.redeem(principal('u_a'), code, later(1)))).toBe('HARDSHIP_FILE_BOUND');
    expect(world.codes.where()[0]!.usedBy).toBeUndefined();
    await expect(service.redeem(principal('u_b'), code, later(2))).resolves.toMatchObject({ hardshipFileId: 'hf_1' });
  });

  it('is refused to an account that already has another file', async () => {
    const s = setup();
    s.world.hardshipFiles.set('hf_2', { status: 'open' });
    s.world.addUser('u_a', { hardship: true, hardshipFileId: 'hf_1' });
    const { service, code } = await hardshipCode('hf_2', s);
    expect(await codeOf(service.redeem(principal('u_a'), code, later(1)))).toBe('HARDSHIP_FILE_EXISTS');
  });

  it('is no good for a closed file', async () => {
    const s = setup();
    s.world.hardshipFiles.set('hf_1', { status: 'closed' });
    const { service, code } = await hardshipCode('hf_1', s);
    expect(await codeOf(service.redeem(principal('u_a'), code, later(1)))).toBe('BINDING_CODE_INVALID');
  });
});

describe('host invitations', () => {
  /** An invitation as the service files it (the QR image is drawn once, in the first test: it is slow). */
  async function invited(s = setup()) {
    const { token, item } = await s.world.codeStore.issueInvitation(
      { stationId: STATION, regionCode: DISTRICT, issuedBy: 'u_staff', hours: HOST_INVITATION_DAYS * 24 },
      { log: s.world.trail, entry: { actorId: 'u_staff', action: 'host.invite', targetType: 'station', targetId: STATION, regionCode: DISTRICT } },
      NOW,
    );
    return { ...s, token, id: item.codeHash };
  }

  it('is shown once as a QR code whose id is the stored hash, and binds the host with the name staff will see', async () => {
    const { world, service } = setup();
    const invitation = await service.createHostInvitation(staff, STATION, NOW);
    const [stored] = world.codes.where();
    expect(stored).toMatchObject({ invitation: true, codeHash: invitation.id, kind: 'host', targetId: STATION });
    expect(invitation.image).toMatch(/^data:image\/png;base64,/);
    expect(Date.parse(invitation.expiresAt) - NOW.getTime()).toBe(HOST_INVITATION_DAYS * 86_400_000);
    const me = await service.redeemHostInvitation(principal('u_a'), invitation.content.slice(HOST_INVITATION_PREFIX.length), '周师傅', later(1));
    expect(me.hostStations).toEqual([STATION]);
    expect(world.users.get('u_a')!.displayName).toBe('周师傅');
    expect(world.audit.map((e) => e.action)).toEqual(['host.invite', 'binding.redeem']);
  });

  it('refuses a person who already hosts the station, and stays usable for the one it was meant for', async () => {
    const { world, service, token } = await invited();
    world.users.update('u_a', (u) => {
      u.hostStations = new Set([STATION]);
    });
    expect(await codeOf(service.redeemHostInvitation(principal('u_a'), token, '老周', later(1)))).toBe('ALREADY_HOST');
    await expect(service.redeemHostInvitation(principal('u_b'), token, '小吴', later(2))).resolves.toMatchObject({ hostStations: [STATION] });
  });

  it('is not a typed code, and a typed code is not an invitation', async () => {
    const { service, token } = await invited();
    expect(await codeOf(service.redeem(principal('u_a'), token, later(1)))).toBe('BINDING_CODE_INVALID');
    const { code } = await service.issueHostCode(staff, STATION, NOW);
    expect(await codeOf(service.redeemHostInvitation(principal('u_a'), code, '周', later(1)))).toBe('HOST_INVITATION_INVALID');
  });

  it('once revoked is refused; revoking twice is fine; a used one cannot be revoked', async () => {
    const { service, token, id } = await invited();
    await service.revokeHostInvitation(staff, STATION, id, later(1));
    await service.revokeHostInvitation(staff, STATION, id, later(2));
    expect(await codeOf(service.redeemHostInvitation(principal('u_a'), token, '周', later(3)))).toBe('HOST_INVITATION_REVOKED');

    const other = await invited();
    await other.service.redeemHostInvitation(principal('u_a'), other.token, '周', later(1));
    expect(await codeOf(other.service.revokeHostInvitation(staff, STATION, other.id, later(2)))).toBe('HOST_INVITATION_USED');
    expect(await codeOf(other.service.redeemHostInvitation(principal('u_b'), other.token, '吴', later(3)))).toBe('HOST_INVITATION_USED');
  });

  it('is only revoked through its own station', async () => {
    const { world, service, id } = await invited();
    world.addStation('st-other', DISTRICT);
    expect(await codeOf(service.revokeHostInvitation(staff, 'st-other', id, later(1)))).toBe('HOST_INVITATION_NOT_FOUND');
  });

  it('expires HOST_INVITATION_DAYS after it was made', async () => {
    const { service, token } = await invited();
    await expect(service.redeemHostInvitation(principal('u_a'), token, '周', later(HOST_INVITATION_DAYS * 24 * 60 - 1))).resolves.toMatchObject({ hostStations: [STATION] });
    const late = await invited();
    expect(await codeOf(late.service.redeemHostInvitation(principal('u_a'), late.token, '周', later(HOST_INVITATION_DAYS * 24 * 60)))).toBe('HOST_INVITATION_EXPIRED');
  });
});

describe('staff scopes and host unbinding', () => {
  it('grants and revokes a scope with its audit entry; the last scope takes the person off the staff list', async () => {
    const { world, service } = setup();
    const admin = principal('u_admin', { isAdmin: true });
    await service.grantStaff(admin, 'u_a', DISTRICT, NOW);
    await service.grantStaff(admin, 'u_a', '3604', NOW);
    expect((await service.listStaff()).items).toEqual([{ userId: 'u_a', staffScopes: ['3604', DISTRICT], grantedAt: toShanghaiIso(NOW) }]);
    await service.revokeStaff(admin, 'u_a', DISTRICT, later(1));
    expect((await service.listStaff()).items.map((s) => s.staffScopes)).toEqual([['3604']]);
    await service.revokeStaff(admin, 'u_a', '3604', later(2));
    expect((await service.listStaff()).items).toEqual([]);
    expect(world.audit.map((e) => e.action)).toEqual(['staff.grant', 'staff.grant', 'staff.revoke', 'staff.revoke']);
  });

  it('refuses an unknown user and records nothing', async () => {
    const { world, service } = setup();
    const admin = principal('u_admin', { isAdmin: true });
    expect(await codeOf(service.grantStaff(admin, 'u_nobody', DISTRICT, NOW))).toBe('USER_NOT_FOUND');
    expect(await codeOf(service.revokeStaff(admin, 'u_nobody', DISTRICT, NOW))).toBe('USER_NOT_FOUND');
    expect(world.audit).toEqual([]);
  });

  it('unbinds a host from both sides; someone who is not a host is refused', async () => {
    const { world, service } = setup();
    const { code } = await service.issueHostCode(staff, STATION, NOW);
    await service.redeem(principal('u_a'), code, later(1));
    expect(await codeOf(service.unbindHost(staff, STATION, 'u_b', later(2)))).toBe('NOT_A_HOST');
    await service.unbindHost(staff, STATION, 'u_a', later(2));
    expect(world.users.get('u_a')!.hostStations).toBeUndefined();
    expect(world.stations.get(STATION)!.hostIds.size).toBe(0);
  });
});

describe('the person’s data', () => {
  it('exports the account, its sessions without ids, its reports and its hardship file', async () => {
    const { world, service, reports } = setup();
    world.hardshipFiles.set('hf_1', { status: 'open', userId: 'u_a' });
    world.addUser('u_a', { hardship: true, hardshipFileId: 'hf_1', displayName: '周师傅' });
    reports.push({ id: 'r1' } as ProblemReport);
    await world.sessionStore.create('u_a', NOW);
    const out = await service.exportData(principal('u_a'), later(1));
    expect(out.account.id).toBe('u_a');
    expect(out.sessions).toEqual([{ createdAt: expect.any(String), expiresAt: expect.any(String) }]);
    expect(out.records).toMatchObject({ problemReports: [{ id: 'r1' }], hostName: ['周师傅'], hardshipFile: [{ id: 'hf_1' }] });
  });

  it('deletes the account: every session, the host bindings, the report links, the file binding; the audit entry keeps only ids', async () => {
    const { world, service, forgotten, unbound } = setup();
    const { code } = await service.issueHostCode(staff, STATION, NOW);
    await service.redeem(principal('u_a'), code, later(1));
    world.users.update('u_a', (u) => {
      u.hardshipFileId = 'hf_1';
    });
    await world.sessionStore.create('u_a', NOW);
    await world.sessionStore.create('u_a', later(1));
    await world.sessionStore.create('u_b', NOW);
    await service.deleteAccount(principal('u_a'), later(2));
    expect(world.users.get('u_a')).toBeNull();
    expect(await world.sessionStore.listForUser('u_a')).toEqual([]);
    expect(await world.sessionStore.listForUser('u_b')).toHaveLength(1);
    expect(world.stations.get(STATION)!.hostIds.size).toBe(0);
    expect(forgotten).toEqual(['u_a']);
    expect(unbound).toEqual(['hf_1']);
    expect(world.audit.at(-1)).toEqual({ actorId: 'u_a', action: 'account.delete', targetType: 'user', targetId: 'u_a', regionCode: '00' });
    expect(await codeOf(service.me(principal('u_a')))).toBe('USER_NOT_FOUND');
  });
});
