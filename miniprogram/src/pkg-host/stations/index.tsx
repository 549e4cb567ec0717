import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { openStatus, type Station, shortTime } from '@yz/shared';
import OpenBadge from '../../components/OpenBadge';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import '../host.scss';

/** 我负责的驿站: the stations this host keeps, each with how it shows on the map right now. */
export default function HostStationsPage() {
  const { me } = useMe();
  const [stations, setStations] = useState<Station[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openReports, setOpenReports] = useState<Record<string, number>>({});

  const ids = me?.hostStations.join(',') ?? '';
  useEffect(() => {
    if (!me) return;
    setError(null);
    Promise.all(me.hostStations.map((id) => api.getStation({ params: { id } })))
      .then(setStations)
      .catch((e) => setError(errorMessage(e)));
    // How many problem reports wait for an answer, per station (a count failing is not worth an error).
    void Promise.all(
      me.hostStations.map(async (id) => [id, (await api.stationReports({ params: { id }, query: { status: 'open', limit: 50 } })).items.length] as const),
    )
      .then((counts) => setOpenReports(Object.fromEntries(counts)))
      .catch(() => undefined);
  }, [ids]);

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  if (me.hostStations.length === 0) {
    return <StateView kind='empty' title='您还没有负责的驿站' detail='请向工会工作人员索取绑定码，在“我的”页面输入' />;
  }
  if (error) return <StateView kind='error' title='没能加载驿站' detail={error} />;
  if (!stations) return <StateView kind='loading' title='正在加载驿站…' />;
  const now = new Date();
  return (
    <View className='page host'>
      {stations.map((s) => (
        <View className='card' key={s.id} id={`host-station-${s.id}`} onClick={() => void Taro.navigateTo({ url: `/pkg-host/editor/index?id=${s.id}` })}>
          <Text className='host__title'>{s.name}</Text>
          <View className='host__row'>
            <OpenBadge status={openStatus(s, now)} now={now} />
            {s.status === 'inactive' ? <Text className='chip'>已停用</Text> : null}
            {s.status === 'needs_location' ? <Text className='chip'>待定位</Text> : null}
          </View>
          <Text className='host__meta'>{s.lastVerifiedAt ? `上次核实 ${shortTime(s.lastVerifiedAt)}` : '还没有核实过信息，请点开确认'}</Text>
          <Text
            className='host__link'
            id={`host-reports-${s.id}`}
            onClick={(e) => {
              e.stopPropagation();
              void Taro.navigateTo({ url: `/pkg-host/reports/index?id=${s.id}` });
            }}
          >
            问题反馈{openReports[s.id] ? `（${openReports[s.id]} 条待处理）` : ''} ›
          </Text>
          <Text
            className='host__link'
            id={`host-wishes-${s.id}`}
            onClick={(e) => {
              e.stopPropagation();
              void Taro.navigateTo({ url: `/pkg-wishes/handover/index?id=${s.id}&name=${encodeURIComponent(s.name)}` });
            }}
          >
            心愿交接（取件码） ›
          </Text>
          <Text
            className='host__link'
            id={`host-member-scan-${s.id}`}
            onClick={(e) => {
              e.stopPropagation();
              void Taro.navigateTo({ url: `/pkg-host/member-scan/index?id=${s.id}&name=${encodeURIComponent(s.name)}` });
            }}
          >
            核验会员码 ›
          </Text>
        </View>
      ))}
    </View>
  );
}
