import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ClaimedWish } from '@yz/shared';
import StateView from '../../components/StateView';
import { useOwnData } from '../../use-page-data';
import { api, ApiError, errorMessage, mediaUrl, uploadFile } from '../../services/api';
import { at, CountedTextarea, deadlineText, pickPhoto, PHOTO_MAX_BYTES, StatusBadge, WishMeta } from '../common';
import '../wishes.scss';

/**
 * 我认领的心愿: where to hand each one over (the station and its address, or the district union —
 * never the worker's contact), the time left, 标记送达 with a note and a photo, 取消认领.
 */
export default function MyClaimsPage() {
  const params = useRouter().params;
  const justClaimed = params.claimed;
  // Opened from a notification (`?id=`): that wish first.
  const focus = params.id ?? params.claimed;
  const {
    data: items,
    setData: setItems,
    error,
    signedOut,
    load,
  } = useOwnData(async () => (await api.myClaims({})).items, { pullDownRefresh: true });
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);

  const replace = (next: ClaimedWish) => setItems((list) => (list ?? []).map((w) => (w.id === next.id ? next : w)));

  if (signedOut) return <StateView kind='empty' title='请先登录' actionText='去登录' onAction={() => void Taro.switchTab({ url: '/pages/me/index' })} />;
  if (error) return <StateView kind='error' title='没能加载认领的心愿' detail={error} actionText='重试' onAction={() => void load()} />;
  if (!items) return <StateView kind='loading' title='正在加载…' />;
  if (items.length === 0) {
    return (
      <View className='page wish'>
        <StateView kind='empty' id='claims-empty' title='您还没有认领心愿' detail='到心愿墙看看，帮身边的劳动者实现一个小心愿。' actionText='去心愿墙' onAction={() => void Taro.switchTab({ url: '/pages/wishes/index' })} />
      </View>
    );
  }

  return (
    <View className='page wish' id='my-claims'>
      {justClaimed ? (
        <View className='card'>
          <Text className='wish__ok' id='claimed-banner'>
            认领成功！请按下面的交接方式送达，送达后点“标记送达”。
          </Text>
        </View>
      ) : null}
      {[...items].sort((a, b) => Number(b.id === focus) - Number(a.id === focus)).map((w) => (
        <ClaimCard key={w.id} wish={w} now={now} onChange={replace} onReload={() => void load()} />
      ))}
    </View>
  );
}

function ClaimCard({ wish: w, now, onChange, onReload }: { wish: ClaimedWish; now: Date; onChange: (w: ClaimedWish) => void; onReload: () => void }) {
  const [delivering, setDelivering] = useState(false);
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<{ path: string; size: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const active = w.mine && w.status === 'claimed';
  const deadline = active && w.claimDeadline ? deadlineText(w.claimDeadline, now) : null;

  const fail = (e: unknown) => {
    setProblem(errorMessage(e));
    // Someone else moved the wish (staff closed it, the claim lapsed): show it as it is now.
    if (e instanceof ApiError && (e.code === 'WISH_CHANGED' || e.code === 'INVALID_TRANSITION')) onReload();
  };

  const choosePhoto = async () => {
    const picked = await pickPhoto();
    if (!picked) return;
    if (picked.size > PHOTO_MAX_BYTES) {
      setProblem('照片超过 2 MB，请选一张小一些的照片');
      return;
    }
    setProblem(null);
    setPhoto(picked);
  };

  const deliver = async () => {
    setBusy(true);
    setProblem(null);
    try {
      let next = await api.deliverWish({ params: { id: w.id }, body: { version: w.version, ...(note.trim() ? { note: note.trim() } : {}) } });
      if (photo) {
        try {
          next = await uploadFile('uploadDeliveryPhoto', { params: { id: w.id } }, photo.path);
        } catch (e) {
          setProblem(`已标记送达，但照片没有传上去：${errorMessage(e)}`);
        }
      }
      onChange(next);
      setDelivering(false);
      void Taro.showToast({ title: '已标记送达', icon: 'success' });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    const ok = await Taro.showModal({
      title: '取消认领',
      content: '取消后这个心愿会重新回到心愿墙，由其他爱心人士认领。确定取消吗？',
      confirmText: '取消认领',
      cancelText: '再想想',
      confirmColor: '#c8102e',
    });
    if (!ok.confirm) return;
    setBusy(true);
    setProblem(null);
    try {
      onChange(await api.cancelClaim({ params: { id: w.id }, body: { version: w.version } }));
      void Taro.showToast({ title: '已取消认领', icon: 'none' });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' id={`claim-${w.id}`}>
      <View className='wish__head'>
        <Text className='wish__title'>{w.title}</Text>
        {w.mine ? <StatusBadge status={w.status} id={`claim-status-${w.id}`} /> : <Text className='wish-status'>认领已失效</Text>}
      </View>
      <WishMeta valueFen={w.valueFen} category={w.category}>
        {w.label}
      </WishMeta>
      <Text className='wish__hint'>
        心愿编号 {w.ref}
        {w.claimedAt ? ` · ${at(w.claimedAt)} 认领` : ''}
      </Text>

      {w.mine ? (
        w.station ? (
          <View className='wish__place' id={`handover-${w.id}`}>
            <Text className='wish__label'>送到驿站：{w.station.name}</Text>
            <Text>{w.station.address}</Text>
            <Text className='wish__hint'>交给驿站负责人时，请说“微心愿 {w.ref}”。</Text>
          </View>
        ) : (
          <View className='wish__place' id={`handover-${w.id}`}>
            {/* regionName names the union: "广西壮族自治区 北海市 海城区总工会" */}
            <Text className='wish__label'>交给{w.regionName.split(' ').pop()}</Text>
            <Text className='wish__hint'>工会工作人员会打电话与您约定交接时间和地点；您也可以直接联系当地工会。</Text>
          </View>
        )
      ) : (
        <Text className='wish__hint'>这次认领已取消或超过期限，心愿已重新开放。</Text>
      )}

      {deadline ? (
        <Text className={`wish__deadline ${deadline.late ? 'wish__deadline--late' : ''}`} id={`deadline-${w.id}`}>
          {deadline.text}
        </Text>
      ) : null}
      {w.status === 'delivered' && w.mine ? <Text className='wish__ok'>已送达，等待对方确认收到。</Text> : null}
      {w.deliveryNote ? <Text className='wish__hint'>送达说明：{w.deliveryNote}</Text> : null}
      {w.deliveryPhotoUrl ? <Image className='wish__photo' id={`delivery-photo-${w.id}`} src={mediaUrl(w.deliveryPhotoUrl) ?? ''} mode='aspectFill' /> : null}
      {w.thanks ? (
        <Text className='wish__thanks' id={`claim-thanks-${w.id}`}>
          对方的感谢：{w.thanks}
        </Text>
      ) : null}
      {problem ? (
        <Text className='wish__error' id={`claim-error-${w.id}`}>
          {problem}
        </Text>
      ) : null}

      {active && delivering ? (
        <View id={`deliver-form-${w.id}`}>
          <Text className='wish__label'>送达说明（可不填）</Text>
          <CountedTextarea id={`deliver-note-${w.id}`} counterId={`deliver-count-${w.id}`} value={note} max={100} placeholder='如：已交给驿站周师傅，放在前台' onInput={setNote} />
          {photo ? <Image className='wish__photo' id={`deliver-preview-${w.id}`} src={photo.path} mode='aspectFill' /> : null}
          <View className='wish__actions'>
            <Button className='btn small secondary' id={`deliver-photo-${w.id}`} disabled={busy} onClick={() => void choosePhoto()}>
              {photo ? '换一张照片' : '拍照或选照片（可选）'}
            </Button>
          </View>
          <View className='wish__actions'>
            <Button className='btn' id={`deliver-confirm-${w.id}`} disabled={busy} onClick={() => void deliver()}>
              {busy ? '正在提交…' : '确认已送达'}
            </Button>
            <Button className='btn secondary' disabled={busy} onClick={() => setDelivering(false)}>
              返回
            </Button>
          </View>
        </View>
      ) : active ? (
        <View className='wish__actions'>
          <Button className='btn' id={`deliver-${w.id}`} disabled={busy} onClick={() => setDelivering(true)}>
            标记送达
          </Button>
          <Button className='btn secondary' id={`cancel-claim-${w.id}`} disabled={busy} onClick={() => void cancel()}>
            取消认领
          </Button>
        </View>
      ) : null}
    </View>
  );
}
