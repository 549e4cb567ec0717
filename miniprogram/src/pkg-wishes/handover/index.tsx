import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { HandoverBody, WISH_CATEGORY_LABELS, type HostWish } from '@yz/shared';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';
import { at, StatusBadge } from '../common';
import '../wishes.scss';

/**
 * 心愿交接 at a station (its host, or staff): the wishes to be handed over here, by reference and pickup
 * code — never the story or anyone's name. The worker says the code; the host types it and hands over
 * the item, which confirms receipt.
 */
export default function StationHandoverPage() {
  const { id = '', name } = useRouter().params;
  const [items, setItems] = useState<HostWish[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<HostWish | null>(null);

  const load = async () => {
    setError(null);
    try {
      setItems((await api.stationWishes({ params: { id } })).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => {
    void load();
  });

  const handOver = async () => {
    setProblem(null);
    setDone(null);
    const parsed = HandoverBody.safeParse({ code });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? '取件码是 6 位数字');
      return;
    }
    setBusy(true);
    try {
      const wish = await api.stationHandover({ params: { id }, body: { code: parsed.data.code } });
      setDone(wish);
      setCode('');
      void Taro.showToast({ title: '已交接', icon: 'success' });
      await load();
    } catch (e) {
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (!id) return <StateView kind='empty' title='请从“我负责的驿站”进入' />;
  if (error) return <StateView kind='error' title='没能加载心愿交接' detail={error} actionText='重试' onAction={() => void load()} />;
  if (!items) return <StateView kind='loading' title='正在加载…' />;

  const waiting = items.filter((w) => w.status === 'claimed' || w.status === 'delivered');
  const handed = items.filter((w) => w.status !== 'claimed' && w.status !== 'delivered');

  return (
    <View className='page wish' id='station-handover'>
      <View className='card'>
        <Text className='wish__title'>{name ? decodeURIComponent(name) : '心愿交接'}</Text>
        <Text className='wish__hint'>爱心人士会把心愿物品送到驿站（说“微心愿 + 编号”）。许愿人来取时，请对方说出 6 位取件码，核对后输入，再把物品交给对方。</Text>
        <Input
          className='wish__input'
          id='pickup-code-input'
          type='number'
          value={code}
          maxlength={6}
          placeholder='6 位取件码'
          onInput={(e) => setCode(e.detail.value)}
          onConfirm={() => void handOver()}
        />
        {problem ? (
          <Text className='wish__error' id='handover-error'>
            {problem}
          </Text>
        ) : null}
        {done ? (
          <Text className='wish__ok' id='handover-done'>
            已交接：心愿 {done.ref}「{done.title}」
          </Text>
        ) : null}
        <View className='wish__actions'>
          <Button className='btn' id='handover-submit' disabled={busy || code.trim().length === 0} onClick={() => void handOver()}>
            {busy ? '正在核对…' : '核对取件码并交接'}
          </Button>
        </View>
      </View>

      <View className='card' id='handover-waiting'>
        <Text className='wish__label'>等待交接（{waiting.length}）</Text>
        {waiting.length === 0 ? <Text className='wish__hint'>现在没有要在本驿站交接的心愿。</Text> : null}
        {waiting.map((w) => (
          <View className='wish__station' key={w.id} id={`host-wish-${w.id}`}>
            <View className='wish__head'>
              <Text className='wish__station-name'>
                心愿 {w.ref} · {WISH_CATEGORY_LABELS[w.category]}
              </Text>
              <StatusBadge status={w.status} />
            </View>
            <Text className='wish__station-address'>
              {w.title} · 取件码 {w.pickupCode}
            </Text>
            <Text className='wish__station-address'>{w.status === 'delivered' && w.deliveredAt ? `${at(w.deliveredAt)} 已送到驿站，等许愿人来取` : '爱心人士已认领，物品还没送到'}</Text>
          </View>
        ))}
      </View>
      {handed.length > 0 ? (
        <View className='card'>
          <Text className='wish__label'>已交接</Text>
          {handed.map((w) => (
            <View className='wish__station' key={w.id}>
              <Text className='wish__station-name'>
                心愿 {w.ref} · {w.title}
              </Text>
              <Text className='wish__station-address'>{w.fulfilledAt ? `${at(w.fulfilledAt)} 交给本人` : ''}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
