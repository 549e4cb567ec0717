import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import {
  AMENITY_LABELS,
  intervalsText,
  STATION_ACTION_LABELS,
  STATION_FIELD_LABELS,
  STATION_TYPE_LABELS,
  WEEKDAYS,
  WEEKDAY_LABELS,
  type Amenity,
  type FieldChange,
  type OpeningHours,
  type StationHistoryEntry,
  shortTime,
} from '@yz/shared';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';
import '../host.scss';

/** 修改记录: every change to the station, newest first — who, when, and each field before and after. */

const ROLE_WORDS: Record<StationHistoryEntry['actorRole'], string> = { host: '驿站负责人', staff: '工会工作人员', admin: '管理员', import: '批量导入' };
const STATUS_WORDS: Record<string, string> = { active: '开放（在地图上）', needs_location: '待定位', inactive: '已停用' };
const AVAILABILITY: Record<string, string> = { yes: '有', no: '没有', unknown: '不确定' };

function hoursText(hours: OpeningHours | null): string {
  if (!hours) return '未登记';
  const days = WEEKDAYS.map((d) => `${WEEKDAY_LABELS[d]} ${intervalsText(hours.weekly[d])}`).join('；');
  return hours.exceptions.length > 0 ? `${days}；另有 ${hours.exceptions.length} 条特殊日期` : days;
}

/** A value as people read it; null is "无". */
function valueText(field: FieldChange['field'], value: unknown): string {
  if (value === null || value === undefined || value === '') return '无';
  switch (field) {
    case 'hours':
      return hoursText(value as OpeningHours);
    case 'closure': {
      const c = value as { reason: string; until: string | null };
      return `${c.reason}${c.until ? `，预计 ${shortTime(c.until)} 恢复` : ''}`;
    }
    case 'phones':
      return (value as string[]).join('、') || '无';
    case 'status':
      return STATUS_WORDS[String(value)] ?? String(value);
    case 'type':
      return STATION_TYPE_LABELS[value as keyof typeof STATION_TYPE_LABELS] ?? String(value);
    case 'district':
      return (value as { name: string }).name;
    case 'location': {
      const p = value as { lat: number; lng: number };
      return `${p.lat.toFixed(6)}, ${p.lng.toFixed(6)}`;
    }
    case 'lastVerifiedAt':
      return shortTime(String(value));
    case 'photoUrl':
      return '照片';
    default:
      return String(value);
  }
}

/** Amenities changed one by one: "热水：不确定 → 有". */
function changeLines(change: FieldChange): string[] {
  if (change.field === 'amenities' && !change.before && change.after) {
    const after = change.after as Record<Amenity, string>;
    const known = (Object.keys(after) as Amenity[]).filter((a) => after[a] !== 'unknown');
    return [`服务设施：${known.length === 0 ? '都还不确定' : known.map((a) => (after[a] === 'yes' ? AMENITY_LABELS[a] : `无${AMENITY_LABELS[a]}`)).join('、')}`];
  }
  if (change.field === 'amenities' && change.before && change.after) {
    const before = change.before as Record<Amenity, string>;
    const after = change.after as Record<Amenity, string>;
    return (Object.keys(after) as Amenity[])
      .filter((a) => before[a] !== after[a])
      .map((a) => `${AMENITY_LABELS[a]}：${AVAILABILITY[before[a]] ?? before[a]} → ${AVAILABILITY[after[a]] ?? after[a]}`);
  }
  return [`${STATION_FIELD_LABELS[change.field]}：${valueText(change.field, change.before)} → ${valueText(change.field, change.after)}`];
}

export default function HistoryPage() {
  const id = useRouter().params.id ?? '';
  const [items, setItems] = useState<StationHistoryEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (after: string | null) => {
    setError(null);
    try {
      const page = await api.stationHistory({ params: { id }, query: after ? { cursor: after } : {} });
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    void load(null);
  }, [id]);

  if (error && !items) return <StateView kind='error' title='没能加载修改记录' detail={error} actionText='重试' onAction={() => void load(null)} />;
  if (!items) return <StateView kind='loading' title='正在加载修改记录…' />;
  if (items.length === 0) return <StateView kind='empty' title='还没有修改记录' />;
  return (
    <View className='page host' id='history'>
      <View className='card'>
        {items.map((entry) => (
          <View className='host__entry' key={entry.id} id={`history-${entry.version}`}>
            <Text className='host__section'>{STATION_ACTION_LABELS[entry.action]}</Text>
            <Text className='host__meta'>
              {shortTime(entry.at)} · {ROLE_WORDS[entry.actorRole]} {entry.actorId} · 第 {entry.version} 版
            </Text>
            {entry.note ? <Text className='host__change'>原因：{entry.note}</Text> : null}
            {entry.changes.flatMap(changeLines).map((line, i) => (
              <Text className='host__change' key={i}>
                {line}
              </Text>
            ))}
          </View>
        ))}
      </View>
      {cursor ? (
        <Button className='btn secondary' id='history-more' onClick={() => void load(cursor)}>
          加载更多
        </Button>
      ) : null}
      {error ? <Text className='host__error'>{error}</Text> : null}
    </View>
  );
}
