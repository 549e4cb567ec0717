import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { reportSummary, type ProblemReport } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import { ScopePicker, useScope } from '../scope';
import '../staff.scss';

/** Problem reports about the stations of the staff member's region, newest first. */
export default function ReportsPage() {
  const { me } = useMe();
  const [scope, setScope] = useScope(me);
  const [items, setItems] = useState<ProblemReport[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (more: string | null) => {
    setError(null);
    try {
      const page = await api.regionReports({ query: { regionCode: scope, ...(more ? { cursor: more } : {}) } });
      setItems((prev) => (more && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useEffect(() => {
    if (scope) void load(null);
  }, [scope]);

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  return (
    <View className='page staff'>
      <View className='card'>
        <Text className='staff__title'>问题反馈</Text>
        <Text className='muted staff__hint'>劳动者报告的驿站问题（时间不对、关门、设施缺失等），请核实后联系驿站负责人更正。</Text>
        <ScopePicker me={me} value={scope} onChange={setScope} />
        {error ? <StateView kind='error' title='没能加载反馈' detail={error} actionText='重试' onAction={() => void load(null)} /> : null}
        {items && items.length === 0 ? <StateView kind='empty' title='本地区还没有问题反馈' /> : null}
        {(items ?? []).map((r) => (
          <View className='staff__list-row' key={r.id} id={`report-${r.id}`} onClick={() => void Taro.navigateTo({ url: `/pkg-station/detail/index?id=${r.stationId}` })}>
            <Text>{reportSummary(r)}</Text>
            <Text className='staff__list-meta'>
              {r.stationName} · {r.createdAt.slice(0, 16).replace('T', ' ')} · {r.status === 'open' ? '待处理' : '已处理'}
            </Text>
          </View>
        ))}
        {cursor ? (
          <Button className='btn small secondary' onClick={() => void load(cursor)}>
            加载更多
          </Button>
        ) : null}
      </View>
    </View>
  );
}
