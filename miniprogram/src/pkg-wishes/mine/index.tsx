import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { MyWish } from '@yz/shared';
import StateView from '../../components/StateView';
import { useOwnData } from '../../use-page-data';
import { api, ApiError, errorMessage, mediaUrl } from '../../services/api';
import { at, CountedTextarea, StatusBadge, WishMeta, Timeline } from '../common';
import '../wishes.scss';

/**
 * 我的心愿 (the hardship worker): each wish with its status and timeline, the pickup code for a station
 * handover, the staff's note when it came back, and what can be done now: 撤回, 修改后重新提交,
 * 确认收到, 写感谢. Posting a new one is offered while fewer than the limit are open.
 */
export default function MyWishesPage() {
  const params = useRouter().params;
  const posted = params.posted;
  // Opened from a notification (`?id=`) or after posting: that wish first.
  const focus = params.id ?? posted;
  const { data, setData, error, signedOut, load } = useOwnData(() => api.myWishes({}), { pullDownRefresh: true });

  if (signedOut) return <StateView kind='empty' title='请先登录' actionText='去登录' onAction={() => void Taro.switchTab({ url: '/pages/me/index' })} />;
  if (error) return <StateView kind='error' title='没能加载我的心愿' detail={error} actionText='重试' onAction={() => void load()} />;
  if (!data) return <StateView kind='loading' title='正在加载…' />;

  // The quota line and 许个心愿 depend on how many wishes are still open, which the server decides
  // (MyWishes.openCount, canPost): after a change, the list shows it at once and the counts follow.
  const replace = (next: MyWish) => {
    setData((d) => (d ? { ...d, items: d.items.map((w) => (w.id === next.id ? next : w)) } : d));
    void load();
  };
  const full = data.openCount >= data.maxOpen;

  return (
    <View className='page wish' id='my-wishes'>
      {posted ? (
        <View className='card'>
          <Text className='wish__ok' id='posted-banner'>
            心愿已提交！工会工作人员审核通过后会显示在心愿墙上。
          </Text>
        </View>
      ) : null}
      <View className='card'>
        <Text className='wish__title'>许个心愿</Text>
        <Text className='wish__hint' id='open-count'>
          最多同时 {data.maxOpen} 个未完成的心愿，您现在有 {data.openCount} 个。
        </Text>
        {!data.canPost ? (
          <Text className='wish__note' id='cannot-post'>
            {data.reason ?? '暂时不能许愿'}
          </Text>
        ) : full ? (
          <Text className='wish__note' id='cannot-post'>
            您已有 {data.openCount} 个未完成的心愿。等其中一个实现或撤回后，就可以再许一个。
          </Text>
        ) : null}
        <Button className='btn' id='new-wish' disabled={!data.canPost || full} onClick={() => void Taro.navigateTo({ url: '/pkg-wishes/post/index' })}>
          许个心愿
        </Button>
      </View>

      {data.items.length === 0 ? (
        <StateView kind='empty' id='mine-empty' title='还没有心愿' detail='想要的生活用品、孩子的学习用品……都可以写下来，爱心人士会帮您实现。' />
      ) : (
        [...data.items].sort((a, b) => Number(b.id === focus) - Number(a.id === focus)).map((w) => <MyWishCard key={w.id} wish={w} onChange={replace} onReload={() => void load()} />)
      )}
    </View>
  );
}

function MyWishCard({ wish: w, onChange, onReload }: { wish: MyWish; onChange: (w: MyWish) => void; onReload: () => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [thanking, setThanking] = useState(false);
  const [thanks, setThanks] = useState('');
  const [showTimeline, setShowTimeline] = useState(false);

  const run = async (label: string, action: () => Promise<MyWish>, confirm?: { title: string; content: string }) => {
    if (confirm) {
      const ok = await Taro.showModal({ ...confirm, confirmText: label });
      if (!ok.confirm) return;
    }
    setBusy(true);
    setProblem(null);
    try {
      onChange(await action());
      void Taro.showToast({ title: `已${label}`, icon: 'success' });
      return true;
    } catch (e) {
      setProblem(errorMessage(e));
      if (e instanceof ApiError && (e.code === 'WISH_CHANGED' || e.code === 'INVALID_TRANSITION')) onReload();
      return false;
    } finally {
      setBusy(false);
    }
  };

  const sendThanks = async () => {
    const done = await run('致谢', () => api.thankWish({ params: { id: w.id }, body: { text: thanks.trim(), version: w.version } }));
    if (done) setThanking(false);
  };

  const canWithdraw = w.status === 'pending_review' || w.status === 'returned' || w.status === 'open';
  const showCode = w.pickupCode && (w.status === 'claimed' || w.status === 'delivered');

  return (
    <View className='card' id={`my-wish-${w.id}`}>
      <View className='wish__head'>
        <Text className='wish__title'>{w.title}</Text>
        <StatusBadge status={w.status} id={`my-status-${w.id}`} />
      </View>
      <WishMeta valueFen={w.valueFen} category={w.category}>
        心愿编号 {w.ref}
      </WishMeta>
      <Text className='wish__hint'>{at(w.postedAt)} 提交</Text>

      {w.staffNote && (w.status === 'returned' || w.status === 'closed') ? (
        <Text className='wish__note' id={`staff-note-${w.id}`}>
          {w.status === 'returned' ? '工作人员的修改意见：' : '关闭原因：'}
          {w.staffNote}
        </Text>
      ) : null}
      {w.station ? (
        <View className='wish__place'>
          <Text>交接驿站：{w.station.name}</Text>
          <Text className='wish__hint'>{w.station.address}</Text>
        </View>
      ) : (
        <Text className='wish__place'>交接方式：由工会工作人员转交</Text>
      )}
      {showCode ? (
        <View className='wish__code' id={`pickup-${w.id}`}>
          <Text className='muted'>到驿站取物品时，请把取件码告诉驿站负责人</Text>
          <Text className='wish__code-value' id={`pickup-code-${w.id}`}>
            {w.pickupCode}
          </Text>
        </View>
      ) : null}
      {w.status === 'claimed' ? <Text className='wish__hint'>已有爱心人士认领，正在准备送达。</Text> : null}
      {w.status === 'delivered' ? <Text className='wish__ok'>物品已送达{w.station ? '驿站' : '工会'}，收到后请点“确认收到”。</Text> : null}
      {w.deliveryNote ? <Text className='wish__hint'>送达说明：{w.deliveryNote}</Text> : null}
      {w.deliveryPhotoUrl ? <Image className='wish__photo' src={mediaUrl(w.deliveryPhotoUrl) ?? ''} mode='aspectFill' /> : null}
      {w.thanks ? (
        <Text className='wish__thanks' id={`my-thanks-${w.id}`}>
          我的感谢：{w.thanks}
        </Text>
      ) : null}
      {problem ? (
        <Text className='wish__error' id={`my-error-${w.id}`}>
          {problem}
        </Text>
      ) : null}

      {thanking ? (
        <View id={`thanks-form-${w.id}`}>
          <Text className='wish__label'>对爱心人士说句话（会显示在心愿墙上）</Text>
          <CountedTextarea id={`thanks-text-${w.id}`} value={thanks} max={200} placeholder='如：收到了，孩子特别喜欢，谢谢好心人！' onInput={setThanks} />
          <View className='wish__actions'>
            <Button className='btn' id={`thanks-send-${w.id}`} disabled={busy || thanks.trim() === ''} onClick={() => void sendThanks()}>
              {busy ? '正在提交…' : '发送感谢'}
            </Button>
            <Button className='btn secondary' disabled={busy} onClick={() => setThanking(false)}>
              返回
            </Button>
          </View>
        </View>
      ) : (
        <View className='wish__actions'>
          {w.status === 'delivered' ? (
            <Button
              className='btn'
              id={`confirm-received-${w.id}`}
              disabled={busy}
              onClick={() =>
                void run('确认收到', () => api.confirmWishReceived({ params: { id: w.id }, body: { version: w.version } }), {
                  title: '确认收到',
                  content: '确认已经收到心愿物品了吗？',
                })
              }
            >
              确认收到
            </Button>
          ) : null}
          {w.status === 'fulfilled' ? (
            <Button className='btn' id={`thank-${w.id}`} disabled={busy} onClick={() => setThanking(true)}>
              写感谢
            </Button>
          ) : null}
          {w.status === 'returned' ? (
            <Button className='btn' id={`edit-${w.id}`} disabled={busy} onClick={() => void Taro.navigateTo({ url: `/pkg-wishes/post/index?id=${w.id}` })}>
              修改后重新提交
            </Button>
          ) : null}
          {canWithdraw ? (
            <Button
              className='btn secondary'
              id={`withdraw-${w.id}`}
              disabled={busy}
              onClick={() =>
                void run('撤回', () => api.withdrawWish({ params: { id: w.id }, body: { version: w.version } }), {
                  title: '撤回心愿',
                  content: '撤回后这个心愿不会再显示在心愿墙上，也不能再恢复。确定撤回吗？',
                })
              }
            >
              撤回
            </Button>
          ) : null}
          <Button className='btn small secondary' id={`timeline-toggle-${w.id}`} onClick={() => setShowTimeline(!showTimeline)}>
            {showTimeline ? '收起进度' : '查看进度'}
          </Button>
        </View>
      )}
      {showTimeline ? <Timeline entries={w.timeline} viewer='worker' /> : null}
    </View>
  );
}
