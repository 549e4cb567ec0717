import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { regionName, type Station, type StationStatus } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import { downloadExport } from '../../services/files';
import { regionOptions } from '../regions';
import '../staff.scss';

/** 驿站管理: a region's stations (on the map, waiting for a location, deactivated); create, import, export. */

const FILTERS: [StationStatus | 'all', string][] = [
  ['all', '全部'],
  ['active', '在地图上'],
  ['needs_location', '待定位'],
  ['inactive', '已停用'],
];
const STATUS_WORDS: Record<StationStatus, string> = { active: '在地图上', needs_location: '待定位', inactive: '已停用' };

export default function StaffStationsPage() {
  const { me } = useMe();
  const params = useRouter().params;
  const [region, setRegion] = useState(params.region ?? '');
  const [filter, setFilter] = useState<StationStatus | 'all'>('all');
  const [items, setItems] = useState<Station[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const options = me ? regionOptions(me) : [];
  const current = region || options[0]?.code || '';

  const load = async (code: string, status: StationStatus | 'all', after: string | null) => {
    if (!code) return;
    setError(null);
    setBusy(true);
    try {
      const page = await api.listStations({ query: { regionCode: code, ...(status !== 'all' ? { status } : {}), ...(after ? { cursor: after } : {}) } });
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (current) void load(current, filter, null);
  }, [current]);
  // Coming back from a station's page: show what was changed there.
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current && current) void load(current, filter, null);
    shownOnce.current = true;
  });
  if (!me) return <StateView kind='loading' title='正在加载…' />;
  if (!me.roles.includes('staff') && !me.roles.includes('admin')) return <StateView kind='empty' title='只有工会工作人员可以管理驿站' />;

  const exportAs = async (format: 'csv' | 'geojson') => {
    try {
      await downloadExport('exportStations', { regionCode: current, format }, `驿站-${regionName(current) ?? current}.${format}`);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  return (
    <View className='page staff' id='staff-stations'>
      <View className='card'>
        <Picker
          mode='selector'
          range={options.map((o) => o.label.trim())}
          value={Math.max(0, options.findIndex((o) => o.code === current))}
          onChange={(e) => {
            const code = options[Number(e.detail.value)]?.code ?? current;
            setRegion(code);
            void load(code, filter, null);
          }}
        >
          <View className='staff__item' id='region-picker'>
            <Text>地区：{regionName(current) ?? current}</Text>
            <Text className='muted'>切换 ›</Text>
          </View>
        </Picker>
        <View className='staff__filters'>
          {FILTERS.map(([value, label]) => (
            <Text
              key={value}
              id={`filter-${value}`}
              className={`staff__filter ${filter === value ? 'is-on' : ''}`}
              onClick={() => {
                setFilter(value);
                void load(current, value, null);
              }}
            >
              {label}
            </Text>
          ))}
        </View>
        <View className='staff__actions'>
          <Button className='btn small' id='new-station' onClick={() => void Taro.navigateTo({ url: `/pkg-staff/station-form/index?region=${current}` })}>
            新建驿站
          </Button>
          <Button className='btn secondary small' id='import-link' onClick={() => void Taro.navigateTo({ url: `/pkg-staff/import/index?region=${current}` })}>
            批量导入
          </Button>
        </View>
        <View className='staff__actions'>
          <Button className='btn secondary small' id='export-csv' onClick={() => void exportAs('csv')}>
            导出 CSV
          </Button>
          <Button className='btn secondary small' id='export-geojson' onClick={() => void exportAs('geojson')}>
            导出 GeoJSON
          </Button>
        </View>
      </View>
      {error ? <StateView kind='error' title='没能加载驿站' detail={error} actionText='重试' onAction={() => void load(current, filter, null)} /> : null}
      {!error && items === null ? <StateView kind='loading' title='正在加载驿站…' /> : null}
      {items && items.length === 0 ? <StateView kind='empty' title='这里还没有驿站' detail='可以新建，或把现有名单批量导入' /> : null}
      {items?.map((s) => (
        <View className='card' key={s.id} id={`managed-${s.id}`} onClick={() => void Taro.navigateTo({ url: `/pkg-staff/station-form/index?id=${s.id}` })}>
          <View className='staff__row'>
            <Text className='staff__entry-title staff__grow'>{s.name}</Text>
            <Text className={`chip staff__status--${s.status}`}>{STATUS_WORDS[s.status]}</Text>
          </View>
          <Text className='muted'>
            {s.district.name} · {s.address}
          </Text>
          {s.closure ? <Text className='staff__error'>暂停开放：{s.closure.reason}</Text> : null}
          {s.hoursNote && !s.hours ? <Text className='muted'>开放时间待核实：{s.hoursNote}</Text> : null}
        </View>
      ))}
      {cursor ? (
        <Button className='btn secondary staff__more' id='stations-more' disabled={busy} onClick={() => void load(current, filter, cursor)}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
