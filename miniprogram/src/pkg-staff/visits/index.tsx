import { Text, View } from '@tarojs/components';
import type { RegionVisits } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api } from '../../services/api';
import { ScopePicker, useScope, useScopedData } from '../scope';
import '../staff.scss';

/** Daily visits counted from station QR codes across the region, and the busiest stations. */
export default function VisitsPage() {
  const { me } = useMe();
  const [scope, setScope] = useScope(me);
  const { data, error } = useScopedData(scope, (regionCode) => api.regionVisits({ query: { regionCode, days: 14 } }));

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  return (
    <View className='page staff'>
      <View className='card'>
        <Text className='staff__title'>到访统计（近 14 天）</Text>
        <Text className='muted staff__hint'>劳动者扫驿站二维码计入，同一人同一驿站 4 小时内只计一次。</Text>
        <ScopePicker me={me} value={scope} onChange={setScope} />
        {error ? <StateView kind='error' title='没能加载统计' detail={error} /> : null}
        {!data && !error ? <StateView kind='loading' title='正在加载…' /> : null}
        {data ? (
          <View id='visits-region'>
            <Text className='staff__big' id='visits-region-total'>
              {data.total} 人次
            </Text>
            {data.days.map((d) => (
              <View className='staff__item' key={d.date}>
                <Text>{d.date}</Text>
                <Text>{d.visits}</Text>
              </View>
            ))}
            <Text className='staff__title' style={{ marginTop: '24px' }}>
              各驿站到访与公告栏
            </Text>
            {data.stations.length === 0 ? <Text className='muted'>还没有扫码到访，也没有发布招聘和活动</Text> : null}
            {data.stations.slice(0, 20).map((s) => (
              <View key={s.stationId} id={`visits-station-${s.stationId}`}>
                <View className='staff__item'>
                  <Text>{s.stationName}</Text>
                  <Text>{s.visits}</Text>
                </View>
                {s.board.eventsHeld + s.board.jobsPosted + s.board.placesReserved > 0 ? (
                  <Text className='muted' id={`board-figures-${s.stationId}`}>
                    活动 {s.board.eventsHeld} 场 · 预约 {s.board.placesReserved} · 签到 {s.board.checkedIn} · 招聘 {s.board.jobsPosted} 条 · 查看电话 {s.board.phoneReveals} 次
                  </Text>
                ) : null}
              </View>
            ))}
          </View>
        ) : null}
      </View>
    </View>
  );
}
