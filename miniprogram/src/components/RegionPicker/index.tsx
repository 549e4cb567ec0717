import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { Region } from '@yz/shared';
import { useRegionChildren } from '../../hooks';
import StateView from '../StateView';
import './index.scss';

/**
 * Province → city → district, from the API's GB/T 2260 table (not shipped in the package). With
 * `level='city'` the pick ends at the city (the wish wall filters by city).
 */
export default function RegionPicker({ onPick, onCancel, level = 'district' }: { onPick: (region: Region) => void; onCancel: () => void; level?: 'city' | 'district' }) {
  const [path, setPath] = useState<Region[]>([]);
  const { items, error } = useRegionChildren(path[path.length - 1]?.code);

  const choose = (region: Region) => {
    if (region.code.length === 6 || (level === 'city' && region.code.length === 4)) onPick(region);
    else setPath([...path, region]);
  };

  return (
    <View className='card region-picker' id='region-picker'>
      <View className='region-picker__head'>
        <Text className='region-picker__title'>{path.length === 0 ? '选择省份' : path.length === 1 ? '选择城市' : '选择区县'}</Text>
        <Text className='region-picker__back' id='region-back' onClick={() => (path.length > 0 ? setPath(path.slice(0, -1)) : onCancel())}>
          {path.length > 0 ? '‹ 上一级' : '取消'}
        </Text>
      </View>
      {path.length > 0 ? <Text className='muted region-picker__path'>{path.map((r) => r.name).join(' / ')}</Text> : null}
      {error ? <StateView kind='error' title='没能加载地区' detail={error} /> : null}
      {!items && !error ? <StateView kind='loading' title='正在加载…' /> : null}
      <View className='region-picker__list'>
        {(items ?? []).map((r) => (
          <Text className='region-picker__item' key={r.code} id={`region-${r.code}`} onClick={() => choose(r)}>
            {r.name}
          </Text>
        ))}
      </View>
    </View>
  );
}
