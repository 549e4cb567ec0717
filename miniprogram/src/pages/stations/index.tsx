import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CITIES, NEARBY_DEFAULT_RADIUS, type City, type LatLng, type NearbyStation } from '@yz/shared';
import PrivacyPopup from '../../components/PrivacyPopup';
import StateView from '../../components/StateView';
import StationRow from '../../components/StationRow';
import { api, ApiError, errorMessage } from '../../services/api';
import { locate } from '../../services/location';
import { loadCity, loadNearby, saveCity, saveNearby } from '../../stores/nearby-cache';
import './index.scss';

/** 驿站 tab: stations near the worker, nearest first, with today's hours and whether they are open now. */

type Phase =
  | { kind: 'locating' }
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'error'; message: string }
  | { kind: 'pick-city'; reason: 'denied' | 'unavailable' | 'chosen' };

const WIDER_RADIUS = 10_000;

function minutesAgo(iso: string, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.round(minutes / 60);
  return hours < 24 ? `${hours} 小时前` : `${Math.round(hours / 24)} 天前`;
}

export default function StationsPage() {
  const [phase, setPhase] = useState<Phase>({ kind: 'locating' });
  const [items, setItems] = useState<NearbyStation[]>([]);
  const [city, setCity] = useState<City | null>(null);
  const [radius, setRadius] = useState(NEARBY_DEFAULT_RADIUS);
  const [staleSince, setStaleSince] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const center = useRef<LatLng | null>(null);

  // Open / closed badges follow the clock.
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const search = useCallback(async (point: LatLng, cityChoice: City | null, searchRadius: number) => {
    center.current = point;
    setPhase((p) => (p.kind === 'ready' ? p : { kind: 'loading' }));
    try {
      const result = await api.nearbyStations({ query: { lat: point.lat, lng: point.lng, radius: searchRadius } });
      setItems(result.items);
      setStaleSince(null);
      setPhase({ kind: 'ready' });
      saveNearby({ savedAt: new Date().toISOString(), center: point, cityName: cityChoice?.name ?? null, items: result.items });
    } catch (error) {
      const cached = loadNearby();
      if (error instanceof ApiError && error.isNetwork && cached) {
        // Weak network: keep showing the last results, and say so.
        setItems(cached.items);
        setStaleSince(cached.savedAt);
        setPhase({ kind: 'ready' });
      } else {
        setPhase({ kind: 'error', message: errorMessage(error) });
      }
    }
  }, []);

  const start = useCallback(async () => {
    const savedCity = CITIES.find((c) => c.name === loadCity()) ?? null;
    if (savedCity) {
      setCity(savedCity);
      await search(savedCity.center, savedCity, radius);
      return;
    }
    setPhase({ kind: 'locating' });
    const located = await locate();
    if (located.ok) {
      setCity(null);
      await search(located.point, null, radius);
    } else {
      setPhase({ kind: 'pick-city', reason: located.reason });
    }
  }, [radius, search]);

  useLoad(() => {
    const cached = loadNearby();
    if (cached) {
      setItems(cached.items);
      setStaleSince(cached.savedAt);
      setPhase({ kind: 'ready' });
    }
    void start();
  });

  useDidShow(() => setNow(new Date()));

  usePullDownRefresh(async () => {
    if (center.current) await search(center.current, city, radius);
    else await start();
    Taro.stopPullDownRefresh();
  });

  const chooseCity = (choice: City) => {
    saveCity(choice.name);
    setCity(choice);
    setRadius(NEARBY_DEFAULT_RADIUS);
    void search(choice.center, choice, NEARBY_DEFAULT_RADIUS);
  };

  const useMyLocation = () => {
    saveCity(null);
    setCity(null);
    void start();
  };

  const widen = () => {
    setRadius(WIDER_RADIUS);
    if (center.current) void search(center.current, city, WIDER_RADIUS);
  };

  const open = (id: string) => {
    void Taro.navigateTo({ url: `/pages/station/index?id=${encodeURIComponent(id)}` });
  };

  const where = city ? city.name : '我的位置';

  return (
    <View className='page stations-page'>
      <PrivacyPopup />
      <View className='stations-page__bar'>
        <Text className='stations-page__where' id='where'>
          📍 {where}附近 · {radius >= 1000 ? `${radius / 1000} 公里` : `${radius} 米`}内
        </Text>
        <Button className='btn small secondary stations-page__switch' id='change-city' onClick={() => setPhase({ kind: 'pick-city', reason: 'chosen' })}>
          切换城市
        </Button>
      </View>

      {staleSince && phase.kind === 'ready' ? (
        <View className='stations-page__stale' id='stale-banner'>
          网络不太好，显示的是{minutesAgo(staleSince, now)}的结果，下拉可刷新
        </View>
      ) : null}

      {phase.kind === 'pick-city' ? (
        <View className='card city-picker' id='city-picker'>
          <Text className='city-picker__title'>
            {phase.reason === 'denied'
              ? '没有获得定位权限，请选择您所在的城市'
              : phase.reason === 'unavailable'
                ? '暂时无法获取您的位置，请选择您所在的城市'
                : '选择城市'}
          </Text>
          <View className='city-picker__list'>
            {CITIES.map((c) => (
              <Button className='btn small secondary city-picker__city' key={c.name} id={`city-${c.districtCode}`} onClick={() => chooseCity(c)}>
                {c.name}
              </Button>
            ))}
          </View>
          <Button className='btn small' id='use-location' onClick={useMyLocation}>
            使用我的位置
          </Button>
        </View>
      ) : null}

      {phase.kind === 'locating' ? <StateView kind='loading' title='正在定位…' detail='用于查找您附近的驿站' /> : null}
      {phase.kind === 'loading' ? <StateView kind='loading' title='正在查找附近的驿站…' /> : null}
      {phase.kind === 'error' ? (
        <StateView kind='error' title='没能加载驿站' detail={phase.message} actionText='重试' onAction={() => void start()} />
      ) : null}

      {phase.kind === 'ready' && items.length === 0 ? (
        <StateView
          kind='empty'
          title={`${radius >= 1000 ? `${radius / 1000} 公里` : `${radius} 米`}内还没有驿站`}
          detail={radius < WIDER_RADIUS ? '可以扩大范围看看，或切换城市' : '可以切换城市看看'}
          actionText={radius < WIDER_RADIUS ? '扩大到 10 公里' : undefined}
          onAction={radius < WIDER_RADIUS ? widen : undefined}
        />
      ) : null}

      {phase.kind === 'ready' && items.length > 0 ? (
        <View className='stations-page__list' id='station-list'>
          <Text className='stations-page__count'>找到 {items.length} 个驿站，由近到远</Text>
          {items.map((station) => (
            <StationRow key={station.id} station={station} now={now} onOpen={open} />
          ))}
        </View>
      ) : null}
    </View>
  );
}
