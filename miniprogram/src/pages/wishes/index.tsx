import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { WALL_FILTERS, WISH_CATEGORIES, WISH_CATEGORY_LABELS, WISH_STATUS_LABELS, yuan, type WallWish, type WishCategory } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import './index.scss';

/**
 * 心愿墙: the public wall of approved wishes, newest first, filtered by category, city and 待认领 /
 * 已实现. It shows at most a role and a city, never a name, phone or address. The rest of the wish
 * pages live in the pkg-wishes subpackage; this tab stays light.
 */

type WallFilter = (typeof WALL_FILTERS)[number];
const FILTER_LABELS: Record<WallFilter, string> = { all: '全部', open: '待认领', done: '已实现' };

export default function WishesPage() {
  const { me } = useMe();
  const [category, setCategory] = useState<WishCategory | ''>('');
  const [city, setCity] = useState('');
  const [status, setStatus] = useState<WallFilter>('all');
  const [cities, setCities] = useState<{ code: string; name: string }[]>([]);
  const [items, setItems] = useState<WallWish[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // Answers to an older filter arrive late sometimes: only the latest request may fill the list.
  const latest = useRef(0);
  const shown = useRef(false);

  const load = async (after: string | null) => {
    const ticket = ++latest.current;
    if (after) {
      setLoadingMore(true);
      setMoreError(null);
    } else setError(null);
    try {
      const page = await api.wishWall({ query: { status, ...(category ? { category } : {}), ...(city ? { city } : {}), ...(after ? { cursor: after } : {}) } });
      if (ticket !== latest.current) return;
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      if (ticket !== latest.current) return;
      if (after) setMoreError(errorMessage(e));
      else setError(errorMessage(e));
    } finally {
      if (ticket === latest.current) setLoadingMore(false);
      Taro.stopPullDownRefresh();
    }
  };

  useEffect(() => {
    setItems(null);
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [category, city, status]);
  useEffect(() => {
    api
      .wishCities({})
      .then((res) => setCities(res.items))
      .catch(() => setCities([]));
  }, []);
  // Back from a wish (claimed, thanked): show the wall as it is now.
  useDidShow(() => {
    if (shown.current) void load(null);
    shown.current = true;
  });
  usePullDownRefresh(() => void load(null));
  useReachBottom(() => {
    if (cursor && !loadingMore) void load(cursor);
  });

  const roles = me?.roles ?? [];
  const go = (url: string) => void Taro.navigateTo({ url });

  return (
    <View className='page wall' id='wish-wall'>
      <View className='card'>
        <Text className='wall__intro'>在档困难职工许下的小心愿，由爱心人士认领、购买并送达。墙上只显示职业和城市，不显示姓名、电话和住址。</Text>
        <View className='wall__shortcuts'>
          {roles.includes('hardship') ? (
            <Button className='btn small' id='my-wishes-link' onClick={() => go('/pkg-wishes/mine/index')}>
              我的心愿
            </Button>
          ) : null}
          {roles.includes('volunteer') ? (
            <Button className='btn small secondary' id='my-claims-link' onClick={() => go('/pkg-wishes/claimed/index')}>
              我认领的心愿
            </Button>
          ) : null}
        </View>
      </View>

      <View className='card'>
        <View className='wall__chips' id='status-filter'>
          {WALL_FILTERS.map((s) => (
            <Text key={s} id={`wall-status-${s}`} className={`wall__chip ${status === s ? 'wall__chip--on' : ''}`} onClick={() => setStatus(s)}>
              {FILTER_LABELS[s]}
            </Text>
          ))}
        </View>
        <View className='wall__chips' id='category-filter'>
          <Text id='wall-category-all' className={`wall__chip ${category === '' ? 'wall__chip--on' : ''}`} onClick={() => setCategory('')}>
            全部类别
          </Text>
          {WISH_CATEGORIES.map((c) => (
            <Text key={c} id={`wall-category-${c}`} className={`wall__chip ${category === c ? 'wall__chip--on' : ''}`} onClick={() => setCategory(c)}>
              {WISH_CATEGORY_LABELS[c]}
            </Text>
          ))}
        </View>
        {cities.length > 0 ? (
          <View className='wall__chips' id='city-filter'>
            <Text id='wall-city-all' className={`wall__chip ${city === '' ? 'wall__chip--on' : ''}`} onClick={() => setCity('')}>
              全部城市
            </Text>
            {cities.map((c) => (
              <Text key={c.code} id={`wall-city-${c.code}`} className={`wall__chip ${city === c.code ? 'wall__chip--on' : ''}`} onClick={() => setCity(c.code)}>
                {c.name}
              </Text>
            ))}
          </View>
        ) : null}
      </View>

      {error ? (
        <StateView kind='error' title='没能加载心愿墙' detail={error} actionText='重试' onAction={() => void load(null)} />
      ) : !items ? (
        <StateView kind='loading' title='正在加载心愿…' />
      ) : items.length === 0 ? (
        <StateView
          kind='empty'
          id='wall-empty'
          title={status === 'done' ? '还没有已实现的心愿' : status === 'open' ? '暂时没有待认领的心愿' : '这里还没有心愿'}
          detail={category || city ? '换个类别或城市看看' : '工会审核通过的心愿会显示在这里'}
        />
      ) : (
        <View id='wall-list'>
          {items.map((w) => (
            <View className='card wall__card' key={w.id} id={`wish-${w.id}`} onClick={() => go(`/pkg-wishes/detail/index?id=${w.id}`)}>
              <View className='wall__head'>
                <Text className='wall__title'>{w.title}</Text>
                <Text className={`wish-status wish-status--${w.status}`}>{WISH_STATUS_LABELS[w.status]}</Text>
              </View>
              <View className='wall__meta'>
                <Text className='wall__value'>{yuan(w.valueFen)}</Text>
                <Text className='chip'>{WISH_CATEGORY_LABELS[w.category]}</Text>
                <Text className='wall__label'>{w.label}</Text>
              </View>
              {w.thanks ? <Text className='wall__thanks'>许愿人的感谢：{w.thanks}</Text> : null}
            </View>
          ))}
          {cursor ? (
            <View className='wall__more'>
              {moreError ? <Text className='wall__end'>{moreError}</Text> : null}
              <Button className='btn secondary' id='wall-more' disabled={loadingMore} onClick={() => void load(cursor)}>
                {loadingMore ? '正在加载…' : '加载更多'}
              </Button>
            </View>
          ) : (
            <Text className='wall__end' id='wall-end'>
              没有更多了
            </Text>
          )}
        </View>
      )}
    </View>
  );
}
