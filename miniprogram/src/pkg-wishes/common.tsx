import { Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { WISH_ACTION_LABELS, WISH_CATEGORY_LABELS, WISH_STATUS_LABELS, yuan, type WishActor, type WishCategory, type WishStatus, type WishTimelineEntry } from '@yz/shared';
import { api } from '../services/api';
import { askSubscribe, type SubscribeAnswer } from '../services/subscribe';

/** What the wish pages share: the status badge, the timeline, the deadline, subscribe messages, photos. */

export function StatusBadge({ status, id }: { status: WishStatus; id?: string }) {
  return (
    <Text className={`wish-status wish-status--${status}`} id={id}>
      {WISH_STATUS_LABELS[status]}
    </Text>
  );
}

/** The line under a wish's title in a list: its value, its category, then what the list adds (whose, its number). */
export function WishMeta({ valueFen, category, children }: { valueFen: number; category: WishCategory; children: ReactNode }) {
  return (
    <View className='wish__meta'>
      <Text className='wish__value'>{yuan(valueFen)}</Text>
      <Text className='chip'>{WISH_CATEGORY_LABELS[category]}</Text>
      <Text>{children}</Text>
    </View>
  );
}

/** "2026-12-01 14:30" from an ISO time with an offset (the server writes Shanghai times). */
export const at = (iso: string) => iso.slice(0, 16).replace('T', ' ');

const ACTORS: Record<WishActor, string> = {
  worker: '许愿人',
  staff: '工会工作人员',
  volunteer: '爱心志愿者',
  host: '驿站负责人',
  system: '系统',
};

export function Timeline({ entries, viewer }: { entries: WishTimelineEntry[]; viewer: WishActor }) {
  return (
    <View className='wish__timeline' id='wish-timeline'>
      {[...entries].reverse().map((e, i) => (
        <View className='wish__event' key={`${e.at}-${i}`}>
          <Text className='wish__event-title'>{e.action === 'post' ? '发布心愿，等待工会审核' : e.action === 'lapse' ? '认领超过期限，心愿重新开放认领' : WISH_ACTION_LABELS[e.action]}</Text>
          <Text className='wish__event-time'>
            {at(e.at)} · {e.by === viewer ? '我' : ACTORS[e.by]}
          </Text>
          {e.note ? <Text className='wish__event-time'>{e.note}</Text> : null}
        </View>
      ))}
    </View>
  );
}

/** How long the volunteer has left to deliver: "还有 3 天 5 小时", or that the deadline has passed. */
export function deadlineText(deadline: string, now: Date): { text: string; late: boolean } {
  const ms = Date.parse(deadline) - now.getTime();
  if (ms <= 0) return { text: '已超过送达期限，认领即将失效', late: true };
  const hours = Math.floor(ms / 3_600_000);
  const days = Math.floor(hours / 24);
  const text = days > 0 ? `${days} 天 ${hours % 24} 小时` : hours > 0 ? `${hours} 小时` : `${Math.max(1, Math.floor(ms / 60_000))} 分钟`;
  return { text: `请在 ${at(deadline)} 前送达（还有 ${text}）`, late: days < 1 };
}

/** "广西壮族自治区 北海市 海城区" → "海城区总工会". */
export const unionOf = (regionName: string) => `${regionName.split(' ').pop() ?? regionName}总工会`;

// Forms ---------------------------------------------------------------------------------------------

/** How many characters of `max` a text has, red once over. */
export function Counter({ text, max, id }: { text: string; max: number; id?: string }) {
  return (
    <Text className={text.length > max ? 'wish__counter wish__counter--over' : 'wish__counter'} id={id}>
      {text.length}/{max}
    </Text>
  );
}

/** A multi-line field with its `Counter` under it; red when `error`. */
export function CountedTextarea(props: { id: string; counterId?: string; value: string; max: number; placeholder: string; error?: boolean; onInput: (value: string) => void }) {
  return (
    <>
      <Textarea
        className={props.error ? 'wish__textarea wish__textarea--error' : 'wish__textarea'}
        id={props.id}
        value={props.value}
        maxlength={props.max}
        placeholder={props.placeholder}
        onInput={(e) => props.onInput(e.detail.value)}
      />
      <Counter text={props.value} max={props.max} id={props.counterId} />
    </>
  );
}

// Subscribe messages --------------------------------------------------------------------------------

/** Records what the person allowed (a failure only costs a notification, never the action). */
export function recordSubscribe(asked: Promise<Record<string, SubscribeAnswer> | null>): Promise<unknown> {
  return asked.then((results) => (results ? api.recordWishSubscriptions({ body: { results } }).catch(() => null) : null));
}

/**
 * A wish action that notifications follow (许愿, 认领): asks for the subscribe messages at once, then
 * runs the action and, once it succeeded, records what the person allowed. Call it synchronously in the
 * tap handler, before any await: WeChat shows the dialog only there.
 */
export async function withSubscribe<T>(templateIds: string[], action: () => Promise<T>): Promise<T> {
  const asked = askSubscribe(templateIds);
  const result = await action();
  await recordSubscribe(asked);
  return result;
}

// Photos --------------------------------------------------------------------------------------------

export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;

/** A photo from the camera or album (WeChat) or the file picker (browser); null when cancelled. */
export async function pickPhoto(): Promise<{ path: string; size: number } | null> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const picked = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] });
      const file = picked.tempFiles[0];
      return file ? { path: file.tempFilePath, size: file.size } : null;
    }
    const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'] });
    const path = picked.tempFilePaths[0];
    return path ? { path, size: picked.tempFiles[0]?.size ?? 0 } : null;
  } catch {
    return null; // the person closed the picker
  }
}
