import { WISH_CATEGORY_LABELS, type WallWish } from '@yz/shared';

export interface ShareMessage {
  title: string;
  path: string;
}

/**
 * What a wish shared to a WeChat friend carries: the wish's public title and category (what the wall
 * shows to anyone) and a path with the wish's id alone. Never the role and city label, the story,
 * the sharer or any id of a person: a forwarded card travels far beyond the wall.
 */
export function wishShareMessage(id: string, wish: Pick<WallWish, 'title' | 'category' | 'status'> | null): ShareMessage {
  const path = `/pkg-wishes/detail/index?id=${encodeURIComponent(id)}`;
  if (!wish) return { title: '心愿墙上的一个微心愿', path };
  const lead = wish.status === 'open' ? '帮忙实现一个微心愿' : '一个微心愿';
  return { title: `${lead}：${wish.title}（${WISH_CATEGORY_LABELS[wish.category]}）`, path };
}
