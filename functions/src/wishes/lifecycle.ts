import { randomInt } from 'node:crypto';
import {
  isActiveWish,
  isOnWall,
  mayAct,
  nextWishStatus,
  PICKUP_CODE_ALPHABET,
  toShanghaiIso,
  WISH_ACTION_LABELS,
  WISH_ACTIONS,
  WISH_STATUS_LABELS,
  type WishAction,
  type WishActor,
  type WishStatus,
} from '@yz/shared';
import { AppError, conflict } from '../platform/errors';
import { refusedAt } from '../platform/transaction';
import { WECHAT_SUBSCRIBE, type WechatSubscribePayload } from '../platform/subscriptions';
import type { StoredTimelineEntry, WishItem, WishStore, WishWrite } from './store-port';

/**
 * The life of a wish, as code: every move is looked up in WISH_TRANSITIONS (who may make it, from
 * which states), written as a replacement of the item conditional on the status and version that
 * were read, and appended to the wish's timeline. Shared by the service (requests) and the
 * claim-expiry job (lapses and reminders), so both obey the same table.
 */

/**
 * The fewest moves that bring a newly posted wish (pending_review) to `status`, read off the state
 * table breadth first: demo data and tests that need a wish in a given state walk these.
 */
export function movesFromPosting(status: WishStatus): WishAction[] {
  const roads = new Map<WishStatus, WishAction[]>([['pending_review', []]]);
  for (const [from, road] of roads) {
    for (const action of WISH_ACTIONS) {
      const to = nextWishStatus(from, action);
      if (to && !roads.has(to)) roads.set(to, [...road, action]);
    }
  }
  const road = roads.get(status);
  if (!road) throw new Error(`no move leads from pending_review to ${status}`);
  return road;
}

export const CLAIM_LOST_MESSAGE = '手慢了，这个心愿已被其他爱心人士认领';

export function transitionRefused(wish: Pick<WishItem, 'status' | 'version'>, action: WishAction): AppError {
  return conflict('INVALID_TRANSITION', `这个心愿${WISH_STATUS_LABELS[wish.status]}，不能${WISH_ACTION_LABELS[action]}`, {
    current: { status: wish.status, version: wish.version },
  });
}

export function wishChanged(wish: Pick<WishItem, 'status' | 'version'>): AppError {
  return conflict('WISH_CHANGED', `这个心愿刚刚有了变化（现在${WISH_STATUS_LABELS[wish.status]}），请刷新后再操作`, {
    current: { status: wish.status, version: wish.version },
  });
}

export const claimLost = () => conflict('WISH_ALREADY_CLAIMED', CLAIM_LOST_MESSAGE);

const STATUS_RANK: Record<WishStatus, string> = {
  pending_review: '1',
  returned: '2',
  open: '2',
  claimed: '2',
  delivered: '2',
  fulfilled: '3',
  thanked: '3',
  withdrawn: '3',
  closed: '3',
};
/** statusKey prefixes for the staff filters. */
export const RANK_REVIEW = '1';
export const RANK_DONE = '3';

const utc = (shanghaiIso: string) => new Date(shanghaiIso).toISOString();

/**
 * The attributes that follow from a wish's status (index keys), recomputed on every write so that a
 * wish is on the wall, in the job's queue and in the right staff list exactly when its state says so.
 */
export function withDerived(item: WishItem): WishItem {
  const {
    wall: _wall,
    wallBucket: _bucket,
    wallSort: _sort,
    dueQueue: _queue,
    dueAt: _due,
    ...rest
  } = item;
  const next: WishItem = { ...rest, statusKey: `${STATUS_RANK[item.status]}#${utc(item.postedAt)}#${item.id}` };
  if (isOnWall(item.status)) {
    const done = item.status === 'fulfilled' || item.status === 'thanked';
    next.wall = 'wall';
    next.wallBucket = item.status === 'open' ? 'open' : done ? 'done' : 'progress';
    next.wallSort = `${utc((done ? item.fulfilledAt : item.approvedAt) ?? item.postedAt)}#${item.id}`;
  }
  if (item.status === 'claimed' && item.claimDeadline) {
    next.dueQueue = 'claims';
    next.dueAt = item.dueAt ?? utc(item.claimDeadline);
  }
  return next;
}

export function pickupCode(): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += PICKUP_CODE_ALPHABET[randomInt(PICKUP_CODE_ALPHABET.length)];
  return code;
}

export interface Move {
  action: WishAction;
  actor: WishActor;
  actorId: string;
  /** The version the caller saw; absent for moves that carry none (claim, the job, a station handover). */
  expectedVersion?: number;
  note?: string;
  /** Attributes to set (undefined removes one). */
  change?: Partial<Record<keyof WishItem, unknown>>;
  /** More writes in the same transaction (notifications). */
  extra?: (next: WishItem) => WishWrite[];
}

/** What a claim leaves behind when it ends without delivery (cancelled, lapsed). */
export function releasedClaim(): Move['change'] {
  return {
    claimantId: undefined,
    claimedAt: undefined,
    claimDeadline: undefined,
    dueAt: undefined,
    remindedAt: undefined,
    pickupCode: undefined,
    deliveryPhotoKey: undefined,
  };
}

/** The item after a move, or the refusal. Pure: the caller writes it. */
export function applyMove(wish: WishItem, move: Move, now: Date): WishItem {
  if (!mayAct(move.actor, move.action)) throw new AppError(403, 'FORBIDDEN', `${WISH_ACTION_LABELS[move.action]}不是您能做的操作`);
  const to = nextWishStatus(wish.status, move.action);
  if (!to) throw transitionRefused(wish, move.action);
  if (move.expectedVersion !== undefined && move.expectedVersion !== wish.version) throw wishChanged(wish);
  const at = toShanghaiIso(now);
  const entry: StoredTimelineEntry = {
    at,
    action: move.action,
    from: wish.status,
    to,
    by: move.actor,
    actorId: move.actorId,
    ...(move.note ? { note: move.note } : {}),
  };
  const next: Record<string, unknown> = { ...wish, status: to, version: wish.version + 1, updatedAt: at, timeline: [...wish.timeline, entry] };
  for (const [key, value] of Object.entries(move.change ?? {})) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return withDerived(next as unknown as WishItem);
}

export interface Lifecycle {
  /** Makes the move against the stored wish; refused moves leave it unchanged. Returns the new item. */
  move(wish: WishItem, move: Move, now: Date): Promise<WishItem>;
}

export function createLifecycle(store: WishStore): Lifecycle {
  return {
    async move(wish, move, now) {
      const next = applyMove(wish, move, now);
      const items: WishWrite[] = [{ kind: 'replace', next, expected: wish }];
      // Leaving the active states frees a place under the worker's limit of open wishes.
      if (isActiveWish(wish.status) && !isActiveWish(next.status)) items.push({ kind: 'quotaRelease', userId: wish.userId });
      // Onto or off the wall: the city list (GET /wishes/cities) counts it in the same transaction.
      if (isOnWall(wish.status) !== isOnWall(next.status)) items.push({ kind: 'wallCityAdd', cityCode: wish.cityCode, delta: isOnWall(next.status) ? 1 : -1 });
      items.push(...(move.extra?.(next) ?? []));
      try {
        await store.commit(items);
      } catch (error) {
        // Refused: our condition failed, or another transaction on the same wish was in flight (DynamoDB
        // cancels with TransactionConflict). Either way the wish as it is now decides the answer.
        const refused = refusedAt(error);
        if (!refused || (refused.index !== 0 && refused.reason !== 'conflict')) throw error;
        const current = await store.get(wish.id);
        if (!current) throw conflict('WISH_NOT_FOUND', '没有找到这个心愿');
        if (move.action === 'claim' && current.status === 'claimed') throw claimLost();
        throw nextWishStatus(current.status, move.action) ? wishChanged(current) : transitionRefused(current, move.action);
      }
      return next;
    },
  };
}

/** A subscribe message about a wish, queued in the same transaction as the move. Ids and short words only. */
export function wishMessage(
  now: Date,
  to: { userId: string; templateId: string; page: string },
  words: { title: string; phrase: string; remark: string },
): WishWrite {
  return {
    kind: 'notify',
    message: {
      kind: WECHAT_SUBSCRIBE,
      payload: {
        userId: to.userId,
        templateId: to.templateId,
        page: to.page,
        data: {
          thing1: words.title.slice(0, 20),
          phrase2: words.phrase.slice(0, 5),
          time3: toShanghaiIso(now).slice(0, 16).replace('T', ' '),
          thing4: words.remark.slice(0, 20),
        },
      } satisfies WechatSubscribePayload,
      now,
    },
  };
}
