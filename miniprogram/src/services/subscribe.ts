import Taro from '@tarojs/taro';

/** What the person answered for one subscribe-message template. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';
const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

/**
 * WeChat lets a page ask for subscribe messages only inside a tap: call this first, synchronously in
 * the tap handler, then do the request. Outside WeChat (H5) there is nothing to ask.
 */
export function askSubscribe(templateIds: string[]): Promise<Record<string, SubscribeAnswer> | null> {
  if (process.env.TARO_ENV !== 'weapp' || templateIds.length === 0) return Promise.resolve(null);
  return Taro.requestSubscribeMessage({ tmplIds: templateIds, entityIds: [] })
    .then((res) =>
      Object.fromEntries(
        templateIds.map((id) => {
          const answer = String((res as Record<string, unknown>)[id]);
          return [id, (ANSWERS.includes(answer) ? answer : 'reject') as SubscribeAnswer];
        }),
      ),
    )
    .catch(() => null);
}
