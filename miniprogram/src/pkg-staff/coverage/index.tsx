import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatDistance, type CoverageReport } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api } from '../../services/api';
import { ScopePicker, useScope, useScopedData } from '../scope';
import '../staff.scss';

/** Where workers search but no station is open within 15 minutes' walk: where to build next. */
export default function CoveragePage() {
  const { me } = useMe();
  const [scope, setScope] = useScope(me);
  const { data, error } = useScopedData(scope, (regionCode) => api.coverageGaps({ query: { regionCode, days: 30 } }));

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  return (
    <View className='page staff'>
      <View className='card'>
        <Text className='staff__title'>覆盖缺口（近 30 天）</Text>
        <Text className='muted staff__hint'>
          有劳动者搜索、但步行 15 分钟（约 1.2 公里）内没有正在开放的驿站的地方，按搜索次数排列。每格约 1.2 × 0.6 公里，不记录是谁搜索的。
        </Text>
        <ScopePicker me={me} value={scope} onChange={setScope} />
        {error ? <StateView kind='error' title='没能加载覆盖情况' detail={error} /> : null}
        {!data && !error ? <StateView kind='loading' title='正在计算…' /> : null}
        {data ? (
          <View id='coverage-result'>
            <Text className='muted staff__hint'>
              {data.from} 至 {data.to}：{data.cellsWithSearches} 个网格共 {data.searches} 次搜索；按 {data.at.slice(0, 16).replace('T', ' ')} 的开放情况判断
            </Text>
            {data.gaps.length === 0 ? <StateView kind='empty' title='没有发现覆盖缺口' detail='有搜索的地方，步行 15 分钟内都有开放的驿站' /> : null}
            {data.gaps.map((g) => (
              <View
                className='staff__list-row'
                key={g.cell}
                id={`gap-${g.cell}`}
                onClick={() => void Taro.openLocation({ latitude: g.center.lat, longitude: g.center.lng, name: `网格 ${g.cell}`, address: `搜索 ${g.searches} 次`, scale: 15 })}
              >
                <Text>
                  网格 {g.cell} · 搜索 {g.searches} 次
                </Text>
                <Text className='staff__list-meta'>
                  {g.nearestOpen ? `最近的开放驿站：${g.nearestOpen.name}，${formatDistance(g.nearestOpen.distanceMeters)}` : '5 公里内没有开放的驿站'}
                </Text>
              </View>
            ))}
          </View>
        ) : null}
      </View>
    </View>
  );
}
