import { randomBytes } from 'node:crypto';
import {
  APPLICATION_STATUS_LABELS,
  checkIdNumber,
  contract,
  maskIdNumber,
  maskMobile,
  maskName,
  nextStatus,
  OCCUPATION_LABELS,
  personFacts,
  shanghaiDate,
  toShanghaiIso,
  type Application,
  type ApplicationAction,
  type ApplicationStatus,
  type EmploymentType,
  type MemberCard,
  type MemberPass,
  type MyMembership,
  type Occupation,
  type TimelineEntry,
} from '@yz/shared';
import { decide, type Resolver } from '../platform/access';
import type { AuditLog } from '../platform/audit';
import { recordReveal } from '../platform/reveal';
import { csvText } from '../platform/csv';
import type { PiiCipher } from '../platform/crypto';
import { AppError, badRequest, conflict, forbidden, notFound } from '../platform/errors';
import type { IdConflictGuard } from '../platform/id-conflicts';
import { refusedAt } from '../platform/transaction';
import { districtPath, regionChildren, regionFullName } from '../platform/regions';
import { WECHAT_SUBSCRIBE, type SubscriptionGrants, type WechatSubscribePayload } from '../platform/subscriptions';
import type { Principal } from '../platform/users';
import type { MemberPassSigner } from './member-pass';
import { statusKeyOf, type ApplicationItem, type MemberItem, type MembershipStore, type MembershipWrite, type QueueFilter } from './store-port';

/** The rules of joining the union: who may apply, the one-open-application rule, the review, the card. */

export interface ApplicationInput {
  name: string;
  mobile: string;
  idNumber: string;
  occupation: Occupation;
  employmentType: EmploymentType;
  employer?: string;
  districtCode: string;
  consent: true;
  consentVersion: string;
}

export interface MembershipDeps {
  store: MembershipStore;
  cipher: PiiCipher;
  audit: Pick<AuditLog, 'record'>;
  /** Says "unavailable" alike for every other holder of an ID number, counts and audits it. */
  idConflicts: Pick<IdConflictGuard, 'admit' | 'refuse'>;
  grants: Pick<SubscriptionGrants, 'add' | 'counts'>;
  resolveApplication: Resolver;
  templates: { membershipResult: string };
  passes: Pick<MemberPassSigner, 'issue'>;
}

const piiContext = (applicationId: string) => ({ purpose: 'membership-application', applicationId });

const ACTION_WORDS: Record<ApplicationAction, string> = { approve: '批准', reject: '不予通过', return: '退回修改', resubmit: '重新提交', withdraw: '撤回' };

function transitionRefused(current: ApplicationStatus, action: ApplicationAction, version: number): AppError {
  return conflict('INVALID_TRANSITION', `这份申请${APPLICATION_STATUS_LABELS[current]}，不能再${ACTION_WORDS[action]}`, {
    current: { status: current, version },
  });
}

function changed(app: ApplicationItem): AppError {
  return conflict('APPLICATION_CHANGED', `这份申请刚刚有了变化（现在${APPLICATION_STATUS_LABELS[app.status]}），请刷新后再操作`, {
    current: { status: app.status, version: app.version },
  });
}

/** Subscribe-message template fields: short words only (WeChat caps thing at 20, phrase at 5 characters). */
function resultMessage(status: ApplicationStatus, note: string | undefined, at: Date): Record<string, string> {
  const phrase = status === 'approved' ? '已通过' : status === 'rejected' ? '未通过' : '待修改';
  const remark =
    status === 'approved' ? '欢迎加入工会，点击查看电子会员证' : status === 'returned' ? '请按提示修改后重新提交' : '点击查看原因';
  return {
    thing1: '工会入会申请',
    phrase2: phrase,
    time3: toShanghaiIso(at).slice(0, 16).replace('T', ' '),
    thing4: (note && status !== 'approved' ? note : remark).slice(0, 20),
  };
}

export class MembershipService {
  constructor(private readonly deps: MembershipDeps) {}

  view(app: ApplicationItem, now: Date = new Date()): Application {
    return {
      id: app.id,
      userId: app.userId,
      status: app.status,
      version: app.version,
      name: app.name,
      idNumberMasked: maskIdNumber(app.idMasked),
      mobileMasked: app.mobileMasked,
      ...personFacts(app.birthDate, app.gender, shanghaiDate(now)),
      occupation: app.occupation,
      employmentType: app.employmentType,
      employer: app.employer ?? null,
      districtCode: app.districtCode,
      regionName: regionFullName(app.districtCode),
      submittedAt: app.submittedAt,
      updatedAt: app.updatedAt,
      memberNo: app.memberNo ?? null,
      joinDate: app.joinDate ?? null,
      note: app.note ?? null,
      timeline: app.timeline,
    };
  }

  card(member: MemberItem): MemberCard {
    return {
      memberNo: member.memberNo,
      name: member.name,
      unionName: member.unionName,
      joinDate: member.joinDate,
      districtCode: member.districtCode,
      regionName: regionFullName(member.districtCode),
      occupation: member.occupation,
    };
  }

  /** The checks the body schema cannot make: the age on the request's date, a real district. */
  private async prepare(input: ApplicationInput, applicationId: string, now: Date) {
    const id = checkIdNumber(input.idNumber, shanghaiDate(now));
    if (!id.ok) throw badRequest('INVALID_PARAMETER', id.message, { field: 'idNumber' });
    const path = districtPath(input.districtCode);
    if (!path) throw badRequest('INVALID_PARAMETER', '工作地区不是有效的区县，请重新选择省、市、区县', { field: 'districtCode' });
    const pii = await this.deps.cipher.encrypt(JSON.stringify({ idNumber: id.facts.value, mobile: input.mobile }), piiContext(applicationId));
    return {
      facts: id.facts,
      idHash: await this.deps.cipher.hash(id.facts.value),
      fields: {
        name: input.name,
        gender: id.facts.gender,
        birthDate: id.facts.birthDate,
        occupation: input.occupation,
        employmentType: input.employmentType,
        ...(input.employmentType === 'employed' && input.employer ? { employer: input.employer } : {}),
        districtCode: path.district.code,
        cityCode: input.districtCode.slice(0, 4),
        provinceCode: input.districtCode.slice(0, 2),
        idMasked: maskIdNumber(id.facts.value),
        mobileMasked: maskMobile(input.mobile),
        pii,
        consentVersion: input.consentVersion,
        consentAt: toShanghaiIso(now),
      },
    };
  }

  /**
   * Someone already holds this ID number. The applicant's own member record or open application is
   * named plainly; anyone else's, member or applicant, gets the one neutral refusal (platform/id-conflicts.ts).
   */
  private async claimConflict(idHash: string, principal: Principal, now: Date, knownOld?: Record<string, unknown>): Promise<AppError> {
    const claim = knownOld ?? (await this.deps.store.getClaim(idHash));
    const holderId = claim?.applicationId === undefined ? undefined : String(claim.applicationId);
    if (claim && claim.userId === principal.userId) {
      if (claim.state === 'member') return conflict('ALREADY_MEMBER', '您已经是工会会员，无需重复申请');
      return conflict('APPLICATION_EXISTS', '您已经提交过入会申请，正在审核中，请勿重复提交', holderId ? { applicationId: holderId } : {});
    }
    const holder = holderId ? await this.deps.store.getApplication(holderId) : null;
    return this.deps.idConflicts.refuse(
      { actorId: principal.userId, idHash, domain: 'membership', holderType: 'application', holderId: holderId ?? 'unknown', regionCode: holder?.districtCode ?? '00' },
      now,
    );
  }

  async submit(principal: Principal, input: ApplicationInput, now: Date): Promise<Application> {
    if (await this.deps.store.isMemberFlagged(principal.userId)) throw conflict('ALREADY_MEMBER', '您已经是工会会员，无需重复申请');
    const id = `ma_${randomBytes(12).toString('base64url')}`;
    const prepared = await this.prepare(input, id, now);
    await this.deps.idConflicts.admit(principal.userId, now);
    const at = toShanghaiIso(now);
    const entry: TimelineEntry = { at, from: null, to: 'submitted', by: 'applicant', actorId: principal.userId };
    const item: ApplicationItem = {
      id,
      userId: principal.userId,
      status: 'submitted',
      version: 1,
      ...prepared.fields,
      statusKey: statusKeyOf('submitted', now, id),
      idHash: prepared.idHash,
      submittedAt: at,
      updatedAt: at,
      timeline: [entry],
    };
    try {
      // The claim and the application commit together: of two submissions of one ID number, one wins.
      await this.deps.store.commit([
        { kind: 'claimPut', claim: { idHash: prepared.idHash, applicationId: id, userId: principal.userId, state: 'open', updatedAt: at } },
        { kind: 'applicationPut', item },
      ]);
    } catch (error) {
      const failed = refusedAt(error);
      if (failed?.index === 0) throw await this.claimConflict(prepared.idHash, principal, now, failed.item);
      throw error;
    }
    return this.view(item);
  }

  async mine(principal: Principal): Promise<MyMembership> {
    const [apps, member] = await Promise.all([this.deps.store.listByUser(principal.userId), this.deps.store.getMember(principal.userId)]);
    return {
      applications: apps.map((a) => this.view(a)),
      card: member ? this.card(member) : null,
      subscribeTemplateIds: [this.deps.templates.membershipResult],
    };
  }

  /** The card's rotating code: the member number and the masked name, signed, valid two minutes. */
  async pass(principal: Principal, now: Date): Promise<MemberPass> {
    const member = await this.deps.store.getMember(principal.userId);
    if (!member) throw notFound('NOT_A_MEMBER', '入会审核通过后才有会员码');
    return this.deps.passes.issue({ memberNo: member.memberNo, maskedName: maskName(member.name) }, now);
  }

  private async load(id: string): Promise<ApplicationItem> {
    const app = await this.deps.store.getApplication(id);
    if (!app) throw notFound('APPLICATION_NOT_FOUND', '没有找到这份入会申请');
    return app;
  }

  async get(id: string): Promise<Application> {
    return this.view(await this.load(id));
  }

  /** After a refused conditional write: say what the application is now. */
  private async explain(id: string, action: ApplicationAction): Promise<AppError> {
    const now = await this.load(id);
    return nextStatus(now.status, action) ? changed(now) : transitionRefused(now.status, action, now.version);
  }

  async resubmit(principal: Principal, id: string, input: ApplicationInput, expectedVersion: number, now: Date): Promise<Application> {
    const app = await this.load(id);
    if (app.userId !== principal.userId) throw forbidden();
    if (!nextStatus(app.status, 'resubmit')) throw transitionRefused(app.status, 'resubmit', app.version);
    if (expectedVersion !== app.version) throw changed(app);
    const prepared = await this.prepare(input, id, now);
    if (prepared.idHash !== app.idHash) await this.deps.idConflicts.admit(principal.userId, now);
    const at = toShanghaiIso(now);
    const entry: TimelineEntry = { at, from: app.status, to: 'submitted', by: 'applicant', actorId: principal.userId };
    const items: MembershipWrite[] = [
      {
        kind: 'transition',
        app,
        to: 'submitted',
        entry,
        now,
        set: { ...prepared.fields, idHash: prepared.idHash },
        remove: [...(prepared.fields.employer ? [] : ['employer']), 'note'],
      },
    ];
    const newId = prepared.idHash !== app.idHash;
    if (newId) {
      // A corrected ID number moves the claim: the old one is released, the new one must be free.
      items.push({ kind: 'claimDelete', idHash: app.idHash, applicationId: id });
      items.push({ kind: 'claimPut', claim: { idHash: prepared.idHash, applicationId: id, userId: principal.userId, state: 'open', updatedAt: at } });
    }
    try {
      await this.deps.store.commit(items);
    } catch (error) {
      const failed = refusedAt(error);
      if (failed?.index === 0) throw await this.explain(id, 'resubmit');
      if (failed?.index === 2) throw await this.claimConflict(prepared.idHash, principal, now, failed.item);
      throw error;
    }
    return this.get(id);
  }

  async decide(actor: Principal, id: string, action: 'approve' | 'reject' | 'return', note: string | undefined, expectedVersion: number, now: Date): Promise<Application> {
    const app = await this.load(id);
    const to = nextStatus(app.status, action);
    if (!to) throw transitionRefused(app.status, action, app.version);
    if (expectedVersion !== app.version) throw changed(app);
    const at = toShanghaiIso(now);
    const entry: TimelineEntry = { at, from: app.status, to, by: 'staff', actorId: actor.userId, ...(note ? { note } : {}) };
    const notify: MembershipWrite = {
      kind: 'notify',
      message: {
        kind: WECHAT_SUBSCRIBE,
        payload: {
          userId: app.userId,
          templateId: this.deps.templates.membershipResult,
          page: `pkg-member/status/index?id=${app.id}`,
          data: resultMessage(to, note, now),
        } satisfies WechatSubscribePayload,
        now,
      },
    };
    const store = this.deps.store;
    if (action === 'approve') {
      const path = districtPath(app.districtCode);
      const year = at.slice(0, 4);
      const seq = await store.nextMemberSeq(app.districtCode, year);
      const memberNo = `${app.districtCode}${year}${String(seq).padStart(6, '0')}`;
      const joinDate = at.slice(0, 10);
      const member: MemberItem = {
        pk: `member#${app.userId}`,
        kind: 'member',
        userId: app.userId,
        memberNo,
        name: app.name,
        gender: app.gender,
        birthDate: app.birthDate,
        occupation: app.occupation,
        ...(app.employer ? { employer: app.employer } : {}),
        districtCode: app.districtCode,
        cityCode: app.cityCode,
        provinceCode: app.provinceCode,
        joinDate,
        unionName: `${path?.district.name ?? ''}总工会`,
        applicationId: app.id,
        idMasked: app.idMasked,
        mobileMasked: app.mobileMasked,
        pii: app.pii,
      };
      try {
        await store.commit([
          { kind: 'transition', app, to, entry, now, set: { memberNo, joinDate }, remove: ['note'] },
          { kind: 'claimBecomesMember', idHash: app.idHash, applicationId: app.id, at },
          { kind: 'memberPut', member },
          { kind: 'userBecomesMember', userId: app.userId },
          notify,
        ]);
      } catch (error) {
        const failed = refusedAt(error);
        if (failed?.index === 0) throw await this.explain(id, action);
        if (failed?.index === 2) throw conflict('ALREADY_MEMBER', '申请人已经是会员，这份申请无需再批准');
        if (failed?.index === 3) throw conflict('APPLICANT_GONE', '申请人已注销账号，无法批准');
        throw error;
      }
    } else {
      try {
        await store.commit([
          { kind: 'transition', app, to, entry, now, set: { note: note ?? '' } },
          // A rejection ends the application and frees the ID number for a new one.
          ...(action === 'reject' ? [{ kind: 'claimDelete', idHash: app.idHash, applicationId: app.id } as const] : []),
          notify,
        ]);
      } catch (error) {
        if (refusedAt(error)?.index === 0) throw await this.explain(id, action);
        throw error;
      }
    }
    return this.get(id);
  }

  /** Approves each in turn; each item is checked for the actor's region and its state on its own. */
  async batchApprove(actor: Principal, items: { id: string; expectedVersion: number }[], now: Date) {
    const access = contract.decideApplication.access;
    const results = [];
    for (const item of items) {
      try {
        const facts = await this.deps.resolveApplication(item.id);
        if (!facts) throw notFound('APPLICATION_NOT_FOUND', '没有找到这份入会申请');
        if (decide(access, actor, facts) !== 'allow') throw forbidden('这份申请不在您负责的地区');
        const done = await this.decide(actor, item.id, 'approve', undefined, item.expectedVersion, now);
        results.push({ id: item.id, ok: true, status: done.status, ...(done.memberNo ? { memberNo: done.memberNo } : {}) });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const current = (error.extra as { current?: { status?: ApplicationStatus } }).current;
        results.push({ id: item.id, ok: false, code: error.code, message: error.message, ...(current?.status ? { status: current.status } : {}) });
      }
    }
    const approved = results.filter((r) => r.ok).length;
    return { results, approved, failed: results.length - approved };
  }

  /** The full ID number or mobile for staff: audited before it is returned, or not returned at all. */
  async reveal(actor: Principal, id: string, field: 'idNumber' | 'mobile', purpose: string | undefined, now: Date) {
    const app = await this.load(id);
    const plain = JSON.parse(await this.deps.cipher.decrypt(app.pii, piiContext(app.id))) as { idNumber: string; mobile: string };
    await recordReveal(this.deps.audit, actor.userId, { type: 'application', id: app.id, regionCode: app.districtCode, detail: { field, ...(purpose ? { purpose } : {}) } }, now);
    return { field, value: plain[field] };
  }

  async queue(filter: QueueFilter) {
    const page = await this.deps.store.queue(filter);
    return { items: page.items.map((a) => this.view(a)), nextCursor: page.nextCursor };
  }

  /**
   * The region's member roll as CSV (UTF-8 with BOM, for Excel); full numbers only when asked, audited
   * once. The age, not the birth date: beside the district a birth date would give the masked number away
   * (masking.ts); a revealed export has the whole number anyway.
   */
  async exportMembers(actor: Principal, regionCode: string, reveal: boolean, now: Date) {
    const members = (await this.deps.store.listMembers(regionCode)).sort((a, b) => a.memberNo.localeCompare(b.memberNo));
    const rows: string[][] = [];
    for (const m of members) {
      let idNumber = maskIdNumber(m.idMasked);
      let mobile = m.mobileMasked;
      if (reveal) {
        const plain = JSON.parse(await this.deps.cipher.decrypt(m.pii, piiContext(m.applicationId))) as { idNumber: string; mobile: string };
        idNumber = plain.idNumber;
        mobile = plain.mobile;
      }
      rows.push([
        m.memberNo,
        m.name,
        m.gender === 'male' ? '男' : '女',
        String(personFacts(m.birthDate, m.gender, shanghaiDate(now)).age),
        idNumber,
        mobile,
        OCCUPATION_LABELS[m.occupation],
        m.employer ?? '灵活就业',
        regionFullName(m.districtCode),
        m.joinDate,
      ]);
    }
    const csv = csvText([['会员编号', '姓名', '性别', '年龄', '身份证号', '手机号', '职业', '工作单位', '所在地区', '入会日期'], ...rows]);
    await this.deps.audit.record(
      {
        actorId: actor.userId,
        action: 'members.export',
        targetType: 'region',
        targetId: regionCode,
        regionCode,
        detail: { count: String(members.length), revealed: reveal ? 'yes' : 'no' },
      },
      now,
    );
    return { filename: `members-${regionCode}-${shanghaiDate(now)}.csv`, count: members.length, revealed: reveal, csv };
  }

  async recordSubscriptions(principal: Principal, results: Record<string, string>, now: Date) {
    const known = [this.deps.templates.membershipResult];
    const accepted = Object.entries(results)
      .filter(([id, answer]) => answer === 'accept' && known.includes(id))
      .map(([id]) => id);
    const grants = accepted.length > 0 ? await this.deps.grants.add(principal.userId, accepted, now) : await this.deps.grants.counts(principal.userId, known);
    return { grants };
  }
}

