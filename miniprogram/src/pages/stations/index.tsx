import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  CITIES,
  NEARBY_DEFAULT_RADIUS,
  ageText,
  failedFilters,
  prepareFilters,
  type City,
  type LatLng,
  type NearbyStation,
  type Region,
  type RelaxHint,
  type StationSummary,
} from '@yz/shared';
import Icon from '../../components/Icon';
import FilterBar from '../../components/FilterBar';
import PrivacyPopup from '../../components/PrivacyPopup';
import RegionPicker from '../../components/RegionPicker';
import StateView from '../../components/StateView';
import StationMap from '../../components/StationMap';
import StationRow from '../../components/StationRow';
import { ApiError, errorMessage } from '../../services/api';
import { locate } from '../../services/location';
import { districtPage, reportCoverage, searchNearby } from '../../services/tiles';
import { TilesUnavailable } from '@yz/shared/tile-client';
import { activeFilters, filterCount, filterLabel, filterQuery, loadFilters, NO_FILTERS, saveFilters, withoutFilter, type FinderFilters } from '../../stores/finder-filters';
import { loadCity, loadDistrict, loadNearby, saveCity, saveDistrict, saveNearby } from '../../stores/nearby-cache';
import './index.scss';

/**
 * 驿站 tab: stations near the worker (or in a district), nearest first, with today's hours and whether
 * they are open now; filters by amenities, open now, type and keyword; a map in WeChat.
 */

type Phase =
  | { kind: 'locating' }
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'error'; message: string }
  | { kind: 'pick-city'; reason: 'denied' | 'unavailable' | 'chosen' }
  | { kind: 'pick-district' };

/** The rows as a list, or by position around the worker (WeChat's map; the browser's position view). */
type FinderView = 'list' | 'map';

type Row = StationSummary & { distanceMeters?: number };

const WIDER_RADIUS = 10_000;

const radiusText = (r: number) => (r >= 1000 ? `${r / 1000} 公里` : `${r} 米`);

export default function StationsPage() {
  const [phase, setPhase] = useState<Phase>({ kind: 'locating' });
  const [items, setItems] = useState<Row[]>([]);
  const [relax, setRelax] = useState<RelaxHint[]>([]);
  const [city, setCity] = useState<City | null>(null);
  const [district, setDistrict] = useState<Region | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [radius, setRadius] = useState(NEARBY_DEFAULT_RADIUS);
  const [filters, setFilters] = useState<FinderFilters>(() => loadFilters());
  const [view, setView] = useState<FinderView>('list');
  /** The stations tapped on the map: one pin, or every station of a tapped cluster. */
  const [selected, setSelected] = useState<string[]>([]);
  const [staleSince, setStaleSince] = useState<string | null>(null);
  /** Why stale results are on screen: shown from the phone while the network answers, or the network failed. */
  const [staleWhy, setStaleWhy] = useState<'refreshing' | 'offline'>('refreshing');
  const [now, setNow] = useState(() => new Date());
  const center = useRef<LatLng | null>(null);

  // Open / closed badges follow the clock.
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const search = useCallback(async (point: LatLng, cityChoice: City | null, searchRadius: number, f: FinderFilters) => {
    center.current = point;
    setPhase((p) => (p.kind === 'ready' ? p : { kind: 'loading' }));
    try {
      const result = await searchNearby({ lat: point.lat, lng: point.lng, radius: searchRadius, ...filterQuery(f) }, new Date());
      setItems(result.items);
      setRelax(result.relax);
      setNextCursor(null);
      // No network: the answer came from tiles kept on the phone, as old as they were built.
      setStaleSince(result.offline ? result.builtAt : null);
      setStaleWhy('offline');
      setPhase({ kind: 'ready' });
      if (!cityChoice && !result.offline) reportCoverage(point, new Date());
      if (filterCount(f) === 0) saveNearby({ savedAt: new Date().toISOString(), center: point, cityName: cityChoice?.name ?? null, items: result.items });
    } catch (error) {
      const cached = loadNearby();
      if (((error instanceof ApiError && error.isNetwork) || error instanceof TilesUnavailable) && cached) {
        // Weak network and no tiles here yet: the last results, filtered with the same rule as the search.
        const prepared = prepareFilters({ ...filterQuery(f) }, new Date());
        setItems(cached.items.filter((s: NearbyStation) => failedFilters(s, prepared).length === 0));
        setRelax([]);
        setStaleSince(cached.savedAt);
        setStaleWhy('offline');
        setPhase({ kind: 'ready' });
      } else {
        setPhase({ kind: 'error', message: error instanceof TilesUnavailable ? error.message : errorMessage(error) });
      }
    }
  }, []);

  const browse = useCallback(async (region: Region, f: FinderFilters, cursor: string | null) => {
    if (!cursor) setPhase({ kind: 'loading' });
    try {
      const page = await districtPage({ districtCode: region.code, ...filterQuery(f) }, cursor, new Date());
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setRelax([]);
      setNextCursor(page.nextCursor);
      if (!cursor) {
        // No network: the district's tiles kept on the phone answered, as old as they were built.
        setStaleSince(page.offlineSince);
        setStaleWhy('offline');
      }
      setPhase({ kind: 'ready' });
    } catch (error) {
      setPhase({ kind: 'error', message: errorMessage(error) });
    }
  }, []);

  const start = useCallback(async () => {
    const savedDistrict = loadDistrict();
    if (savedDistrict) {
      setDistrict(savedDistrict);
      await browse(savedDistrict, filters, null);
      return;
    }
    const savedCity = CITIES.find((c) => c.name === loadCity()) ?? null;
    if (savedCity) {
      setCity(savedCity);
      await search(savedCity.center, savedCity, radius, filters);
      return;
    }
    // Results already on screen (the last ones, from the phone) stay there while locating.
    setPhase((p) => (p.kind === 'ready' ? p : { kind: 'locating' }));
    const located = await locate();
    if (located.ok) {
      setCity(null);
      await search(located.point, null, radius, filters);
    } else {
      setPhase({ kind: 'pick-city', reason: located.reason });
    }
  }, [radius, search, browse, filters]);

  const refresh = useCallback(
    (f: FinderFilters) => {
      if (district) void browse(district, f, null);
      else if (center.current) void search(center.current, city, radius, f);
      else void start();
    },
    [district, browse, search, city, radius, start],
  );

  useLoad(() => {
    const cached = loadNearby();
    if (cached && filterCount(filters) === 0) {
      setItems(cached.items);
      setStaleSince(cached.savedAt);
      setStaleWhy('refreshing');
      setPhase({ kind: 'ready' });
    }
    void start();
  });

  useDidShow(() => setNow(new Date()));

  usePullDownRefresh(async () => {
    refresh(filters);
    Taro.stopPullDownRefresh();
  });

  useReachBottom(() => {
    if (district && nextCursor) void browse(district, filters, nextCursor);
  });

  const changeFilters = (next: FinderFilters) => {
    setFilters(next);
    saveFilters(next);
    refresh(next);
  };

  const chooseCity = (choice: City) => {
    saveCity(choice.name);
    saveDistrict(null);
    setCity(choice);
    setDistrict(null);
    setRadius(NEARBY_DEFAULT_RADIUS);
    void search(choice.center, choice, NEARBY_DEFAULT_RADIUS, filters);
  };

  const useMyLocation = () => {
    saveCity(null);
    saveDistrict(null);
    center.current = null;
    setCity(null);
    setDistrict(null);
    void start();
  };

  const chooseDistrict = (region: Region) => {
    saveDistrict(region);
    setDistrict(region);
    void browse(region, filters, null);
  };

  const widen = () => {
    setRadius(WIDER_RADIUS);
    if (center.current) void search(center.current, city, WIDER_RADIUS, filters);
  };

  // The district to keep for offline use: the one browsed, else that of the nearest station.
  const offlineRegion = district ?? items[0]?.district ?? null;

  const open = (id: string) => {
    void Taro.navigateTo({ url: `/pkg-station/detail/index?id=${encodeURIComponent(id)}` });
  };

  // The place the list is for: a district or city chosen by hand, the worker's location once it is
  // known, and nothing claimed before that (location refused and no place picked yet).
  const where = district
    ? district.name
    : city
      ? `${city.name}附近 · ${radiusText(radius)}内`
      : center.current
        ? `我的位置附近 · ${radiusText(radius)}内`
        : phase.kind === 'pick-city' || phase.kind === 'pick-district'
          ? '请选择地点'
          : '正在定位…';
  const active = filterCount(filters);
  // What the count is narrowed by, so a filter set earlier never hides stations out of sight.
  const filteredBy = activeFilters(filters)
    .map((f) => f.label)
    .join('、');
  const pickPlace = () => setPhase({ kind: 'pick-city', reason: 'chosen' });
  // A district's rows have no centre to place them around: its list is the only view.
  const mapCenter = !district ? center.current : null;
  const showMap = view === 'map' && mapCenter !== null;
  const selectedRows = items.filter((s) => selected.includes(s.id));

  return (
    <View className='page stations-page'>
      <PrivacyPopup />
      <View className='stations-page__bar'>
        <Text className='stations-page__where' id='where'>
          <Icon name='pin' />
          {where}
        </Text>
        <Button className='btn small secondary stations-page__switch' id='change-city' onClick={pickPlace}>
          切换地点
        </Button>
      </View>

      <FilterBar value={filters} onChange={changeFilters} />
      <Text className='stations-page__board-link' id='board-link' onClick={() => void Taro.navigateTo({ url: '/pkg-board/nearby/index' })}>
        附近的零工和活动 ›
      </Text>

      {offlineRegion && phase.kind === 'ready' ? (
        <Text
          className='stations-page__offline'
          id='offline-link'
          onClick={() => void Taro.navigateTo({ url: `/pkg-me/offline/index?code=${offlineRegion.code}&name=${encodeURIComponent(offlineRegion.name)}` })}
        >
          下载本区县离线数据（{offlineRegion.name}）›
        </Text>
      ) : null}

      {staleSince && phase.kind === 'ready' ? (
        <View className='stations-page__stale' id='stale-banner'>
          {staleWhy === 'offline'
            ? `网络不太好，显示的是${ageText(staleSince, now)}的结果，下拉可刷新`
            : `先显示${ageText(staleSince, now)}的结果，正在更新…`}
        </View>
      ) : null}

      {phase.kind === 'pick-city' ? (
        <View className='card city-picker' id='city-picker'>
          <Text className='city-picker__title'>
            {phase.reason === 'denied'
              ? '没有获得定位权限，请选择您所在的城市'
              : phase.reason === 'unavailable'
                ? '暂时无法获取您的位置，请选择您所在的城市'
                : '选择地点'}
          </Text>
          <Button className='btn city-picker__regions' id='browse-district' onClick={() => setPhase({ kind: 'pick-district' })}>
            按省、市、区县选择
          </Button>
          <Text className='muted city-picker__subtitle'>常用城市</Text>
          <View className='city-picker__list'>
            {CITIES.map((c) => (
              <Button className='btn small secondary city-picker__city' key={c.name} id={`city-${c.districtCode}`} onClick={() => chooseCity(c)}>
                {c.name}
              </Button>
            ))}
          </View>
          <View className='city-picker__list'>
            <Button className='btn small secondary' id='use-location' onClick={useMyLocation}>
              使用我的位置
            </Button>
          </View>
        </View>
      ) : null}

      {phase.kind === 'pick-district' ? <RegionPicker onPick={chooseDistrict} onCancel={() => setPhase({ kind: 'pick-city', reason: 'chosen' })} /> : null}

      {phase.kind === 'locating' ? <StateView kind='loading' title='正在定位…' detail='用于查找您附近的驿站' /> : null}
      {phase.kind === 'loading' ? <StateView kind='loading' title='正在查找驿站…' /> : null}
      {phase.kind === 'error' ? (
        <StateView kind='error' title='没能加载驿站' detail={phase.message} actionText='重试' onAction={() => refresh(filters)} />
      ) : null}

      {phase.kind === 'ready' && items.length === 0 ? (
        <View id='empty-results'>
          <StateView
            kind='empty'
            title={
              active > 0
                ? `${district ? district.name : `${radiusText(radius)}内`}没有同时满足这 ${active} 个条件的驿站`
                : district
                  ? `${district.name}还没有登记驿站`
                  : `${radiusText(radius)}内还没有驿站`
            }
            detail={
              active > 0
                ? relax.length > 0
                  ? '可以去掉下面的一个条件再看看'
                  : '可以减少筛选条件，或扩大范围'
                : !district && radius < WIDER_RADIUS
                  ? '可以扩大范围看看，或换个地点'
                  : '可以换个城市或区县看看'
            }
            actionText={!district && radius < WIDER_RADIUS ? '扩大到 10 公里' : active > 0 ? '清除全部筛选' : undefined}
            onAction={!district && radius < WIDER_RADIUS ? widen : active > 0 ? () => changeFilters(NO_FILTERS) : undefined}
          />
          {/* Far from any station, the way out is another place: offered here, not only in the header. */}
          {active === 0 ? (
            <Button className='btn small secondary stations-page__relax' id='empty-switch-place' onClick={pickPlace}>
              切换地点
            </Button>
          ) : null}
          {relax.map((hint) => (
            <Button className='btn small secondary stations-page__relax' key={hint.filter} id={`relax-${hint.filter.replace(':', '-')}`} onClick={() => changeFilters(withoutFilter(hint.filter, filters))}>
              去掉“{filterLabel(hint.filter, filters)}”，可找到 {hint.count} 个
            </Button>
          ))}
        </View>
      ) : null}

      {phase.kind === 'ready' && items.length > 0 ? (
        <View>
          {mapCenter ? (
            <View className='stations-page__views' id='finder-views' aria-label='查看方式'>
              {(['list', 'map'] as const).map((v) => (
                <Text
                  key={v}
                  id={`view-${v}`}
                  aria-selected={view === v}
                  className={`stations-page__view ${view === v ? 'is-on' : ''}`}
                  onClick={() => setView(v)}
                >
                  {v === 'list' ? '列表' : '位置'}
                </Text>
              ))}
            </View>
          ) : null}
          <View className='stations-page__list' id={showMap ? 'station-positions' : 'station-list'}>
            <Text className='stations-page__count'>
              {district ? `${district.name} · ${items.length}${nextCursor ? '+' : ''} 个驿站，按名称排列` : `找到 ${items.length} 个驿站，由近到远`}
            </Text>
            {filteredBy ? (
              <Text className='muted stations-page__filtered' id='count-filtered-by'>
                只显示符合筛选的：{filteredBy}
              </Text>
            ) : null}
            {showMap && mapCenter ? (
              <View>
                <StationMap
                  center={mapCenter}
                  centerLabel={city ? `${city.name}中心` : '我的位置'}
                  radius={radius}
                  stations={items as NearbyStation[]}
                  now={now}
                  selectedIds={selected}
                  onSelect={setSelected}
                />
                <View id='map-selection'>
                  {selectedRows.map((station) => (
                    <StationRow key={station.id} station={station} now={now} onOpen={open} selected />
                  ))}
                </View>
              </View>
            ) : (
              items.map((station) => <StationRow key={station.id} station={station} now={now} onOpen={open} />)
            )}
            {!showMap && district && nextCursor ? (
              <Button className='btn small secondary stations-page__more' id='load-more' onClick={() => void browse(district, filters, nextCursor)}>
                加载更多
              </Button>
            ) : null}
          </View>
        </View>
      ) : null}
    </View>
  );
}
