/**
 * Micro-wishes' (微心愿) categories, states and their labels, the state table, limits and money text:
 * plain values without zod, so the wish wall tab in WeChat's main package loads no wish schemas.
 * The schemas are in wishes.ts, which re-exports all of this.
 */

export const WISH_CATEGORIES = ['daily_necessities', 'children_study', 'health', 'appliance', 'clothing', 'other'] as const;
export type WishCategory = (typeof WISH_CATEGORIES)[number];
export const WISH_CATEGORY_LABELS: Record<WishCategory, string> = {
  daily_necessities: '生活用品',
  children_study: '子女学习',
  health: '健康医疗',
  appliance: '家用电器',
  clothing: '衣物鞋帽',
  other: '其他',
};

export const WISH_STATUSES = ['pending_review', 'returned', 'open', 'claimed', 'delivered', 'fulfilled', 'thanked', 'withdrawn', 'closed'] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];
export const WISH_STATUS_LABELS: Record<WishStatus, string> = {
  pending_review: '待审核',
  returned: '退回修改',
  open: '待认领',
  claimed: '已认领',
  delivered: '已送达',
  fulfilled: '已收到',
  thanked: '已致谢',
  withdrawn: '已撤回',
  closed: '已关闭',
};

/** Who moves a wish. `system` is the scheduled job that lets a claim lapse. */
export const WISH_ACTORS = ['worker', 'staff', 'volunteer', 'host', 'system'] as const;
export type WishActor = (typeof WISH_ACTORS)[number];

export const WISH_ACTIONS = [
  'edit',
  'approve',
  'return',
  'withdraw',
  'claim',
  'cancel_claim',
  'lapse',
  'deliver',
  'confirm_received',
  'thank',
  'close',
] as const;
export type WishAction = (typeof WISH_ACTIONS)[number];

/**
 * The state machine, as a table: every allowed move and nothing else. Withdrawn, closed and thanked
 * are final. A claim that lapses or is cancelled puts the wish back on the wall, open.
 */
export const WISH_TRANSITIONS: Record<WishAction, { from: readonly WishStatus[]; to: WishStatus; by: readonly WishActor[] }> = {
  edit: { from: ['returned'], to: 'pending_review', by: ['worker'] },
  approve: { from: ['pending_review'], to: 'open', by: ['staff'] },
  return: { from: ['pending_review'], to: 'returned', by: ['staff'] },
  withdraw: { from: ['pending_review', 'returned', 'open'], to: 'withdrawn', by: ['worker'] },
  claim: { from: ['open'], to: 'claimed', by: ['volunteer'] },
  cancel_claim: { from: ['claimed'], to: 'open', by: ['volunteer'] },
  lapse: { from: ['claimed'], to: 'open', by: ['system'] },
  deliver: { from: ['claimed'], to: 'delivered', by: ['volunteer'] },
  confirm_received: { from: ['delivered'], to: 'fulfilled', by: ['worker', 'staff', 'host'] },
  thank: { from: ['fulfilled'], to: 'thanked', by: ['worker'] },
  close: { from: ['pending_review', 'returned', 'open', 'claimed', 'delivered', 'fulfilled'], to: 'closed', by: ['staff'] },
};

export const WISH_ACTION_LABELS: Record<WishAction, string> = {
  edit: '修改后重新提交',
  approve: '审核通过',
  return: '退回修改',
  withdraw: '撤回',
  claim: '认领',
  cancel_claim: '取消认领',
  lapse: '认领过期',
  deliver: '标记送达',
  confirm_received: '确认收到',
  thank: '致谢',
  close: '关闭',
};

/** The status an action leads to from a status, or null when the move is not allowed. */
export function nextWishStatus(from: WishStatus, action: WishAction): WishStatus | null {
  const t = WISH_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

export const mayAct = (actor: WishActor, action: WishAction) => WISH_TRANSITIONS[action].by.includes(actor);

/** Wishes that count toward a worker's limit of open wishes: not yet received, withdrawn or closed. */
export const ACTIVE_WISH_STATUSES: readonly WishStatus[] = ['pending_review', 'returned', 'open', 'claimed', 'delivered'];
export const isActiveWish = (status: WishStatus) => ACTIVE_WISH_STATUSES.includes(status);

/** On the public wall: approved and not withdrawn or closed. */
export const WALL_STATUSES = ['open', 'claimed', 'delivered', 'fulfilled', 'thanked'] as const;
export type WallStatus = (typeof WALL_STATUSES)[number];
export const isOnWall = (status: WishStatus): status is WallStatus => (WALL_STATUSES as readonly string[]).includes(status);

/** At most this many open wishes per worker. */
export const MAX_OPEN_WISHES = 2;
/** The estimated value's default cap (500 yuan), in fen; configurable per deployment. */
export const DEFAULT_WISH_MAX_VALUE_FEN = 50_000;

export const WALL_FILTERS = ['all', 'open', 'done'] as const;

/** ¥500 / ¥12.50 */
export function yuan(fen: number): string {
  const whole = Math.floor(fen / 100);
  const cents = fen % 100;
  return `¥${whole}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}
