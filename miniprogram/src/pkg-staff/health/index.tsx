import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { HEALTH_FRESH_DAYS, HEALTH_PROBLEM_LABELS, HEALTH_STALE_DAYS, regionName, type HealthCounts } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import { downloadExport } from '../../services/files';
import { ScopePicker, useScope, useScopedData } from '../scope';
import '../staff.scss';

/** The rows of the counts, in the order a worker's question runs: can I find it, is it open, can I call. */
const ROWS: { key: Exclude<keyof HealthCounts, 'stations' | 'openReports'>; label: string }[] = [
  { key: 'onMap', label: '在地图上' },
  { key: 'withHours', label: '有每周开放时间' },
  { key: 'withPhone', label: '有电话' },
  { key: 'withHost', label: '有绑定的负责人' },
  { key: 'amenitiesConfirmed', label: '热水、厕所、充电已确认' },
  { key: 'verified30', label: `${HEALTH_FRESH_DAYS} 天内核实过` },
  { key: 'verified90', label: `${HEALTH_STALE_DAYS} 天内核实过` },
  { key: 'withOpenReports', label: '有未处理的问题反馈' },
];

const percent = (n: number, of: number) => (of === 0 ? '—' : `${Math.round((n / of) * 100)}%`);

/**
 * Data health (数据质量) of the staff member's region: how many stations have what the finder needs,
 * per district for city and province staff, and the stations that most need a call or a visit.
 */
export default function HealthPage() {
  const { me } = useMe();
  const [scope, setScope] = useScope(me);
  const asked = useRouter().params.region;
  useEffect(() => {
    // The weekly digest opens this page on its district.
    if (asked && /^(\d{2}|\d{4}|\d{6})$/.test(asked)) setScope(asked);
  }, [asked]);
  const { data, error } = useScopedData(scope, (regionCode) => api.dataHealth({ query: { regionCode } }));
  const [exporting, setExporting] = useState(false);

  if (!me) return <StateView kind='loading' title='正在加载…' />;

  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadExport('exportDataHealth', { regionCode: scope }, `数据质量-${regionName(scope) ?? scope}.csv`);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setExporting(false);
    }
  };

  return (
    <View className='page staff' id='health-page'>
      <View className='card'>
        <Text className='staff__title'>数据质量{data ? ` · ${data.regionName}` : ''}</Text>
        <Text className='muted staff__hint'>核实指负责人点“信息无误”或劳动者到站确认；停用的驿站不计。</Text>
        <ScopePicker me={me} value={scope} onChange={setScope} />
        {error ? <StateView kind='error' title='没能加载数据质量' detail={error} /> : null}
        {!data && !error ? <StateView kind='loading' title='正在统计…' /> : null}
        {data ? (
          <View id='health-totals'>
            <Text className='staff__big' id='health-stations'>
              {data.totals.stations} 个驿站
            </Text>
            {ROWS.map((row) => (
              <View className='staff__item' key={row.key} id={`health-${row.key}`}>
                <Text>{row.label}</Text>
                <Text>
                  {data.totals[row.key]}（{percent(data.totals[row.key], data.totals.stations)}）
                </Text>
              </View>
            ))}
            <Button className='btn secondary' id='health-export' disabled={exporting} onClick={() => void exportCsv()}>
              {exporting ? '正在导出…' : '导出明细（CSV）'}
            </Button>
          </View>
        ) : null}
      </View>

      {data && data.districts.length > 1 ? (
        <View className='card' id='health-districts'>
          <Text className='staff__title'>各区县</Text>
          {data.districts.map((d) => (
            <View className='staff__item' key={d.code} id={`health-district-${d.code}`} onClick={() => setScope(d.code)}>
              <Text>
                {d.name}（{d.stations}）
              </Text>
              <Text className='muted'>
                有时间 {percent(d.withHours, d.stations)} · {HEALTH_STALE_DAYS} 天内核实 {percent(d.verified90, d.stations)} ›
              </Text>
            </View>
          ))}
        </View>
      ) : null}

      {data ? (
        <View className='card' id='health-attention'>
          <Text className='staff__title'>最需要处理的驿站</Text>
          <Text className='muted staff__hint'>
            先看有未处理反馈的，再看从未或 {HEALTH_STALE_DAYS} 天以上未核实的，再看缺位置、开放时间、电话、负责人的；同样紧急时先列最久没核实的。
          </Text>
          {data.attention.length === 0 ? <Text className='muted'>没有需要处理的驿站</Text> : null}
          {data.attention.map((s) => (
            <View
              className='staff__item'
              key={s.id}
              id={`attention-${s.id}`}
              onClick={() => void Taro.navigateTo({ url: `/pkg-staff/station-form/index?id=${encodeURIComponent(s.id)}` })}
            >
              <View>
                <Text>{s.name}</Text>
                <Text className='muted staff__sub'>
                  {s.districtName} · {s.problems.map((p) => (p === 'open_reports' ? `${s.openReports} 条未处理反馈` : HEALTH_PROBLEM_LABELS[p])).join('、')}
                </Text>
              </View>
              <Text className='muted'>›</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
