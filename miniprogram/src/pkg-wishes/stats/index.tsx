import { Picker, Text, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { WISH_CATEGORIES, WISH_CATEGORY_LABELS, type WishStats } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import RegionBar, { useRegion } from '../RegionBar';
import '../wishes.scss';

/** 心愿数字: for the staff's region, wishes posted, claimed, fulfilled and lapsed, and the median days to fulfilment. */
export default function WishStatsPage() {
  const { me } = useMe();
  const { scope, region, setScope, setRegion } = useRegion(me);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [stats, setStats] = useState<WishStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const load = async () => {
    if (!region) return;
    const ticket = ++latest.current;
    setError(null);
    setStats(null);
    try {
      const res = await api.wishStats({ query: { regionCode: region, ...(from ? { from } : {}), ...(to ? { to } : {}) } });
      if (ticket === latest.current) setStats(res);
    } catch (e) {
      if (ticket === latest.current) setError(errorMessage(e));
    }
  };
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [region, from, to]);

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  if (!me.roles.includes('staff') && !me.roles.includes('admin')) return <StateView kind='empty' title='只有工会工作人员可以查看心愿数字' />;

  const most = stats ? Math.max(1, ...Object.values(stats.byCategory)) : 1;
  return (
    <View className='page wish' id='wish-stats'>
      <RegionBar me={me} scope={scope} region={region} onScope={setScope} onRegion={setRegion} />
      <View className='card'>
        <View className='wish__chips'>
          <Picker mode='date' value={from || (stats?.from ?? '2026-01-01')} onChange={(e) => setFrom(String(e.detail.value))}>
            <View className='wish__chip' id='stats-from'>
              {`自 ${from || stats?.from || '…'}`} ▾
            </View>
          </Picker>
          <Picker mode='date' value={to || (stats?.to ?? '2026-12-31')} onChange={(e) => setTo(String(e.detail.value))}>
            <View className='wish__chip' id='stats-to'>
              {`至 ${to || stats?.to || '…'}`} ▾
            </View>
          </Picker>
          {from || to ? (
            <Text className='wish__chip' onClick={() => (setFrom(''), setTo(''))}>
              最近一年
            </Text>
          ) : null}
        </View>
        <Text className='wish__hint'>统计这段时间内发布的心愿（默认最近一年）。</Text>
      </View>

      {!region ? (
        <StateView kind='empty' title='请先选择地区' />
      ) : error ? (
        <StateView kind='error' title='没能加载心愿数字' detail={error} actionText='重试' onAction={() => void load()} />
      ) : !stats ? (
        <StateView kind='loading' title='正在统计…' />
      ) : (
        <>
          <View className='card'>
            <View className='wish__stats' id='stats-numbers'>
              {(
                [
                  ['posted', '发布', stats.posted],
                  ['claimed', '被认领', stats.claimed],
                  ['fulfilled', '已实现', stats.fulfilled],
                  ['lapsed', '认领过期', stats.lapsed],
                ] as const
              ).map(([key, label, n]) => (
                <View className='wish__stat' key={key} id={`stat-${key}`}>
                  <Text className='wish__stat-value'>{n}</Text>
                  <Text className='wish__stat-label'>{label}</Text>
                </View>
              ))}
            </View>
            <View className='wish__row' id='stat-median'>
              <Text className='muted'>从发布到实现（中位数）</Text>
              <Text>{stats.medianDaysToFulfil === null ? '暂无已实现的心愿' : `${stats.medianDaysToFulfil} 天`}</Text>
            </View>
          </View>
          <View className='card' id='stats-categories'>
            <Text className='wish__label'>按类别</Text>
            {WISH_CATEGORIES.map((c) => {
              const n = stats.byCategory[c] ?? 0;
              return (
                <View className='wish__bar' key={c} id={`stat-category-${c}`}>
                  <Text className='wish__bar-label'>{WISH_CATEGORY_LABELS[c]}</Text>
                  <View className='wish__bar-track'>
                    <View className='wish__bar-fill' style={{ width: `${Math.round((n / most) * 100)}%` }} />
                  </View>
                  <Text>{n}</Text>
                </View>
              );
            })}
          </View>
        </>
      )}
    </View>
  );
}
