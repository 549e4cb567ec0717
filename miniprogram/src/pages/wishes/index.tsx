import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { NEARBY_MAX_RADIUS, WALL_FILTERS, WISH_CATEGORIES, WISH_CATEGORY_LABELS, WISH_STATUS_LABELS, yuan, type Region, type WallWish, type WishCategory } from '@yz/shared';
import RegionPicker from '../../components/RegionPicker';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import { locate } from '../../services/location';
import './index.scss';

/**
 * 心愿墙: the public wall of approved wishes, newest first, filtered by category, city and 待认领 /
 * 已实现. It shows at most a role and a city, never a name, phone or address. The rest of the wish
 * pages live in the pkg-wishes subpackage; this tab stays light. The filters fold behind 筛选 so the
 * first wish shows on the first screen of a small phone; the ones in force show as chips.
 */

type WallFilter = (typeof WALL_FILTERS)[number];
const FILTER_LABELS: Record<WallFilter, string> = { all: '全部', open: '待认领', done: '已实现' };

/** 我附近: finding the worker's city, or why it could not be found (then a region is picked by hand). */
type NearMe =
  | { kind: 'off' }
  | { kind: 'locating' }
  | { kind: 'on' }
  | { kind: 'denied' | 'unavailable' | 'no-station' }
  | { kind: 'error'; message: string };

/**
 * The city the phone is in: the district of the nearest station (the station rows carry their GB/T
 * 2260 district), its first four digits the city, named by the region table (GET /regions). Searched
 * as `locatedBy: 'city'` because it is not a worker looking for a station and must not count towards
 * the stations' coverage figures.
 */
async function cityAt(point: { lat: number; lng: number }): Promise<Region | null> {
  const nearest = await api.nearbyStations({ query: { lat: point.lat, lng: point.lng, radius: NEARBY_MAX_RADIUS, limit: 1, locatedBy: 'city' } });
  const district = nearest.items[0]?.district;
  if (!district) return null;
  const code = district.code.slice(0, 4);
  const cities = await api.listRegions({ query: { parent: code.slice(0, 2) } });
  return { code, name: cities.items.find((c) => c.code === code)?.name ?? district.name };
}

export default function WishesPage() {
  const { me } = useMe();
  const [category, setCategory] = useState<WishCategory | ''>('');
  const [city, setCity] = useState('');
  /** The chosen city's name when it did not come from the wall's own city list (near me, or picked). */
  const [cityName, setCityName] = useState('');
  const [nearMe, setNearMe] = useState<NearMe>({ kind: 'off' });
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [pickingRegion, setPickingRegion] = useState(false);
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

  const chooseCity = (code: string, name = '') => {
    setCity(code);
    setCityName(name);
    setNearMe({ kind: 'off' });
    setPickingRegion(false);
  };
  const findNearMe = async () => {
    setNearMe({ kind: 'locating' });
    const located = await locate();
    if (!located.ok) {
      setNearMe({ kind: located.reason });
      return;
    }
    try {
      const found = await cityAt(located.point);
      if (!found) {
        setNearMe({ kind: 'no-station' });
        return;
      }
      setCity(found.code);
      setCityName(found.name);
      setNearMe({ kind: 'on' });
      setFiltersOpen(false);
    } catch (e) {
      setNearMe({ kind: 'error', message: errorMessage(e) });
    }
  };
  const pickRegion = (region: Region) => {
    chooseCity(region.code, region.name);
    setFiltersOpen(false);
    // The picker was long: back to the top, where the chosen city's chip and its first wish are.
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined);
  };

  const shownCityName = cities.find((c) => c.code === city)?.name || cityName || city;
  const chips: { id: string; label: string; clear: () => void }[] = [
    ...(category ? [{ id: 'wall-active-category', label: WISH_CATEGORY_LABELS[category], clear: () => setCategory('') }] : []),
    ...(city ? [{ id: 'wall-active-city', label: nearMe.kind === 'on' ? `我附近 · ${shownCityName}` : shownCityName, clear: () => chooseCity('') }] : []),
  ];
  const nearMeProblem =
    nearMe.kind === 'denied'
      ? '没有获得定位权限，无法找出您所在的城市。'
      : nearMe.kind === 'unavailable'
        ? '暂时无法获取您的位置。'
        : nearMe.kind === 'no-station'
          ? `您附近 ${NEARBY_MAX_RADIUS / 1000} 公里内没有驿站，无法判断您所在的城市。`
          : nearMe.kind === 'error'
            ? `没能查到您所在的城市：${nearMe.message}`
            : null;

  return (
    <View className='page wall' id='wish-wall'>
      <View className='wall__bar' id='wall-bar'>
        <View className='wall__segments' id='status-filter'>
          {WALL_FILTERS.map((s) => (
            <Text key={s} id={`wall-status-${s}`} className={`wall__segment ${status === s ? 'wall__segment--on' : ''}`} aria-selected={status === s} onClick={() => setStatus(s)}>
              {FILTER_LABELS[s]}
            </Text>
          ))}
        </View>
        <Button className={`btn small secondary wall__toggle ${filtersOpen ? 'wall__toggle--open' : ''}`} id='wall-filter-toggle' aria-expanded={filtersOpen} onClick={() => setFiltersOpen(!filtersOpen)}>
          {chips.length > 0 ? `筛选 ${chips.length}` : '筛选'}
        </Button>
      </View>

      {chips.length > 0 ? (
        <View className='wall__active' id='wall-active'>
          {chips.map((chip) => (
            <Text key={chip.id} id={chip.id} className='wall__chip wall__chip--on wall__chip--active' aria-label={`去掉筛选：${chip.label}`} onClick={chip.clear}>
              {chip.label} ×
            </Text>
          ))}
        </View>
      ) : null}

      {nearMeProblem ? (
        <View className='card wall__notice' id='wall-near-problem'>
          <Text className='wall__notice-text'>{nearMeProblem}可以选择地区看看那里的心愿。</Text>
          <Button className='btn small' id='wall-pick-region' onClick={() => setPickingRegion(true)}>
            选择地区
          </Button>
        </View>
      ) : null}
      {pickingRegion ? <RegionPicker level='city' onPick={pickRegion} onCancel={() => setPickingRegion(false)} /> : null}

      {filtersOpen ? (
        <View className='card wall__filters' id='wall-filters'>
          <View className='wall__chips'>
            <Text id='wall-near-me' className={`wall__chip ${nearMe.kind === 'on' ? 'wall__chip--on' : ''}`} onClick={() => void findNearMe()}>
              {nearMe.kind === 'locating' ? '正在定位…' : '我附近'}
            </Text>
            <Text id='wall-pick-city' className='wall__chip' onClick={() => setPickingRegion(true)}>
              选择地区
            </Text>
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
              <Text id='wall-city-all' className={`wall__chip ${city === '' ? 'wall__chip--on' : ''}`} onClick={() => chooseCity('')}>
                全部城市
              </Text>
              {cities.map((c) => (
                <Text key={c.code} id={`wall-city-${c.code}`} className={`wall__chip ${city === c.code && nearMe.kind !== 'on' ? 'wall__chip--on' : ''}`} onClick={() => chooseCity(c.code)}>
                  {c.name}
                </Text>
              ))}
            </View>
          ) : null}
          <Button className='btn small secondary' id='wall-filters-done' onClick={() => setFiltersOpen(false)}>
            收起
          </Button>
        </View>
      ) : null}

      {roles.includes('hardship') || roles.includes('volunteer') ? (
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
      ) : null}

      {error ? (
        <StateView kind='error' title='没能加载心愿墙' detail={error} actionText='重试' onAction={() => void load(null)} />
      ) : !items ? (
        <StateView kind='loading' title='正在加载心愿…' />
      ) : items.length === 0 ? (
        <StateView
          kind='empty'
          id='wall-empty'
          title={status === 'done' ? '还没有已实现的心愿' : status === 'open' ? '暂时没有待认领的心愿' : '这里还没有心愿'}
          detail={
            nearMe.kind === 'on'
              ? `${shownCityName}暂时没有这样的心愿，可以点“×”去掉“我附近”看看别处`
              : category || city
                ? '换个类别或城市看看'
                : '工会审核通过的心愿会显示在这里'
          }
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
      <Text className='wall__intro' id='wall-intro'>
        在档困难职工许下的小心愿，由爱心人士认领、购买并送达。墙上只显示职业和城市，不显示姓名、电话和住址。
      </Text>
    </View>
  );
}
