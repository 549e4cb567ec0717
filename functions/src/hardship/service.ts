import { randomBytes } from 'node:crypto';
import {
  checkIdNumber,
  contract,
  FILE_STATUS_LABELS,
  HARDSHIP_CONSENT_VERSION,
  maskIdNumber,
  maskMobile,
  maskName,
  nextFileStatus,
  personFacts,
  shanghaiDate,
  toShanghaiIso,
  type AssistanceBody,
  type AssistanceRecord,
  type BindingCode,
  type FileAction,
  type FileCreateBody,
  type FileListQuery,
  type FileStatus,
  type FileTimelineEntry,
  type FileUpdateBody,
  type HardshipApplyBody,
  type HardshipFile,
  type HardshipFileSummary,
  type MyHardship,
} from '@yz/shared';
import type * as z from 'zod';
import type { BindingCodeStore } from '../accounts/ports';
import { decide } from '../platform/access';
import type { AuditInput, AuditLog } from '../platform/audit';
import { recordReveal } from '../platform/reveal';
import type { PiiCipher } from '../platform/crypto';
import { AppError, badRequest, conflict, forbidden, notFound } from '../platform/errors';
import type { IdConflictGuard } from '../platform/id-conflicts';
import { districtPath, regionFullName } from '../platform/regions';
import type { Principal } from '../platform/users';
import { newCardId, type CardTokens } from './card';
import { refusedAt } from '../platform/transaction';
import { secretContext, statusKeyOf, type FileItem, type FileSecret, type HardshipStore, type HardshipWrite } from './store-port';

/**
 * Hardship files (困难职工档案): staff file a worker in their region, or a worker applies and staff
 * verify; the six parts are encrypted at rest and masked in every answer; every staff read and every
 * reveal is audited; the QR card carries only a random id that staff can replace or withdraw.
 */

export interface HardshipDeps {
  store: HardshipStore;
  cipher: PiiCipher;
  audit: Pick<AuditLog, 'record'>;
  /** Says "unavailable" alike for every file a caller may not see, counts and audits it. */
  idConflicts: Pick<IdConflictGuard, 'admit' | 'refuse'>;
  cards: CardTokens;
  /** The accounts domain's binding codes: issues one, with its audit entry in the same write. */
  issueCode: (input: Parameters<BindingCodeStore['issue']>[0], entry: AuditInput, now: Date) => ReturnType<BindingCodeStore['issue']>;
}

type CreateInput = z.output<typeof FileCreateBody>;
// The body's `version` reaches the service apart, as the `expectedVersion` the write was based on.
type UpdateInput = Omit<z.output<typeof FileUpdateBody>, 'version'>;
type ApplyInput = z.output<typeof HardshipApplyBody>;
type AssistanceInput = Omit<z.output<typeof AssistanceBody>, 'version'>;
type ListInput = z.output<typeof FileListQuery>;

/** The statuses in which a file has a card (and a worker may be given a binding code). */
const CARD_STATUSES: readonly FileStatus[] = ['on_file', 'lifted'];
const BINDABLE_STATUSES: readonly FileStatus[] = ['applied', 'on_file', 'lifted'];

const ACTION_WORDS: Record<FileAction, string> = { verify: '核实建档', decline: '不予建档', lift: '标记解困', close: '销档', reopen: '重新建档' };

function refused(file: FileItem, action: FileAction): AppError {
  return conflict('INVALID_TRANSITION', `这份档案${FILE_STATUS_LABELS[file.status]}，不能${ACTION_WORDS[action]}`, {
    current: { status: file.status, version: file.version },
  });
}

function changed(file: FileItem): AppError {
  return conflict('FILE_CHANGED', `这份档案刚刚被修改过（现在${FILE_STATUS_LABELS[file.status]}），请刷新后再操作`, {
    current: { status: file.status, version: file.version },
  });
}

const cardNotFound = () => notFound('CARD_NOT_FOUND', '没有找到这张卡片对应的档案');

const omitUndefined = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export class HardshipService {
  constructor(private readonly deps: HardshipDeps) {}

  // Reading ------------------------------------------------------------------------------------------

  private async load(id: string): Promise<FileItem> {
    const file = await this.deps.store.get(id);
    if (!file) throw notFound('HARDSHIP_FILE_NOT_FOUND', '没有找到这份困难职工档案');
    return file;
  }

  private async open(file: FileItem): Promise<FileSecret> {
    return JSON.parse(await this.deps.cipher.decrypt(file.secret, secretContext(file.id))) as FileSecret;
  }

  /** The file as staff and the paired helper see it: the ID number and mobile masked, always. */
  async view(file: FileItem, now: Date = new Date()): Promise<HardshipFile> {
    const s = await this.open(file);
    return {
      id: file.id,
      status: file.status,
      version: file.version,
      source: file.source,
      districtCode: file.districtCode,
      regionName: regionFullName(file.districtCode),
      basic: {
        name: s.basic.name,
        idNumberMasked: maskIdNumber(file.idMasked),
        mobileMasked: file.mobileMasked,
        ...personFacts(s.basic.birthDate, s.basic.gender, shanghaiDate(now)),
        occupation: file.occupation,
        employer: s.basic.employer ?? null,
        address: s.basic.address,
        householdSize: s.basic.householdSize,
      },
      helper: s.helper
        ? { name: s.helper.name, phone: s.helper.phone, organisation: s.helper.organisation ?? null, userId: s.helper.userId ?? null }
        : null,
      cause: { categories: s.cause.categories as HardshipFile['cause']['categories'], detail: s.cause.detail },
      income: {
        householdMonthlyFen: s.income.householdMonthlyFen,
        perCapitaMonthlyFen: Math.floor(s.income.householdMonthlyFen / Math.max(1, s.basic.householdSize)),
        sources: s.income.sources ?? null,
      },
      housing: { type: s.housing.type as HardshipFile['housing']['type'], areaSqm: s.housing.areaSqm ?? null, note: s.housing.note ?? null },
      plan: { steps: s.plan.steps.map((step) => ({ text: step.text, due: step.due, done: step.done })) },
      assistance: file.assistance,
      assistanceTotalFen: file.assistanceTotalFen,
      bound: Boolean(file.userId),
      card: { active: Boolean(file.cardTokenId), issuedAt: file.cardIssuedAt ?? null },
      timeline: file.timeline,
      createdAt: file.createdAt,
      updatedAt: file.updatedAt,
      note: file.note ?? null,
    };
  }

  summary(file: FileItem): HardshipFileSummary {
    return {
      id: file.id,
      status: file.status,
      nameMasked: file.nameMasked,
      occupation: file.occupation,
      districtCode: file.districtCode,
      regionName: regionFullName(file.districtCode),
      source: file.source,
      bound: Boolean(file.userId),
      updatedAt: file.updatedAt,
    };
  }

  private async audited(actor: Principal, file: FileItem, action: 'hardship.read' | 'hardship.card', detail: Record<string, string>, now: Date) {
    await this.deps.audit.record(
      { actorId: actor.userId, action, targetType: 'hardshipFile', targetId: file.id, regionCode: file.districtCode, detail },
      now,
    );
  }

  /** A staff read of the whole file: recorded before it is answered. */
  async read(actor: Principal, id: string, now: Date): Promise<HardshipFile> {
    const file = await this.load(id);
    await this.audited(actor, file, 'hardship.read', { via: 'file' }, now);
    return this.view(file);
  }

  async list(query: ListInput) {
    const page = await this.deps.store.list({ regionCode: query.regionCode, status: query.status, limit: query.limit, cursor: query.cursor });
    return { items: page.items.map((f) => this.summary(f)), nextCursor: page.nextCursor };
  }

  /** The worker's own file: status, help received and the card; nothing they did not already give. */
  async mine(principal: Principal): Promise<MyHardship> {
    const fileId = await this.deps.store.fileIdOfUser(principal.userId);
    const file = fileId ? await this.deps.store.get(fileId) : null;
    if (!file || file.userId !== principal.userId) return { file: null };
    return {
      file: {
        id: file.id,
        status: file.status,
        source: file.source,
        regionName: regionFullName(file.districtCode),
        occupation: file.occupation,
        assistance: file.assistance,
        assistanceTotalFen: file.assistanceTotalFen,
        note: file.note ?? null,
        updatedAt: file.updatedAt,
        card: file.cardTokenId && CARD_STATUSES.includes(file.status) ? await this.deps.cards.card(file.cardTokenId) : null,
      },
    };
  }

  // Writing ------------------------------------------------------------------------------------------

  /** The checks a schema cannot make (the ID number on today's date, a real district), then the secret. */
  private async prepare(
    fileId: string,
    input: {
      districtCode: string;
      basic: { name: string; idNumber: string; mobile: string; occupation: FileItem['occupation']; employer?: string; address: string; householdSize: number };
      helper: FileSecret['helper'];
      cause: FileSecret['cause'];
      income: FileSecret['income'];
      housing: FileSecret['housing'];
      plan: FileSecret['plan'];
    },
    now: Date,
  ) {
    const id = checkIdNumber(input.basic.idNumber, shanghaiDate(now));
    if (!id.ok) throw badRequest('INVALID_PARAMETER', id.message, { field: 'basic.idNumber' });
    const path = districtPath(input.districtCode);
    if (!path) throw badRequest('INVALID_PARAMETER', '所在地区不是有效的区县，请重新选择省、市、区县', { field: 'districtCode' });
    const secret: FileSecret = {
      basic: omitUndefined({
        name: input.basic.name,
        idNumber: id.facts.value,
        mobile: input.basic.mobile,
        gender: id.facts.gender,
        birthDate: id.facts.birthDate,
        employer: input.basic.employer,
        address: input.basic.address,
        householdSize: input.basic.householdSize,
      }),
      helper: input.helper ? omitUndefined({ ...input.helper }) : null,
      cause: { categories: [...new Set(input.cause.categories)], detail: input.cause.detail },
      income: omitUndefined({ ...input.income }),
      housing: omitUndefined({ ...input.housing }),
      plan: { steps: input.plan.steps.map((s) => ({ text: s.text, due: s.due, done: s.done })) },
    };
    return {
      idHash: await this.deps.cipher.hash(id.facts.value),
      plain: {
        districtCode: path.district.code,
        cityCode: path.district.code.slice(0, 4),
        provinceCode: path.district.code.slice(0, 2),
        occupation: input.basic.occupation,
        nameMasked: maskName(input.basic.name),
        idMasked: maskIdNumber(id.facts.value),
        mobileMasked: maskMobile(input.basic.mobile),
        secret: await this.deps.cipher.encrypt(JSON.stringify(secret), secretContext(fileId)),
      },
      helperUserId: input.helper?.userId,
    };
  }

  /** The worker's own file or application, named plainly. */
  private ownFileExists(): AppError {
    return conflict('HARDSHIP_FILE_EXISTS', '您已经有一份困难职工档案（或申请），无需重复申请');
  }

  /**
   * Another file holds the ID number. Staff who may open that file are told where it is; anyone else
   * (a worker applying, staff of another region) gets the one neutral refusal (platform/id-conflicts.ts).
   */
  private async heldElsewhere(actor: Principal, idHash: string, holderId: string | undefined, now: Date): Promise<AppError> {
    const holder = holderId ? await this.deps.store.get(holderId) : null;
    if (holder && holder.userId === actor.userId) return this.ownFileExists();
    if (holder && decide(contract.createHardshipFile.access, actor, { regionCode: holder.districtCode }) === 'allow') {
      return conflict('HARDSHIP_FILE_EXISTS', '这个身份证号已经建有困难职工档案，请在档案列表中查找', { fileId: holder.id });
    }
    return this.deps.idConflicts.refuse(
      { actorId: actor.userId, idHash, domain: 'hardship', holderType: 'hardshipFile', holderId: holderId ?? 'unknown', regionCode: holder?.districtCode ?? '00' },
      now,
    );
  }

  private newFile(
    id: string,
    prepared: Awaited<ReturnType<HardshipService['prepare']>>,
    extra: Pick<FileItem, 'status' | 'source' | 'consentBy' | 'consentVersion' | 'createdBy'> & { userId?: string; card?: string },
    entry: FileTimelineEntry,
    now: Date,
  ): FileItem {
    const at = toShanghaiIso(now);
    return {
      id,
      kind: 'file',
      status: extra.status,
      version: 1,
      source: extra.source,
      ...prepared.plain,
      statusKey: statusKeyOf(extra.status, now, id),
      ...(extra.userId ? { userId: extra.userId } : {}),
      ...(prepared.helperUserId ? { helperUserId: prepared.helperUserId } : {}),
      ...(extra.card ? { cardTokenId: extra.card, cardIssuedAt: at } : {}),
      idHash: prepared.idHash,
      assistance: [],
      assistanceTotalFen: 0,
      timeline: [entry],
      consentVersion: extra.consentVersion,
      consentBy: extra.consentBy,
      consentAt: at,
      createdBy: extra.createdBy,
      createdAt: at,
      updatedAt: at,
    };
  }

  /** Staff file a worker: on file at once, with a card; the worker binds later with a code. */
  async create(actor: Principal, input: CreateInput, now: Date, fixedId?: string): Promise<HardshipFile> {
    // A fixed id only for the local demo data (dev/src/demo/hardship.ts).
    const id = fixedId ?? `hf_${randomBytes(12).toString('base64url')}`;
    const prepared = await this.prepare(id, input, now);
    const at = toShanghaiIso(now);
    const item = this.newFile(
      id,
      prepared,
      { status: 'on_file', source: 'staff', consentBy: 'paper', consentVersion: HARDSHIP_CONSENT_VERSION, createdBy: actor.userId, card: newCardId() },
      { at, from: null, to: 'on_file', by: 'staff' },
      now,
    );
    try {
      await this.deps.store.commit([
        { kind: 'claimPut', idHash: prepared.idHash, fileId: id, at },
        { kind: 'filePut', item },
      ]);
    } catch (error) {
      const failed = refusedAt(error);
      if (failed?.index === 0) throw await this.heldElsewhere(actor, prepared.idHash, failed.item?.fileId as string | undefined, now);
      throw error;
    }
    return this.view(item);
  }

  /** A worker applies for themselves (separate consent): bound to them from the start, staff verify. */
  async apply(principal: Principal, input: ApplyInput, now: Date): Promise<MyHardship> {
    if (await this.deps.store.fileIdOfUser(principal.userId)) throw this.ownFileExists();
    const id = `hf_${randomBytes(12).toString('base64url')}`;
    const prepared = await this.prepare(id, { ...input, helper: null, plan: { steps: [] } }, now);
    await this.deps.idConflicts.admit(principal.userId, now);
    const at = toShanghaiIso(now);
    const item = this.newFile(
      id,
      prepared,
      { status: 'applied', source: 'self', consentBy: 'app', consentVersion: input.consentVersion, createdBy: principal.userId, userId: principal.userId },
      { at, from: null, to: 'applied', by: 'worker' },
      now,
    );
    try {
      await this.deps.store.commit([
        { kind: 'claimPut', idHash: prepared.idHash, fileId: id, at },
        { kind: 'filePut', item },
        { kind: 'userBindsTo', userId: principal.userId, fileId: id },
      ]);
    } catch (error) {
      const failed = refusedAt(error);
      if (failed?.index === 0) throw await this.heldElsewhere(principal, prepared.idHash, failed.item?.fileId as string | undefined, now);
      if (failed?.index === 2) throw this.ownFileExists();
      throw error;
    }
    return this.mine(principal);
  }

  /** After a refused conditional write: say what the file is now. */
  private async explain(id: string, action?: FileAction): Promise<AppError> {
    const now = await this.load(id);
    if (action && !nextFileStatus(now.status, action)) return refused(now, action);
    return changed(now);
  }

  async update(actor: Principal, id: string, input: UpdateInput, expectedVersion: number, now: Date): Promise<HardshipFile> {
    const file = await this.load(id);
    if (expectedVersion !== file.version) throw changed(file);
    // Staff may move a file only within the regions they serve.
    if (input.districtCode !== file.districtCode && decide(contract.createHardshipFile.access, actor, { regionCode: input.districtCode }) !== 'allow') {
      throw forbidden('不能把档案转到您负责的地区以外');
    }
    const old = await this.open(file);
    const basic = { ...input.basic, idNumber: input.basic.idNumber ?? old.basic.idNumber, mobile: input.basic.mobile ?? old.basic.mobile };
    const prepared = await this.prepare(id, { ...input, basic }, now);
    const at = toShanghaiIso(now);
    const items: HardshipWrite[] = [
      {
        kind: 'fileUpdate',
        file,
        now,
        at,
        set: { ...prepared.plain, idHash: prepared.idHash, ...(prepared.helperUserId ? { helperUserId: prepared.helperUserId } : {}) },
        remove: prepared.helperUserId ? [] : ['helperUserId'],
      },
    ];
    const movedId = prepared.idHash !== file.idHash;
    if (movedId) {
      // A corrected ID number moves the claim: the old one is released, the new one must be free.
      items.push({ kind: 'claimDelete', idHash: file.idHash, fileId: id }, { kind: 'claimPut', idHash: prepared.idHash, fileId: id, at });
    }
    try {
      await this.deps.store.commit(items);
    } catch (error) {
      const failed = refusedAt(error);
      if (failed?.index === 0) throw await this.explain(id);
      if (failed?.index === 2) throw await this.heldElsewhere(actor, prepared.idHash, failed.item?.fileId as string | undefined, now);
      throw error;
    }
    return this.view(await this.load(id));
  }

  async changeStatus(actor: Principal, id: string, action: FileAction, note: string | undefined, expectedVersion: number, now: Date): Promise<HardshipFile> {
    const file = await this.load(id);
    const to = nextFileStatus(file.status, action);
    if (!to) throw refused(file, action);
    if (expectedVersion !== file.version) throw changed(file);
    const at = toShanghaiIso(now);
    const entry: FileTimelineEntry = { at, from: file.status, to, by: 'staff', ...(note ? { note } : {}) };
    const set: Record<string, unknown> = note ? { note } : {};
    const remove: string[] = note ? [] : ['note'];
    // The card lives while the file is on file or lifted out; closing withdraws it, filing issues one.
    if (to === 'closed') remove.push('cardTokenId', 'cardIssuedAt');
    if (CARD_STATUSES.includes(to) && !file.cardTokenId) Object.assign(set, { cardTokenId: newCardId(), cardIssuedAt: at });
    try {
      await this.deps.store.commit([{ kind: 'fileUpdate', file, now, at, to, entry, set, remove }]);
    } catch (error) {
      if (refusedAt(error)?.index === 0) throw await this.explain(id, action);
      throw error;
    }
    return this.view(await this.load(id));
  }

  async addAssistance(actor: Principal, id: string, input: AssistanceInput, expectedVersion: number, now: Date): Promise<HardshipFile> {
    const file = await this.load(id);
    if (expectedVersion !== file.version) throw changed(file);
    if (file.status === 'closed' || file.status === 'applied') {
      throw conflict('INVALID_TRANSITION', `这份档案${FILE_STATUS_LABELS[file.status]}，不能记录帮扶`, { current: { status: file.status, version: file.version } });
    }
    const at = toShanghaiIso(now);
    const record: AssistanceRecord = {
      id: `as_${randomBytes(8).toString('base64url')}`,
      date: input.date,
      kind: input.kind,
      amountFen: input.amountFen,
      note: input.note ?? null,
      recordedAt: at,
    };
    try {
      await this.deps.store.commit([{ kind: 'fileUpdate', file, now, at, append: { assistance: record }, set: {} }]);
    } catch (error) {
      if (refusedAt(error)?.index === 0) throw await this.explain(id);
      throw error;
    }
    return this.view(await this.load(id));
  }

  /** The full ID number or mobile: audited before it is returned, or not returned at all. */
  async reveal(actor: Principal, id: string, field: 'idNumber' | 'mobile', purpose: string | undefined, now: Date) {
    const file = await this.load(id);
    const s = await this.open(file);
    await recordReveal(this.deps.audit, actor.userId, { type: 'hardshipFile', id: file.id, regionCode: file.districtCode, detail: { field, ...(purpose ? { purpose } : {}) } }, now);
    return { field, value: s.basic[field] };
  }

  // Binding and the card -----------------------------------------------------------------------------

  /** A one-time code the worker types in 我的 → 我的帮扶; redeemed by the accounts function. */
  async issueBindingCode(actor: Principal, id: string, now: Date): Promise<BindingCode> {
    const file = await this.load(id);
    if (!BINDABLE_STATUSES.includes(file.status)) {
      throw conflict('INVALID_TRANSITION', `这份档案${FILE_STATUS_LABELS[file.status]}，不能再绑定`, { current: { status: file.status, version: file.version } });
    }
    const { code, item } = await this.deps.issueCode(
      { kind: 'hardship', targetId: file.id, regionCode: file.districtCode, issuedBy: actor.userId },
      { actorId: actor.userId, action: 'binding.issue', targetType: 'hardshipFile', targetId: file.id, regionCode: file.districtCode, detail: { kind: 'hardship' } },
      now,
    );
    return { code, kind: 'hardship', targetId: file.id, expiresAt: item.expiresAt };
  }

  private async setCard(actor: Principal, id: string, reissue: boolean, now: Date) {
    const file = await this.load(id);
    if (reissue && !CARD_STATUSES.includes(file.status)) {
      throw conflict('INVALID_TRANSITION', `这份档案${FILE_STATUS_LABELS[file.status]}，不能发放二维码卡片`, { current: { status: file.status, version: file.version } });
    }
    const at = toShanghaiIso(now);
    const card = reissue ? { id: newCardId(), issuedAt: at } : null;
    try {
      await this.deps.store.commit([
        { kind: 'cardUpdate', fileId: id, card, statuses: reissue ? CARD_STATUSES : ['applied', 'on_file', 'lifted', 'closed'] },
        {
          kind: 'audit',
          entry: { actorId: actor.userId, action: 'hardship.card', targetType: 'hardshipFile', targetId: id, regionCode: file.districtCode, detail: { op: reissue ? 'reissue' : 'revoke' } },
          now,
        },
      ]);
    } catch (error) {
      if (refusedAt(error)?.index === 0) throw await this.explain(id);
      throw error;
    }
    return { active: Boolean(card), issuedAt: card?.issuedAt ?? null };
  }

  reissueCard(actor: Principal, id: string, now: Date) {
    return this.setCard(actor, id, true, now);
  }

  revokeCard(actor: Principal, id: string, now: Date) {
    return this.setCard(actor, id, false, now);
  }

  /**
   * A scanned card: staff of the file's region and its paired helper get the file (audited). Anyone
   * else, and any card that is forged, replaced or withdrawn, gets the very same 404.
   */
  async scan(principal: Principal, token: string, now: Date): Promise<HardshipFile> {
    const cardId = await this.deps.cards.verify(token);
    if (!cardId) throw cardNotFound();
    const fileId = await this.deps.store.fileIdOfCard(cardId);
    const file = fileId ? await this.deps.store.get(fileId) : null;
    // The index may lag a replacement: the item itself must still carry this card.
    if (!file || file.cardTokenId !== cardId) throw cardNotFound();
    const asStaff = decide(contract.getHardshipFile.access, principal, { regionCode: file.districtCode }) === 'allow';
    const asHelper = Boolean(file.helperUserId) && file.helperUserId === principal.userId;
    if (!asStaff && !asHelper) throw cardNotFound();
    await this.audited(principal, file, 'hardship.card', { op: 'scan', as: asStaff ? 'staff' : 'helper' }, now);
    return this.view(file);
  }
}
