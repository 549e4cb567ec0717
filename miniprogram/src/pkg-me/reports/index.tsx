import { Text, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { useState } from 'react';
import { reportSummary, type ProblemReport, shortTime } from '@yz/shared';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';

/** 我的反馈: the problems I reported about stations, and what the host or the union answered. */
export default function MyReportsPage() {
  const [items, setItems] = useState<ProblemReport[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      setItems((await api.myReports({})).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useLoad(() => {
    void load();
  });

  if (error) return <StateView kind='error' title='没能加载我的反馈' detail={error} actionText='重试' onAction={() => void load()} />;
  if (!items) return <StateView kind='loading' title='正在加载…' />;
  if (items.length === 0) return <StateView kind='empty' title='您还没有反馈过问题' detail='在驿站页面点“报告问题”，驿站负责人和工会会收到' />;
  return (
    <View className='page'>
      {items.map((r) => (
        <View className='card' key={r.id} id={`my-report-${r.id}`}>
          <Text style={{ display: 'block', fontWeight: 700 }}>{r.stationName}</Text>
          <Text style={{ display: 'block' }}>{reportSummary(r)}</Text>
          <Text className='muted' style={{ display: 'block', fontSize: '13px' }}>
            {shortTime(r.createdAt)} · {r.status === 'resolved' ? '已处理' : '处理中'}
          </Text>
          {r.reply ? (
            <Text style={{ display: 'block', marginTop: '8px', color: '#0f8a4c' }}>
              {r.reply.by === 'host' ? '驿站回复' : '工会回复'}：{r.reply.message}
            </Text>
          ) : (
            <Text className='muted' style={{ display: 'block', marginTop: '8px' }}>
              还没有回复
            </Text>
          )}
        </View>
      ))}
    </View>
  );
}
