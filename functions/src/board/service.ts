import { randomBytes, randomInt } from 'node:crypto';
import {
  BOARD_NEARBY_METERS,
  distanceMeters,
  JOB_MAX_DAYS,
  WEEKDAYS,
  WEEKLY_EVENT_MAX_DAYS,
  type EventAttendance,
  type EventWhen,
  type LatLng,
  type PostKind,
  type PostPage,
  type PostReportReason,
  type PostView,
  type Reservation,
  type Station,
  type StationFollow,
  toShanghaiIso,
} from '@yz/shared';
import type * as z from 'zod';
import type { EventBody as EventSchema, JobBody as JobSchema, ReportedPostPage } from '@yz/shared';
import { decodeCursor, encodeCursor, invalidCursor, pageKey } from '../platform/cursor';
import { badRequest, conflict, notFound } from '../platform/errors';
import type { Principal } from '../platform/users';
import { mapPool } from '../platform/pool';
import { WECHAT_SUBSCRIBE, type SubscriptionGrants, type WechatSubscribePayload } from '../platform/subscriptions';
import { moneyAsked } from './scam-guard';
import type { BoardStore, EventContent, JobContent, PostItem } from './store';
import { BOARD_CELL_PRECISION, boardPostsTable } from './tables';

/** The rules of the notice board: who posts what, the scam guard, the lists, places and check-in. No AWS here. */

export interface BoardDeps {
  store: BoardStore;
  /** The stations domain's port: the posting station's name, district and point. */
  stations: { find(id: string): Promise<Station | null> };
  /** Geohash cells a circle touches, nearest first (the stations domain's geometry). */
  cover(center: LatLng, radius: number, precision: number): { hash: string }[];
  encode(point: LatLng, precision: number): string;
  /** The sliding-window limit (platform/rate-limit.ts). */
  limiter: { hit(key: string, limit: number, now: Date): Promise<void> };
  /** Four random digits; replaceable so tests can force code collisions. */
  newCode?: () => string;
  /** Queues a message for the outbox job (platform/outbox.ts). */
  outbox: { enqueue(kind: string, payload: Record<string, unknown>, now: Date): Promise<unknown> };
  /** Subscribe grants (platform/subscriptions.ts): a follow's consent to the new-post message. */
  grants: Pick<SubscriptionGrants, 'add'>;
  /** The subscribe-message template a new post is announced with (stage settings). */
  templates: { boardPost: string };
}

type JobInput = z.output<typeof JobSchema>;
type EventInput = z.output<typeof EventSchema>;

const DAY_MS = 86_400_000;
/** Phone reveals one person may make in any minute: enough to call a few employers, not to harvest a board. */
export const PHONE_REVEALS_PER_MINUTE = 10;
/** Items stay this long after their end (for staff's figures), then TTL removes them. */
const KEEP_AFTER_END_DAYS = 180;
/** A one-time event may be announced at most this far ahead. */
const EVENT_MAX_AHEAD_DAYS = 180;

const utc = (date: string, clock: string) => new Date(`${date}T${clock}:00+08:00`).toISOString();
const shanghaiDay = (d: Date) => toShanghaiIso(d).slice(0, 10);
const addDays = (date: string, days: number) => new Date(new Date(`${date}T12:00:00+08:00`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
const weekdayOf = (date: string) => WEEKDAYS[(new Date(`${date}T12:00:00+08:00`).getUTCDay() + 6) % 7]!;
const shanghai = (iso: string) => toShanghaiIso(new Date(iso));

const refused = (field: string, wording: string) =>
  badRequest('POST_ASKS_FOR_MONEY', `发布内容中有“${wording}”：驿站不发布向劳动者收取押金、培训费、服装费、中介费等任何费用的信息`, { field });
const datesInvalid = (message: string, field: string) => badRequest('POST_DATES_INVALID', message, { field });

/** When an event happens: its first start and last end (UTC ISO), or null when no day falls in its range. */
export function eventSpan(when: EventWhen): { startsAt: string; endsAt: string } | null {
  if (when.kind === 'once') return { startsAt: utc(when.date, when.start), endsAt: utc(when.date, when.end) };
  let first: string | null = null;
  let last: string | null = null;
  for (let day = when.from; day <= when.until; day = addDays(day, 1)) {
    if (!when.days.includes(weekdayOf(day))) continue;
    first ??= day;
    last = day;
  }
  return first && last ? { startsAt: utc(first, when.start), endsAt: utc(last, when.end) } : null;
}

/** A job's end: 30 days from `from`, or the end of its last working day if sooner. */
export function jobEnd(dates: JobContent['dates'], from: Date): string {
  const cap = new Date(from.getTime() + JOB_MAX_DAYS * DAY_MS).toISOString();
  if (dates.kind === 'long_term') return cap;
  const lastDay = utc(dates.to, '23:59');
  return lastDay < cap ? lastDay : cap;
}

/** Events by start, then jobs newest first; the id makes every rank unique. */
function rankOf(kind: PostKind, startsAt: string, postedAt: Date, id: string): string {
  if (kind === 'event') return `e#${startsAt}#${id}`;
  return `j#${String(9_999_999_999_999 - postedAt.getTime()).padStart(13, '0')}#${id}`;
}

export class BoardService {
  private readonly newCode: () => string;

  constructor(private readonly deps: BoardDeps) {
    this.newCode = deps.newCode ?? (() => String(randomInt(0, 10_000)).padStart(4, '0'));
  }

  view(p: PostItem, distance: number | null = null): PostView {
    const common = {
      id: p.id,
      station: { id: p.stationId, name: p.stationName },
      districtCode: p.districtCode,
      address: p.address,
      location: p.location,
      postedAt: shanghai(p.postedAt),
      endsAt: shanghai(p.endsAt),
      status: p.status,
      distanceMeters: distance === null ? null : Math.round(distance),
    };
    if (p.content.kind === 'job') return { ...common, ...p.content };
    return { ...common, ...p.content, startsAt: shanghai(p.startsAt), reserved: p.reserved ?? 0 };
  }

  private async load(id: string): Promise<PostItem> {
    const post = await this.deps.store.get(id);
    if (!post) throw notFound('POST_NOT_FOUND', '没有找到这条信息，它可能已被撤下');
    return post;
  }

  private static live(p: PostItem, now: Date): boolean {
    return p.status === 'active' && p.endsAt > now.toISOString();
  }

  // Posting -----------------------------------------------------------------------------------------

  async create(principal: Principal, stationId: string, body: JobInput | EventInput, now: Date): Promise<PostView> {
    const station = await this.deps.stations.find(stationId);
    if (!station) throw notFound('STATION_NOT_FOUND', '没有找到这个驿站，它可能已被删除');
    const texts: [string, string][] =
      body.kind === 'job'
        ? [
            ['employer', body.employer],
            ['work', body.work],
            ['requirements', body.requirements],
          ]
        : [
            ['title', body.title],
            ['gives', body.gives],
          ];
    if (body.place.kind === 'address') texts.push(['place.address', body.place.address]);
    for (const [field, text] of texts) {
      const ask = moneyAsked(text);
      if (ask) throw refused(field, ask.wording);
    }
    const place = body.place.kind === 'station' ? (station.location ? { address: station.address, location: station.location } : null) : { address: body.place.address, location: body.place.location };
    if (!place) throw badRequest('STATION_NOT_ON_MAP', '这个驿站还没有在地图上标出位置，请填写活动或工作的地址', { field: 'place' });

    const id = `bp_${randomBytes(10).toString('hex')}`;
    const nowIso = now.toISOString();
    let content: JobContent | EventContent;
    let startsAt: string;
    let endsAt: string;
    if (body.kind === 'job') {
      const { kind, employer, work, pay, dates, headcount, requirements } = body;
      if (dates.kind === 'dates' && dates.to < shanghaiDay(now)) throw datesInvalid('用工结束日期已经过去', 'dates.to');
      content = { kind, employer, work, pay, dates, headcount, requirements };
      startsAt = nowIso;
      endsAt = jobEnd(dates, now);
    } else {
      const { kind, title, category, when, gives, capacity } = body;
      if (when.kind === 'weekly' && addDays(when.from, WEEKLY_EVENT_MAX_DAYS) < when.until) throw datesInvalid(`每周举办的活动最长 ${WEEKLY_EVENT_MAX_DAYS} 天，到期后可再发布`, 'when.until');
      const span = eventSpan(when);
      if (!span) throw datesInvalid('所选日期范围内没有所选的星期几', 'when.days');
      if (span.endsAt <= nowIso) throw datesInvalid('活动时间已经过去', 'when');
      if (span.startsAt > new Date(now.getTime() + EVENT_MAX_AHEAD_DAYS * DAY_MS).toISOString()) throw datesInvalid(`只能发布 ${EVENT_MAX_AHEAD_DAYS} 天内的活动`, 'when');
      content = { kind, title, category, when, gives, capacity };
      ({ startsAt, endsAt } = span);
    }
    const item: PostItem = {
      id,
      kind: body.kind,
      stationId: station.id,
      stationName: station.name,
      districtCode: station.district.code,
      address: place.address,
      location: place.location,
      content,
      ...(body.kind === 'job' ? { phone: body.phone } : {}),
      ...(body.kind === 'event' && body.capacity !== null ? { capacity: body.capacity } : {}),
      status: 'active',
      postedAt: nowIso,
      updatedAt: nowIso,
      startsAt,
      endsAt,
      rank: rankOf(body.kind, startsAt, now, id),
      listCell: this.deps.encode(place.location, BOARD_CELL_PRECISION),
      listStation: station.id,
      listDistrict: station.district.code,
      listed: 'listed',
      figuresProvince: station.district.code.slice(0, 2),
      figuresSort: `${station.district.code}#${nowIso}#${id}`,
      reportCount: 0,
      phoneReveals: 0,
      reserved: 0,
      checkedIn: 0,
      postedBy: principal.userId,
      expiresAtEpoch: Math.floor(new Date(endsAt).getTime() / 1000) + KEEP_AFTER_END_DAYS * 86_400,
    };
    await this.deps.store.create(item);
    await this.announce(item, now);
    return this.view(item);
  }

  /**
   * 关注驿站: one subscribe message per follower of the posting station, through the outbox. Queued
   * after the post is written, not with it: a station's followers outnumber what one transaction
   * holds. A failure here leaves the post up and some followers untold, never a message for no post.
   */
  private async announce(post: PostItem, now: Date): Promise<void> {
    const followers = await this.deps.store.followers(post.stationId);
    const when = toShanghaiIso(new Date(post.content.kind === 'event' ? post.startsAt : post.postedAt)).slice(0, 16).replace('T', ' ');
    const title = post.content.kind === 'event' ? post.content.title : `${post.content.employer}招工`;
    await mapPool(followers, 8, (userId) =>
      this.deps.outbox.enqueue(
        WECHAT_SUBSCRIBE,
        {
          userId,
          templateId: this.deps.templates.boardPost,
          page: `pkg-board/post/index?id=${post.id}`,
          // Short words only (WeChat's thing ≤ 20 characters); no phone, no person.
          data: {
            thing1: post.stationName.slice(0, 20),
            thing2: title.slice(0, 20),
            time3: when,
            phrase4: post.content.kind === 'event' ? '新活动' : '新招聘',
          },
        } satisfies WechatSubscribePayload,
        now,
      ),
    );
  }

  async renew(id: string, now: Date): Promise<PostView> {
    const post = await this.load(id);
    if (post.content.kind !== 'job' || post.status !== 'active') throw conflict('POST_NOT_ACTIVE', '只有正在发布的招聘信息可以续期');
    const endsAt = jobEnd(post.content.dates, now);
    if (endsAt <= now.toISOString()) throw conflict('POST_NOT_ACTIVE', '用工日期已经过去，不能续期');
    const next = await this.deps.store.update(id, {
      expectStatus: 'active',
      set: {
        endsAt,
        updatedAt: now.toISOString(),
        expiresAtEpoch: Math.floor(new Date(endsAt).getTime() / 1000) + KEEP_AFTER_END_DAYS * 86_400,
        // Renewed after the expiry job took it off the lists: it goes back on them.
        ...(post.location ? { listCell: this.deps.encode(post.location, BOARD_CELL_PRECISION), listStation: post.stationId, listDistrict: post.districtCode, listed: 'listed' as const } : {}),
      },
    });
    if (!next) throw conflict('POST_NOT_ACTIVE', '这条信息已被撤下或隐藏');
    return this.view(next);
  }

  async withdraw(id: string, now: Date): Promise<PostView> {
    await this.load(id);
    const next = await this.deps.store.update(id, { expectStatus: 'active', set: { status: 'withdrawn', updatedAt: now.toISOString() }, unlist: true });
    if (!next) throw conflict('POST_NOT_ACTIVE', '这条信息已被撤下或隐藏');
    return this.view(next);
  }

  // Following (关注驿站) ---------------------------------------------------------------------------

  private followView(stationId: string, following: boolean): StationFollow {
    return { stationId, following, subscribeTemplateIds: [this.deps.templates.boardPost] };
  }

  async followState(principal: Principal, stationId: string): Promise<StationFollow> {
    return this.followView(stationId, await this.deps.store.isFollowing(stationId, principal.userId));
  }

  async follow(principal: Principal, stationId: string, results: Record<string, string>, now: Date): Promise<StationFollow> {
    const station = await this.deps.stations.find(stationId);
    if (!station) throw notFound('STATION_NOT_FOUND', '没有找到这个驿站，它可能已被删除');
    await this.deps.store.follow(stationId, principal.userId, now.toISOString());
    // Only this feature's template counts: a forged answer for another template grants nothing.
    if (results[this.deps.templates.boardPost] === 'accept') await this.deps.grants.add(principal.userId, [this.deps.templates.boardPost], now);
    return this.followView(stationId, true);
  }

  async unfollow(principal: Principal, stationId: string): Promise<StationFollow> {
    await this.deps.store.unfollow(stationId, principal.userId);
    return this.followView(stationId, false);
  }

  // Reading -----------------------------------------------------------------------------------------

  async getPost(id: string): Promise<PostView> {
    const post = await this.load(id);
    // Hidden and withdrawn posts are gone for workers; an ended one still opens (with its end shown).
    if (post.status !== 'active') throw notFound('POST_NOT_FOUND', '没有找到这条信息，它可能已被撤下');
    return this.view(post);
  }

  async stationBoard(stationId: string, now: Date): Promise<{ items: PostView[] }> {
    const items = await this.deps.store.list('byStation', stationId);
    return { items: items.filter((p) => BoardService.live(p, now)).map((p) => this.view(p)) };
  }

  async nearby(q: { lat?: number; lng?: number; districtCode?: string; kind?: PostKind; limit: number; cursor?: string }, now: Date): Promise<PostPage> {
    const center = q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : null;
    const key = center ? pageKey(boardPostsTable, 'byCell') : pageKey(boardPostsTable, 'byDistrict', { listDistrict: q.districtCode! });
    const after = decodeCursor(q.cursor, key);
    const afterRank = after ? String(after.rank) : undefined;
    const found: { post: PostItem; distance: number | null }[] = [];
    if (center) {
      const cells = this.deps.cover(center, BOARD_NEARBY_METERS, BOARD_CELL_PRECISION);
      const lists = await Promise.all(cells.map((cell) => this.deps.store.list('byCell', cell.hash, afterRank)));
      for (const post of lists.flat()) {
        const distance = post.location ? distanceMeters(center, post.location) : Infinity;
        if (distance <= BOARD_NEARBY_METERS) found.push({ post, distance });
      }
    } else {
      for (const post of await this.deps.store.list('byDistrict', q.districtCode!, afterRank)) found.push({ post, distance: null });
    }
    const wanted = found
      .filter(({ post }) => BoardService.live(post, now) && (!q.kind || post.kind === q.kind))
      .sort((a, b) => (a.post.rank < b.post.rank ? -1 : a.post.rank > b.post.rank ? 1 : 0));
    const page = wanted.slice(0, q.limit);
    const last = page[page.length - 1]?.post;
    const more = wanted.length > q.limit && last;
    return {
      items: page.map(({ post, distance }) => this.view(post, distance)),
      nextCursor: more ? encodeCursor(Object.fromEntries(key.names.map((n) => [n, (last as unknown as Record<string, unknown>)[n]]))) : null,
    };
  }

  // Workers -----------------------------------------------------------------------------------------

  async revealPhone(principal: Principal, id: string, now: Date): Promise<{ phone: string; reveals: number }> {
    await this.deps.limiter.hit(`board-phone#${principal.userId}`, PHONE_REVEALS_PER_MINUTE, now);
    const post = await this.load(id);
    if (post.kind !== 'job' || !BoardService.live(post, now)) throw conflict('POST_NOT_ACTIVE', '这条招聘已结束或已撤下');
    const counted = await this.deps.store.countPhoneReveal(id);
    if (!counted || !counted.phone) throw conflict('POST_NOT_ACTIVE', '这条招聘已结束或已撤下');
    return { phone: counted.phone, reveals: counted.phoneReveals };
  }

  async report(principal: Principal, id: string, body: { reason: PostReportReason; note: string }, now: Date): Promise<{ received: true }> {
    const post = await this.load(id);
    if (post.status === 'withdrawn') throw notFound('POST_NOT_FOUND', '没有找到这条信息，它可能已被撤下');
    const at = now.toISOString();
    await this.deps.store.report(
      post,
      { id: `rep#${id}#${principal.userId}`, reportOf: id, userId: principal.userId, reason: body.reason, note: body.note, reportedAt: at },
      `${post.districtCode}#${at}#${id}`,
    );
    return { received: true };
  }

  async reserve(principal: Principal, id: string, now: Date): Promise<Reservation> {
    const post = await this.load(id);
    if (post.content.kind !== 'event' || post.content.capacity === null) throw conflict('EVENT_NOT_LIMITED', '这个活动不限名额，直接去就行');
    if (!BoardService.live(post, now)) throw conflict('POST_NOT_ACTIVE', '这个活动已结束或已撤下');
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const outcome = await this.deps.store.reserve(post, principal.userId, this.newCode(), now.toISOString());
      switch (outcome.kind) {
        case 'reserved':
          return { postId: id, code: outcome.code, reservedAt: shanghai(outcome.reservedAt), checkedInAt: null };
        case 'already':
          return { postId: id, code: outcome.code, reservedAt: shanghai(outcome.reservedAt), checkedInAt: outcome.checkedInAt ? shanghai(outcome.checkedInAt) : null };
        case 'full':
          throw conflict('EVENT_FULL', '名额已经约满了，下次早点来');
        case 'unavailable':
          throw conflict('POST_NOT_ACTIVE', '这个活动已结束或已撤下');
        case 'codeTaken':
          continue;
      }
    }
    throw conflict('EVENT_FULL', '名额已经约满了，下次早点来');
  }

  // Hosts -------------------------------------------------------------------------------------------

  async attendance(id: string): Promise<EventAttendance> {
    const post = await this.load(id);
    if (post.content.kind !== 'event' || post.content.capacity === null) throw conflict('EVENT_NOT_LIMITED', '这个活动不限名额，没有签到码');
    const codes = await this.deps.store.codes(id);
    return {
      capacity: post.content.capacity,
      reserved: codes.length,
      checkedIn: codes.filter((c) => c.checkedInAt).length,
      codes: codes.map((c) => ({ code: c.code, checkedIn: Boolean(c.checkedInAt) })).sort((a, b) => a.code.localeCompare(b.code)),
    };
  }

  async checkIn(id: string, code: string, now: Date): Promise<EventAttendance> {
    const post = await this.load(id);
    if (post.content.kind !== 'event' || post.content.capacity === null) throw conflict('EVENT_NOT_LIMITED', '这个活动不限名额，没有签到码');
    const result = await this.deps.store.checkIn(id, code, now.toISOString());
    if (result === 'unknown') throw badRequest('CHECKIN_CODE_INVALID', '签到码不对，请对方再看一下“我要去”里的 4 位数字', { field: 'code' });
    if (result === 'already') throw conflict('ALREADY_CHECKED_IN', '这个签到码已经签过到了');
    return this.attendance(id);
  }

  // Staff -------------------------------------------------------------------------------------------

  async reported(q: { regionCode: string; limit: number; cursor?: string }): Promise<z.output<typeof ReportedPostPage>> {
    const start = decodeCursor(q.cursor, pageKey(boardPostsTable, 'byReview', { reviewQueue: 'reported' }));
    if (start && !String(start.reviewSort).startsWith(q.regionCode)) throw invalidCursor();
    const page = await this.deps.store.reviewPage(q.regionCode, q.limit, start);
    const items = await Promise.all(
      page.items.map(async (post) => ({
        post: this.view(post),
        reports: (await this.deps.store.reportsOf(post.id)).map((r) => ({ reason: r.reason, note: r.note, at: shanghai(r.reportedAt) })),
      })),
    );
    return { items, nextCursor: encodeCursor(page.last) };
  }

  async moderate(principal: Principal, id: string, body: { action: 'hide' | 'keep'; note: string }, now: Date): Promise<PostView> {
    await this.load(id);
    const at = now.toISOString();
    const moderation = { action: body.action, note: body.note, at, by: principal.userId };
    const next =
      body.action === 'hide'
        ? await this.deps.store.update(id, { set: { status: 'hidden', updatedAt: at, moderation }, unlist: true, unqueue: true })
        : await this.deps.store.update(id, { set: { updatedAt: at, moderation }, unqueue: true });
    if (!next) throw notFound('POST_NOT_FOUND', '没有找到这条信息，它可能已被撤下');
    return this.view(next);
  }
}

