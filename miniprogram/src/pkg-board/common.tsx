import { Text, View } from '@tarojs/components';
import {
  EVENT_CATEGORY_LABELS,
  PAY_UNIT_LABELS,
  POST_KIND_LABELS,
  WEEKDAY_LABELS,
  type PostView,
} from '@yz/shared';

/** What the board pages share: how a post reads in a list row and on its page. */

/** "2026-12-01 14:30" from an ISO time with an offset (the server writes Shanghai times). */
export const at = (iso: string) => iso.slice(0, 16).replace('T', ' ');

const amount = (fen: number) => {
  const cents = fen % 100;
  return `${Math.floor(fen / 100)}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
};

/** "180–220 元/天". */
export function payText(pay: { unit: keyof typeof PAY_UNIT_LABELS; minFen: number; maxFen: number | null }): string {
  return `${amount(pay.minFen)}${pay.maxFen !== null && pay.maxFen !== pay.minFen ? `–${amount(pay.maxFen)}` : ''} ${PAY_UNIT_LABELS[pay.unit]}`;
}

/** When it is on: the event's day and hours (or weekly days), the job's dates or 长期. */
export function whenText(post: PostView): string {
  if (post.kind === 'job') return post.dates.kind === 'long_term' ? '长期' : `${post.dates.from} 至 ${post.dates.to}`;
  const w = post.when;
  if (w.kind === 'once') return `${w.date} ${w.start}–${w.end}`;
  return `每${w.days.map((d) => WEEKDAY_LABELS[d]).join('、')} ${w.start}–${w.end}（${w.from} 至 ${w.until}）`;
}

export const titleOf = (post: PostView) => (post.kind === 'job' ? `${post.employer}：${post.work.split('\n')[0]}` : post.title);

export const distanceText = (m: number | null) => (m === null ? null : m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(1)} 公里`);

/** Places left of a limited event, or null when anyone may come. */
export const placesLeft = (post: PostView) => (post.kind === 'event' && post.capacity !== null ? Math.max(0, post.capacity - post.reserved) : null);

/** One post in a list: its kind, title, when, where; taps open its page. */
export function PostRow({ post, onOpen }: { post: PostView; onOpen: (id: string) => void }) {
  const left = placesLeft(post);
  const distance = distanceText(post.distanceMeters);
  return (
    <View className='card board__row' id={`post-${post.id}`} onClick={() => onOpen(post.id)}>
      <View className='board__row-head'>
        <Text className={`board__kind board__kind--${post.kind}`}>{post.kind === 'event' ? EVENT_CATEGORY_LABELS[post.category] : POST_KIND_LABELS.job}</Text>
        <Text className='board__row-title'>{titleOf(post)}</Text>
      </View>
      <Text className='board__row-line'>{post.kind === 'job' ? `${payText(post.pay)} · 招 ${post.headcount} 人 · ${whenText(post)}` : whenText(post)}</Text>
      <Text className='muted board__row-line'>
        {post.station.name}
        {distance ? ` · ${distance}` : ''}
        {left !== null ? ` · ${left > 0 ? `剩 ${left} 个名额` : '名额已满'}` : ''}
      </Text>
    </View>
  );
}
