import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { FILE_LIST_FILTERS, FILE_STATUS_LABELS, HARDSHIP_OCCUPATION_LABELS, type HardshipFileSummary } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import '../hardship.scss';

type Filter = (typeof FILE_LIST_FILTERS)[number];
const FILTER_LABELS: Record<Filter, string> = { ...FILE_STATUS_LABELS, all: '全部' };

/** Staff: the files of a region they serve, by status, newest change first; names are masked here. */
export default function FilesPage() {
  const { me } = useMe();
  const [picked, setPicked] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState<Filter>('all');
  const [items, setItems] = useState<HardshipFileSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const region = picked ?? me?.staffScopes[0] ?? (me?.isAdmin ? '4505' : '');

  const load = async (regionCode: string, filter: Filter, after?: string) => {
    if (!regionCode) return;
    setError(null);
    if (after) setMore(true);
    else setItems(null);
    try {
      const page = await api.listHardshipFiles({ query: { regionCode, status: filter, limit: 20, ...(after ? { cursor: after } : {}) } });
      setItems((old) => (after ? [...(old ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setMore(false);
    }
  };
  useDidShow(() => {
    void load(region, status);
  });

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  if (!me.roles.includes('staff') && !me.roles.includes('admin')) return <StateView kind='empty' title='只有工会工作人员可以查看困难职工档案' />;

  const choose = (code: string, filter: Filter) => {
    setPicked(code);
    setStatus(filter);
    void load(code, filter);
  };

  return (
    <View className='page hs' id='files-page'>
      <View className='card'>
        <View className='hs__chips'>
          {me.staffScopes.map((code) => (
            <View key={code} id={`scope-${code}`} className={`hs__chip ${code === region ? 'hs__chip--on' : ''}`} onClick={() => choose(code, status)}>
              {code}
            </View>
          ))}
        </View>
        {me.isAdmin ? (
          <Input
            className='hs__input'
            id='scope-input'
            value={typed}
            placeholder={`地区代码（现在：${region}）`}
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={() => /^(\d{2}|\d{4}|\d{6})$/.test(typed.trim()) && choose(typed.trim(), status)}
          />
        ) : null}
        <View className='hs__chips' id='status-filter'>
          {FILE_LIST_FILTERS.map((f) => (
            <View key={f} id={`filter-${f}`} className={`hs__chip ${f === status ? 'hs__chip--on' : ''}`} onClick={() => choose(region, f)}>
              {FILTER_LABELS[f]}
            </View>
          ))}
        </View>
        <View className='hs__actions'>
          <Button className='btn' id='new-file' onClick={() => void Taro.navigateTo({ url: '/pkg-hardship/form/index' })}>
            新建档案
          </Button>
          <Button className='btn secondary' id='scan-card' onClick={() => void Taro.navigateTo({ url: '/pkg-hardship/scan/index' })}>
            扫描职工二维码卡片
          </Button>
        </View>
      </View>

      {error ? (
        <StateView kind='error' title='没能加载档案' detail={error} actionText='重试' onAction={() => void load(region, status)} />
      ) : items === null ? (
        <StateView kind='loading' title='正在加载…' />
      ) : items.length === 0 ? (
        <StateView kind='empty' id='no-files' title='这个地区还没有符合条件的档案' />
      ) : (
        <View className='card' id='file-list'>
          {items.map((f) => (
            <View className='hs__item' key={f.id} id={`file-${f.id}`} onClick={() => void Taro.navigateTo({ url: `/pkg-hardship/file/index?id=${f.id}` })}>
              <View>
                <Text>
                  {f.nameMasked} · {HARDSHIP_OCCUPATION_LABELS[f.occupation]}
                </Text>
                <Text className='hs__hint'>
                  {f.regionName} · {f.source === 'self' ? '本人申请' : '工会建档'} · {f.bound ? '已绑定' : '未绑定'}
                </Text>
              </View>
              <Text className={`hs__status hs__status--${f.status}`}>{FILE_STATUS_LABELS[f.status]}</Text>
            </View>
          ))}
          {cursor ? (
            <Button className='btn secondary small' id='load-more' disabled={more} onClick={() => void load(region, status, cursor)}>
              {more ? '正在加载…' : '加载更多'}
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}
