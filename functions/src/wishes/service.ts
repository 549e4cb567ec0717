import { randomBytes, randomInt } from 'node:crypto';
import {
  HARDSHIP_OCCUPATION_LABELS,
  isActiveWish,
  isOnWall,
  maskMobile,
  maskName,
  MAX_OPEN_WISHES,
  PHOTO_MAX_BYTES,
  nextWishStatus,
  toShanghaiIso,
  WISH_CATEGORIES,
  type ClaimedWish,
  type HostWish,
  type MyVolunteer,
  type MyWish,
  type MyWishes,
  type StaffWish,
  type WallPage,
  type WallWish,
  type WishCategory,
  type WishStats,
  type UploadedFile,
  type WishTimelineEntry,
} from '@yz/shared';
import type { AuditLog } from '../platform/audit';
import { recordReveal } from '../platform/reveal';
import type { PiiCipher } from '../platform/crypto';
import { AppError, badRequest, conflict, forbidden, notFound } from '../platform/errors';
import { regionFullName, regionName } from '../platform/regions';
import type { SubscriptionGrants } from '../platform/subscriptions';
import type { Principal } from '../platform/users';
import type { WechatTemplates, WishSettings } from '../platform/config';
import type { HardshipPorts } from '../hardship';
import type { FileRef } from '../hardship/ports';
import { refusedAt } from '../platform/transaction';
import { IMAGE_EXTENSIONS, sniffImage, type PrivatePhotoStore } from '../platform/photos';
import { createLifecycle, pickupCode, RANK_DONE, RANK_REVIEW, releasedClaim, transitionRefused, wishMessage, withDerived, type Lifecycle, type Move } from './lifecycle';
import { containsOwnData, ownDataMatchers, ownDataRefused } from './own-data';
import type { StationRef, VolunteerItem, WishItem, WishStore } from './store-port';

/** The rules of micro-wishes: who may post, the wall's anonymity, claims, handover, numbers. */

export interface WishesDeps {
  store: WishStore;
  cipher: PiiCipher;
  audit: Pick<AuditLog, 'record'>;
  grants: Pick<SubscriptionGrants, 'add' | 'counts'>;
  /** Delivery photos: private, read through short-lived signed URLs only. */
  photos: PrivatePhotoStore;
  templates: WechatTemplates;
  settings: WishSettings;
  /** The hardship domain's port: the worker's own file data, to keep off the wall (never logged). */
  personalTerms: HardshipPorts['personalTermsOf'];
  /** The hardship domain's port: the plain reference attributes of a bound file. */
  fileRef: (fileId: string) => Promise<FileRef | null>;
}

export interface WishInput {
  title: string;
  story: string;
  category: WishCategory;
  valueFen: number;
  handover: { kind: 'station'; stationId: string } | { kind: 'staff' };
}

const REF_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const volunteerContext = (userId: string) => ({ purpose: 'volunteer', userId });
const DAY_MS = 86_400_000;

/** "北海市" → "北海": the wall shows the short city name. */
export function shortCity(code: string): string {
  const name = regionName(code) ?? '';
  return name.length > 2 ? name.replace(/(市|地区|盟)$/, '') : name;
}

export const wishLabel = (file: Pick<FileRef, 'occupation' | 'cityCode'>) => `${HARDSHIP_OCCUPATION_LABELS[file.occupation]} · ${shortCity(file.cityCode)}`;

const publicTimeline = (wish: WishItem): WishTimelineEntry[] => wish.timeline.map(({ actorId: _a, ...entry }) => entry);
const day = (iso: string | undefined) => (iso ? toShanghaiIso(new Date(iso)).slice(0, 10) : null);

function core(w: WishItem) {
  return {
    id: w.id,
    ref: w.ref,
    title: w.title,
    story: w.story,
    category: w.category,
    valueFen: w.valueFen,
    label: w.label,
    cityCode: w.cityCode,
    handoverKind: w.handoverKind,
  };
}

export class WishesService {
  readonly lifecycle: Lifecycle;

  constructor(private readonly deps: WishesDeps) {
    this.lifecycle = createLifecycle(deps.store);
  }

  // Views ----------------------------------------------------------------------------------------------

  wall(w: WishItem): WallWish {
    if (!isOnWall(w.status)) throw new Error(`wish ${w.id} is not on the wall`);
    return {
      ...core(w),
      status: w.status,
      postedOn: day(w.approvedAt ?? w.postedAt) ?? '',
      fulfilledOn: day(w.fulfilledAt),
      thanks: w.thanks ?? null,
    };
  }

  /** The worker's 心愿进展通知 about their wish, opening it on 我的心愿. */
  private toWorker(w: WishItem, now: Date, words: { title: string; phrase: string; remark: string }) {
    return wishMessage(now, { userId: w.userId, templateId: this.deps.templates.wishProgress, page: `pkg-wishes/mine/index?id=${w.id}` }, words);
  }

  private progress(w: WishItem, station: StationRef | undefined, photoUrl: string | null) {
    return {
      version: w.version,
      status: w.status,
      station: station ? { id: station.id, name: station.name, address: station.address } : null,
      claimedAt: w.claimedAt ?? null,
      claimDeadline: w.claimDeadline ?? null,
      deliveredAt: w.deliveredAt ?? null,
      deliveryNote: w.deliveryNote ?? null,
      deliveryPhotoUrl: photoUrl,
      fulfilledAt: w.fulfilledAt ?? null,
      thanks: w.thanks ?? null,
      updatedAt: w.updatedAt,
    };
  }

  private async stationsOf(wishes: WishItem[]): Promise<Map<string, StationRef>> {
    const ids = wishes.flatMap((w) => (w.stationId ? [w.stationId] : []));
    return ids.length ? this.deps.store.stations(ids) : new Map();
  }

  /**
   * Signed, short-lived URLs of the delivery photos, by wish id. Only the claimant's and staff's views
   * call this, after the router and the service checked who is asking: nobody else gets a URL.
   */
  private async photoUrls(wishes: WishItem[], now: Date): Promise<Map<string, string>> {
    const withPhoto = wishes.filter((w): w is WishItem & { deliveryPhotoKey: string } => typeof w.deliveryPhotoKey === 'string');
    const signed = await Promise.all(withPhoto.map(async (w) => [w.id, await this.deps.photos.signedUrl(w.deliveryPhotoKey, now)] as const));
    return new Map(signed);
  }

  /** The worker's own wish: no claimant, no delivery photo (that is the volunteer's and staff's). */
  mine(w: WishItem, stations: Map<string, StationRef>): MyWish {
    return {
      ...core(w),
      ...this.progress(w, w.stationId ? stations.get(w.stationId) : undefined, null),
      postedAt: w.postedAt,
      pickupCode: w.pickupCode ?? null,
      staffNote: w.staffNote ?? null,
      timeline: publicTimeline(w),
    };
  }

  /** The volunteer's view: where to hand over, never the worker's contact or file. */
  claimed(w: WishItem, stations: Map<string, StationRef>, userId: string, photos: Map<string, string>): ClaimedWish {
    const mine = w.claimantId === userId;
    return {
      ...core(w),
      ...this.progress(w, w.stationId ? stations.get(w.stationId) : undefined, mine ? (photos.get(w.id) ?? null) : null),
      regionName: `${regionFullName(w.districtCode)}总工会`,
      mine,
    };
  }

  staff(w: WishItem, stations: Map<string, StationRef>, volunteers: Map<string, VolunteerItem>, photos: Map<string, string>): StaffWish {
    const v = w.claimantId ? volunteers.get(w.claimantId) : undefined;
    return {
      ...core(w),
      ...this.progress(w, w.stationId ? stations.get(w.stationId) : undefined, photos.get(w.id) ?? null),
      postedAt: w.postedAt,
      districtCode: w.districtCode,
      regionName: regionFullName(w.districtCode),
      fileId: w.fileId,
      pickupCode: w.pickupCode ?? null,
      staffNote: w.staffNote ?? null,
      claimant: v ? { nameMasked: v.nameMasked, mobileMasked: v.mobileMasked, organisation: v.organisation ?? null } : null,
      lapsedCount: w.lapsedCount,
      timeline: publicTimeline(w),
    };
  }

  host(w: WishItem): HostWish {
    return {
      id: w.id,
      ref: w.ref,
      title: w.title,
      category: w.category,
      status: w.status,
      pickupCode: w.pickupCode ?? '',
      claimedAt: w.claimedAt ?? null,
      deliveredAt: w.deliveredAt ?? null,
      fulfilledAt: w.fulfilledAt ?? null,
    };
  }

  private async staffView(w: WishItem, now: Date): Promise<StaffWish> {
    const [stations, volunteers, photos] = await Promise.all([this.stationsOf([w]), this.deps.store.volunteers(w.claimantId ? [w.claimantId] : []), this.photoUrls([w], now)]);
    return this.staff(w, stations, volunteers, photos);
  }

  private async mineView(w: WishItem): Promise<MyWish> {
    return this.mine(w, await this.stationsOf([w]));
  }

  private async claimedView(w: WishItem, userId: string, now: Date): Promise<ClaimedWish> {
    const [stations, photos] = await Promise.all([this.stationsOf([w]), this.photoUrls(w.claimantId === userId ? [w] : [], now)]);
    return this.claimed(w, stations, userId, photos);
  }

  // The wall ------------------------------------------------------------------------------------------

  async wallPage(q: { category?: WishCategory; city?: string; status: 'all' | 'open' | 'done'; limit: number; cursor?: string }): Promise<WallPage> {
    const page = await this.deps.store.wallPage({
      bucket: q.status,
      ...(q.category ? { category: q.category } : {}),
      ...(q.city ? { city: q.city } : {}),
      limit: q.limit,
      ...(q.cursor ? { cursor: q.cursor } : {}),
    });
    return { items: page.items.filter((w) => isOnWall(w.status)).map((w) => this.wall(w)), nextCursor: page.nextCursor };
  }

  async cities() {
    const codes = await this.deps.store.wallCities();
    return { items: codes.map((code) => ({ code, name: regionName(code) ?? code })) };
  }

  async publicWish(id: string): Promise<WallWish> {
    const w = await this.deps.store.get(id, false);
    if (!w || !isOnWall(w.status)) throw notFound('WISH_NOT_FOUND', '没有找到这个心愿，它可能已被撤回或还在审核中');
    return this.wall(w);
  }

  // The worker ----------------------------------------------------------------------------------------

  /** The worker's file, if bound and on file; otherwise why they may not post. */
  private async postingFile(principal: Principal): Promise<{ file: FileRef } | { reason: string; status: number }> {
    const fileId = await this.deps.store.boundFileId(principal.userId);
    if (!fileId) return { reason: '您的账号还没有绑定困难职工档案，请联系所在地工会', status: 403 };
    const file = await this.deps.fileRef(fileId);
    if (!file || file.userId !== principal.userId) return { reason: '您的账号还没有绑定困难职工档案，请联系所在地工会', status: 403 };
    if (file.status !== 'on_file') return { reason: '您的困难职工档案目前不在档，暂时不能许心愿；如有疑问请联系所在地工会', status: 409 };
    return { file };
  }

  private async checkInput(input: WishInput): Promise<void> {
    if (input.valueFen > this.deps.settings.maxValueFen) {
      throw badRequest('WISH_VALUE_TOO_HIGH', `心愿的预估价值不能超过 ${this.deps.settings.maxValueFen / 100} 元`, { field: 'valueFen' });
    }
    if (input.handover.kind === 'station') {
      const station = (await this.deps.store.stations([input.handover.stationId])).get(input.handover.stationId);
      if (!station || station.status !== 'active') {
        throw badRequest('STATION_NOT_FOUND', '没有找到这个驿站（或驿站已停用），请重新选择交接的驿站', { field: 'handover.stationId' });
      }
    }
  }

  /**
   * Refuses public text (title, story, thanks) that contains the worker's own name, ID number, mobile
   * or address from their hardship file. The decrypted terms live only inside this call.
   */
  private async refuseOwnData(fileId: string, texts: { field: string; label: string; text: string }[]): Promise<void> {
    const terms = await this.deps.personalTerms(fileId);
    if (!terms) return;
    const matchers = ownDataMatchers(terms);
    const hit = texts.find((t) => containsOwnData(t.text, matchers));
    if (hit) throw ownDataRefused(hit.field, hit.label);
  }

  private wishTexts(input: Pick<WishInput, 'title' | 'story'>) {
    return [
      { field: 'title', label: '心愿标题', text: input.title },
      { field: 'story', label: '心愿故事', text: input.story },
    ];
  }

  private fields(input: WishInput) {
    return {
      title: input.title,
      story: input.story,
      category: input.category,
      valueFen: input.valueFen,
      handoverKind: input.handover.kind,
      stationId: input.handover.kind === 'station' ? input.handover.stationId : undefined,
    };
  }

  async post(principal: Principal, input: WishInput, now: Date): Promise<MyWish> {
    // What the form says first (cheap, and the same answer whoever asks), then who is asking.
    await this.checkInput(input);
    const found = await this.postingFile(principal);
    if ('reason' in found) throw new AppError(found.status, 'HARDSHIP_NOT_ON_FILE', found.reason);
    const { file } = found;
    await this.refuseOwnData(file.id, this.wishTexts(input));
    const at = toShanghaiIso(now);
    const id = `w_${randomBytes(12).toString('base64url')}`;
    const { stationId, ...fields } = this.fields(input);
    const item = withDerived({
      id,
      ref: Array.from({ length: 6 }, () => REF_ALPHABET[randomInt(REF_ALPHABET.length)]).join(''),
      userId: principal.userId,
      fileId: file.id,
      districtCode: file.districtCode,
      cityCode: file.cityCode,
      provinceCode: file.provinceCode,
      occupation: file.occupation,
      label: wishLabel(file),
      ...fields,
      ...(stationId ? { stationId } : {}),
      status: 'pending_review',
      version: 1,
      postedAt: at,
      updatedAt: at,
      statusKey: '',
      claimCount: 0,
      lapsedCount: 0,
      timeline: [{ at, action: 'post', from: null, to: 'pending_review', by: 'worker', actorId: principal.userId }],
    });
    try {
      await this.deps.store.commit([
        { kind: 'quotaTake', userId: principal.userId, max: MAX_OPEN_WISHES },
        { kind: 'create', item },
      ]);
    } catch (error) {
      const refused = refusedAt(error);
      if (refused?.index === 0 && refused.reason === 'condition') {
        throw conflict('WISH_LIMIT_REACHED', `同时最多只能有 ${MAX_OPEN_WISHES} 个未完成的心愿，等已有的心愿实现或撤回后再许新的吧`);
      }
      throw error;
    }
    return this.mineView(item);
  }

  async myWishes(principal: Principal): Promise<MyWishes> {
    const [items, found] = await Promise.all([this.deps.store.byUser(principal.userId), this.postingFile(principal)]);
    const stations = await this.stationsOf(items);
    const openCount = items.filter((w) => isActiveWish(w.status)).length;
    const reason =
      'reason' in found ? found.reason : openCount >= MAX_OPEN_WISHES ? `同时最多只能有 ${MAX_OPEN_WISHES} 个未完成的心愿` : null;
    return {
      items: items.map((w) => this.mine(w, stations)),
      openCount,
      maxOpen: MAX_OPEN_WISHES,
      maxValueFen: this.deps.settings.maxValueFen,
      canPost: reason === null,
      reason,
      subscribeTemplateIds: [this.deps.templates.wishProgress],
    };
  }

  private async load(id: string): Promise<WishItem> {
    const w = await this.deps.store.get(id);
    if (!w) throw notFound('WISH_NOT_FOUND', '没有找到这个心愿，它可能已被撤回');
    return w;
  }

  private async ownWish(principal: Principal, id: string): Promise<WishItem> {
    const w = await this.load(id);
    if (w.userId !== principal.userId) throw forbidden('这不是您的心愿');
    return w;
  }

  async edit(principal: Principal, id: string, input: WishInput, expectedVersion: number, now: Date): Promise<MyWish> {
    const w = await this.ownWish(principal, id);
    await this.checkInput(input);
    await this.refuseOwnData(w.fileId, this.wishTexts(input));
    const next = await this.lifecycle.move(
      w,
      { action: 'edit', actor: 'worker', actorId: principal.userId, expectedVersion, change: { ...this.fields(input), staffNote: undefined } },
      now,
    );
    return this.mineView(next);
  }

  async withdraw(principal: Principal, id: string, expectedVersion: number, now: Date): Promise<MyWish> {
    const w = await this.ownWish(principal, id);
    return this.mineView(await this.lifecycle.move(w, { action: 'withdraw', actor: 'worker', actorId: principal.userId, expectedVersion }, now));
  }

  async confirmReceived(principal: Principal, id: string, expectedVersion: number, now: Date): Promise<MyWish> {
    const w = await this.load(id);
    // The router let through the owner and staff of the region; which of the two decides the actor.
    const actor = w.userId === principal.userId ? 'worker' : 'staff';
    const next = await this.lifecycle.move(w, { ...this.receivedMove(w, actor, principal.userId, now), expectedVersion }, now);
    return this.mineView(next);
  }

  private receivedMove(w: WishItem, actor: 'worker' | 'staff' | 'host', actorId: string, now: Date): Move {
    const at = toShanghaiIso(now);
    return {
      action: 'confirm_received',
      actor,
      actorId,
      change: { fulfilledAt: at },
      extra: (next) =>
        w.claimantId
          ? [
              wishMessage(
                now,
                { userId: w.claimantId, templateId: this.deps.templates.wishClaim, page: `pkg-wishes/claimed/index?id=${w.id}` },
                { title: next.title, phrase: '已收到', remark: '心愿已实现，感谢您的爱心' },
              ),
            ]
          : [],
    };
  }

  async thank(principal: Principal, id: string, text: string, expectedVersion: number, now: Date): Promise<MyWish> {
    const w = await this.ownWish(principal, id);
    // Thanks go straight onto the wall (no moderation step), so they are checked like the wish itself.
    await this.refuseOwnData(w.fileId, [{ field: 'text', label: '感谢的话', text }]);
    return this.mineView(await this.lifecycle.move(w, { action: 'thank', actor: 'worker', actorId: principal.userId, expectedVersion, change: { thanks: text } }, now));
  }

  async recordSubscriptions(principal: Principal, results: Record<string, string>, now: Date) {
    const known = [this.deps.templates.wishProgress, this.deps.templates.wishClaim];
    const accepted = Object.entries(results)
      .filter(([id, answer]) => answer === 'accept' && known.includes(id))
      .map(([id]) => id);
    const grants = accepted.length > 0 ? await this.deps.grants.add(principal.userId, accepted, now) : await this.deps.grants.counts(principal.userId, known);
    return { grants };
  }

  // Volunteers ----------------------------------------------------------------------------------------

  private profile(v: VolunteerItem) {
    return { nameMasked: v.nameMasked, mobileMasked: v.mobileMasked, organisation: v.organisation ?? null, registeredAt: v.registeredAt };
  }

  async registerVolunteer(
    principal: Principal,
    input: { name: string; mobile: string; organisation?: string; consentVersion: string },
    now: Date,
  ) {
    const at = toShanghaiIso(now);
    const existing = await this.deps.store.getVolunteer(principal.userId);
    const item: VolunteerItem = {
      userId: principal.userId,
      nameMasked: maskName(input.name),
      mobileMasked: maskMobile(input.mobile),
      ...(input.organisation ? { organisation: input.organisation } : {}),
      pii: await this.deps.cipher.encrypt(JSON.stringify({ name: input.name, mobile: input.mobile }), volunteerContext(principal.userId)),
      consentVersion: input.consentVersion,
      consentAt: at,
      registeredAt: existing?.registeredAt ?? at,
      updatedAt: at,
    };
    try {
      await this.deps.store.commit([
        { kind: 'volunteerPut', item },
        { kind: 'userBecomesVolunteer', userId: principal.userId },
      ]);
    } catch (error) {
      if (refusedAt(error)?.index === 1) throw conflict('ACCOUNT_GONE', '账号已注销，无法登记');
      throw error;
    }
    return this.profile(item);
  }

  async myVolunteer(principal: Principal): Promise<MyVolunteer> {
    const v = await this.deps.store.getVolunteer(principal.userId);
    return { profile: v ? this.profile(v) : null, subscribeTemplateIds: [this.deps.templates.wishClaim] };
  }

  // Claims ----------------------------------------------------------------------------------------------

  async claim(principal: Principal, id: string, now: Date): Promise<ClaimedWish> {
    const volunteer = await this.deps.store.getVolunteer(principal.userId);
    if (!volunteer) throw conflict('VOLUNTEER_NOT_REGISTERED', '认领心愿前请先完成爱心志愿者实名登记');
    const { claimDays, reminderDays } = this.deps.settings;
    // A claim carries no version: whoever's conditional write lands first wins. A loser that finds the
    // wish still open (it changed in another way meanwhile) tries again.
    for (let attempt = 0; ; attempt += 1) {
      const w = await this.load(id);
      if (w.userId === principal.userId) throw conflict('OWN_WISH', '不能认领自己的心愿');
      if (w.status === 'claimed') throw new AppError(409, 'WISH_ALREADY_CLAIMED', '手慢了，这个心愿已被其他爱心人士认领');
      const deadline = new Date(now.getTime() + claimDays * DAY_MS);
      const remindAt = new Date(deadline.getTime() - reminderDays * DAY_MS);
      try {
        const next = await this.lifecycle.move(
          w,
          {
            action: 'claim',
            actor: 'volunteer',
            actorId: principal.userId,
            change: {
              claimantId: principal.userId,
              claimedAt: toShanghaiIso(now),
              claimDeadline: toShanghaiIso(deadline),
              dueAt: (reminderDays > 0 && remindAt > now ? remindAt : deadline).toISOString(),
              remindedAt: undefined,
              pickupCode: w.handoverKind === 'station' ? pickupCode() : undefined,
              claimCount: w.claimCount + 1,
              deliveredAt: undefined,
              deliveryNote: undefined,
              deliveryPhotoKey: undefined,
            },
            extra: (n) => [this.toWorker(w, now, { title: n.title, phrase: '已认领', remark: n.handoverKind === 'station' ? '爱心人士会把物品送到驿站' : '工会工作人员会帮您转交' })],
          },
          now,
        );
        return this.claimedView(next, principal.userId, now);
      } catch (error) {
        if (attempt < 5 && error instanceof AppError && error.code === 'WISH_CHANGED') {
          await new Promise((resolve) => setTimeout(resolve, 10 + randomInt(40)));
          continue;
        }
        throw error;
      }
    }
  }

  /** The wish, if the move is possible from its state (else 409) and the caller holds its claim (else 403). */
  private async claimedBy(principal: Principal, id: string, action: 'cancel_claim' | 'deliver'): Promise<WishItem> {
    const w = await this.load(id);
    if (!nextWishStatus(w.status, action)) throw transitionRefused(w, action);
    if (w.claimantId !== principal.userId) throw forbidden('这个心愿不是您认领的');
    return w;
  }

  async cancelClaim(principal: Principal, id: string, expectedVersion: number, now: Date): Promise<ClaimedWish> {
    const w = await this.claimedBy(principal, id, 'cancel_claim');
    const next = await this.lifecycle.move(
      w,
      { action: 'cancel_claim', actor: 'volunteer', actorId: principal.userId, expectedVersion, change: releasedClaim() },
      now,
    );
    return this.claimedView(next, principal.userId, now);
  }

  async deliver(principal: Principal, id: string, note: string | undefined, expectedVersion: number, now: Date): Promise<ClaimedWish> {
    const w = await this.claimedBy(principal, id, 'deliver');
    const next = await this.lifecycle.move(
      w,
      {
        action: 'deliver',
        actor: 'volunteer',
        actorId: principal.userId,
        expectedVersion,
        note,
        change: { deliveredAt: toShanghaiIso(now), deliveryNote: note },
        extra: (n) => [this.toWorker(w, now, { title: n.title, phrase: '已送达', remark: n.handoverKind === 'station' ? '请凭取件码到驿站领取' : '工会工作人员会联系您领取' })],
      },
      now,
    );
    return this.claimedView(next, principal.userId, now);
  }

  /**
   * A photo of the delivery (optional), while the claim is held or just delivered. Only the volunteer
   * and staff see it: its address is random and appears in no public or worker view.
   */
  async uploadPhoto(principal: Principal, id: string, file: UploadedFile, now: Date): Promise<ClaimedWish> {
    const type = sniffImage(file.bytes);
    if (!type) throw badRequest('PHOTO_TYPE_UNSUPPORTED', '只能上传 JPEG、PNG 或 WebP 格式的照片');
    if (file.bytes.length > PHOTO_MAX_BYTES) throw badRequest('PHOTO_TOO_LARGE', '照片不能超过 2 MB，请压缩后再上传');
    const w = await this.load(id);
    if (w.status !== 'claimed' && w.status !== 'delivered') throw transitionRefused(w, 'deliver');
    if (w.claimantId !== principal.userId) throw forbidden('这个心愿不是您认领的');
    const key = `wishes/${w.id}/${randomBytes(16).toString('hex')}.${IMAGE_EXTENSIONS[type]}`;
    await this.deps.photos.put(key, file.bytes, type);
    const next = withDerived({ ...w, deliveryPhotoKey: key, version: w.version + 1, updatedAt: toShanghaiIso(now) });
    try {
      await this.deps.store.commit([{ kind: 'replace', next, expected: w }]);
      // The photo it replaces is nobody's any more.
      if (w.deliveryPhotoKey) await this.deps.photos.delete(w.deliveryPhotoKey).catch(() => undefined);
    } catch (error) {
      await this.deps.photos.delete(key).catch(() => undefined);
      if (refusedAt(error)) throw conflict('WISH_CHANGED', '这个心愿刚刚有了变化，请刷新后再上传');
      throw error;
    }
    return this.claimedView(next, principal.userId, now);
  }

  async myClaims(principal: Principal, now: Date) {
    const items = await this.deps.store.byClaimant(principal.userId);
    const [stations, photos] = await Promise.all([this.stationsOf(items), this.photoUrls(items.filter((w) => w.claimantId === principal.userId), now)]);
    return { items: items.map((w) => this.claimed(w, stations, principal.userId, photos)), subscribeTemplateIds: [this.deps.templates.wishClaim] };
  }

  // Staff -------------------------------------------------------------------------------------------------

  async regionList(q: { regionCode: string; status: 'pending_review' | 'active' | 'all'; limit: number; cursor?: string }, now: Date) {
    const filter = q.status === 'pending_review' ? { begins: `${RANK_REVIEW}#` } : q.status === 'active' ? { before: `${RANK_DONE}#` } : {};
    const page = await this.deps.store.regionPage(q.regionCode, filter, q.limit, q.cursor);
    const [stations, volunteers, photos] = await Promise.all([
      this.stationsOf(page.items),
      this.deps.store.volunteers(page.items.flatMap((w) => (w.claimantId ? [w.claimantId] : []))),
      this.photoUrls(page.items, now),
    ]);
    return { items: page.items.map((w) => this.staff(w, stations, volunteers, photos)), nextCursor: page.nextCursor };
  }

  async moderate(actor: Principal, id: string, action: 'approve' | 'return', reason: string | undefined, expectedVersion: number, now: Date): Promise<StaffWish> {
    const w = await this.load(id);
    const change = action === 'approve' ? { approvedAt: toShanghaiIso(now), staffNote: undefined } : { staffNote: reason };
    const next = await this.lifecycle.move(
      w,
      {
        action,
        actor: 'staff',
        actorId: actor.userId,
        expectedVersion,
        note: reason,
        change,
        extra: (n) => [
          this.toWorker(
            w,
            now,
            action === 'approve'
              ? { title: n.title, phrase: '已上墙', remark: '心愿已通过审核，等待爱心人士认领' }
              : { title: n.title, phrase: '待修改', remark: reason ?? '请按提示修改后重新提交' },
          ),
        ],
      },
      now,
    );
    return this.staffView(next, now);
  }

  async close(actor: Principal, id: string, reason: string, expectedVersion: number, now: Date): Promise<StaffWish> {
    const w = await this.load(id);
    const next = await this.lifecycle.move(
      w,
      {
        action: 'close',
        actor: 'staff',
        actorId: actor.userId,
        expectedVersion,
        note: reason,
        change: { staffNote: reason, remindedAt: undefined },
        // A volunteer still holding the claim is told not to buy or bring anything.
        extra: (n) =>
          w.claimantId && (w.status === 'claimed' || w.status === 'delivered')
            ? [
                wishMessage(
                  now,
                  { userId: w.claimantId, templateId: this.deps.templates.wishClaim, page: `pkg-wishes/claimed/index?id=${w.id}` },
                  { title: n.title, phrase: '已关闭', remark: reason },
                ),
              ]
            : [],
      },
      now,
    );
    return this.staffView(next, now);
  }

  async revealClaimant(actor: Principal, id: string, now: Date) {
    const w = await this.load(id);
    const v = w.claimantId ? await this.deps.store.getVolunteer(w.claimantId) : null;
    if (!w.claimantId || !v) throw conflict('INVALID_TRANSITION', '这个心愿目前没有认领人');
    const plain = JSON.parse(await this.deps.cipher.decrypt(v.pii, volunteerContext(v.userId))) as { name: string; mobile: string };
    await recordReveal(this.deps.audit, actor.userId, { type: 'volunteer', id: v.userId, regionCode: w.districtCode, detail: { field: 'contact', wishId: w.id } }, now);
    return { name: plain.name, mobile: plain.mobile };
  }

  async stats(q: { regionCode: string; from?: string; to?: string }, now: Date): Promise<WishStats> {
    const to = q.to ?? toShanghaiIso(now).slice(0, 10);
    const from = q.from ?? toShanghaiIso(new Date(new Date(`${to}T00:00:00+08:00`).getTime() - 365 * DAY_MS)).slice(0, 10);
    if (from > to) throw badRequest('INVALID_PARAMETER', '开始日期不能晚于结束日期', { field: 'from' });
    const all = await this.deps.store.region(q.regionCode);
    const inPeriod = all.filter((w) => {
      const posted = w.postedAt.slice(0, 10);
      return posted >= from && posted <= to;
    });
    const byCategory = Object.fromEntries(WISH_CATEGORIES.map((c) => [c, 0])) as Record<string, number>;
    const days: number[] = [];
    let claimed = 0;
    let lapsed = 0;
    for (const w of inPeriod) {
      byCategory[w.category] = (byCategory[w.category] ?? 0) + 1;
      if (w.claimCount > 0) claimed += 1;
      lapsed += w.lapsedCount;
      if (w.fulfilledAt) days.push((new Date(w.fulfilledAt).getTime() - new Date(w.postedAt).getTime()) / DAY_MS);
    }
    return {
      regionCode: q.regionCode,
      from,
      to,
      posted: inPeriod.length,
      claimed,
      fulfilled: days.length,
      lapsed,
      medianDaysToFulfil: median(days),
      byCategory,
    };
  }

  // Stations ------------------------------------------------------------------------------------------------

  /** What the host sees: claimed, delivered and handed-over wishes, with the pickup code, nothing personal. */
  async stationList(stationId: string) {
    const items = await this.deps.store.byStation(stationId);
    return { items: items.filter((w) => w.pickupCode && ['claimed', 'delivered', 'fulfilled', 'thanked'].includes(w.status)).map((w) => this.host(w)) };
  }

  async handover(actor: Principal, stationId: string, code: string, now: Date): Promise<HostWish> {
    const items = await this.deps.store.byStation(stationId);
    const match = items.find((w) => w.pickupCode === code && (w.status === 'claimed' || w.status === 'delivered'));
    if (!match) throw badRequest('PICKUP_CODE_INVALID', '取件码不正确，或这个心愿不在本驿站交接，请核对后再试', { field: 'code' });
    const w = await this.load(match.id);
    if (w.status === 'claimed') throw conflict('INVALID_TRANSITION', '爱心人士还没有把物品送到驿站，请送达后再交接');
    const next = await this.lifecycle.move(w, this.receivedMove(w, 'host', actor.userId, now), now);
    return this.host(next);
  }
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return Math.round(value * 10) / 10;
}
