import { toShanghaiIso } from '@yz/shared';
import type { Db } from '../platform/db';
import { stationReader } from '../stations/ports';
import { DynamoBoardStore, type CodeItem, type EventContent, type FollowItem, type PersonItem, type PostItem, type ReportItem, type ReservationItem } from './store';

/**
 * What "导出我的数据" (GET /me/data) shows of a person's notice board, and what deleting the account
 * does to it. The person's items are one query (GSI byUser, tables.ts); posts are read by id for their
 * titles. Kept apart from the service so the accounts function reads it without the board's rules.
 */

interface PersonBoard {
  follows: FollowItem[];
  reservations: ReservationItem[];
  codes: CodeItem[];
  reports: ReportItem[];
}

/** Tells the person's items apart by their key's prefix (tables.ts). */
function sorted(items: PersonItem[]): PersonBoard {
  const out: PersonBoard = { follows: [], reservations: [], codes: [], reports: [] };
  for (const item of items) {
    if (item.id.startsWith('follow#')) out.follows.push(item as FollowItem);
    else if (item.id.startsWith('res#')) out.reservations.push(item as ReservationItem);
    else if (item.id.startsWith('code#')) out.codes.push(item as CodeItem);
    else if (item.id.startsWith('rep#')) out.reports.push(item as ReportItem);
  }
  return out;
}

const shanghai = (iso: string) => toShanghaiIso(new Date(iso));

/** Where a reservation stands as the person would put it. */
function reservationStatus(post: PostItem | null, checkedInAt: string | undefined, now: string): 'checked_in' | 'cancelled' | 'ended' | 'reserved' {
  if (checkedInAt) return 'checked_in';
  if (!post || post.status !== 'active') return 'cancelled';
  return post.endsAt <= now ? 'ended' : 'reserved';
}

export async function boardRecords(db: Db, userId: string, now: Date): Promise<Record<string, unknown[]>> {
  const store = new DynamoBoardStore(db);
  const mine = sorted(await store.personItems(userId));
  const stations = stationReader(db);
  const posts = new Map<string, PostItem | null>();
  for (const postId of new Set(mine.reservations.map((r) => r.postId))) posts.set(postId, await store.get(postId));
  const checkedIn = new Map(mine.codes.map((c) => [`${c.codeOf}#${c.code}`, c.checkedInAt]));
  const follows = await Promise.all(
    mine.follows.map(async (f) => ({ stationId: f.followerOf, stationName: (await stations.find(f.followerOf))?.name ?? null, followedAt: shanghai(f.followedAt) })),
  );
  return {
    boardFollows: follows,
    boardReservations: mine.reservations.map((r) => {
      const post = posts.get(r.postId) ?? null;
      const checkedInAt = checkedIn.get(`${r.postId}#${r.code}`);
      return {
        postId: r.postId,
        eventTitle: post ? (post.content as EventContent).title : null,
        stationId: post?.stationId ?? null,
        stationName: post?.stationName ?? null,
        code: r.code,
        status: reservationStatus(post, checkedInAt, now.toISOString()),
        reservedAt: shanghai(r.reservedAt),
        checkedInAt: checkedInAt ? shanghai(checkedInAt) : null,
      };
    }),
    boardReports: mine.reports.map((r) => ({ postId: r.reportOf, reason: r.reason, note: r.note, reportedAt: shanghai(r.reportedAt) })),
  };
}

export interface BoardForgetReport {
  followsDeleted: number;
  reservationsReleased: number;
  reservationsAnonymised: number;
  reportsUnlinked: number;
}

/**
 * Deleting an account: the follows are deleted; a reservation of an event that has not started and is
 * not checked in gives its place back (reservation, code and count in one transaction: a check-in or
 * the start landing first keeps it); any other stays only as its anonymous code, counted in `reserved`
 * and `checkedIn` as before; reports stay with staff under a new key without the account.
 */
export async function forgetBoardPerson(db: Db, userId: string, now: Date): Promise<BoardForgetReport> {
  const store = new DynamoBoardStore(db);
  const mine = sorted(await store.personItems(userId));
  const report: BoardForgetReport = { followsDeleted: 0, reservationsReleased: 0, reservationsAnonymised: 0, reportsUnlinked: 0 };
  for (const follow of mine.follows) {
    await store.unfollow(follow.followerOf, userId);
    report.followsDeleted += 1;
  }
  // A code seen without its reservation (the index lags a write) is handled the same way: by its keys.
  const places = new Map<string, { postId: string; code: string }>();
  for (const r of mine.reservations) places.set(`${r.postId}#${r.code}`, { postId: r.postId, code: r.code });
  for (const c of mine.codes) places.set(`${c.codeOf}#${c.code}`, { postId: c.codeOf, code: c.code });
  const at = now.toISOString();
  for (const { postId, code } of places.values()) {
    if ((await store.releaseReservation(postId, userId, code, at)) === 'released') {
      report.reservationsReleased += 1;
    } else {
      await store.anonymiseReservation(postId, userId, code);
      report.reservationsAnonymised += 1;
    }
  }
  for (const r of mine.reports) {
    await store.unlinkReport(r, userId);
    report.reportsUnlinked += 1;
  }
  return report;
}
