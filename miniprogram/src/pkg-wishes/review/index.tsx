import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { STAFF_WISH_FILTERS, type StaffWish } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, ApiError, errorMessage, mediaUrl } from '../../services/api';
import { at, StatusBadge, WishMeta, Timeline, unionOf } from '../common';
import RegionBar, { useRegion } from '../RegionBar';
import '../wishes.scss';

/**
 * 心愿审核 (staff of a region): the queue of wishes waiting for moderation — approve onto the wall or
 * send back with what to change — and the wishes in progress, which staff may close with a reason,
 * confirm as received (staff handover), and whose claimant they may contact (the reveal is audited).
 */

type Filter = (typeof STAFF_WISH_FILTERS)[number];
const FILTER_LABELS: Record<Filter, string> = { pending_review: '待审核', active: '进行中', all: '全部' };

export default function WishReviewPage() {
  const { me } = useMe();
  const { scope, region, setScope, setRegion } = useRegion(me);
  const [filter, setFilter] = useState<Filter>('pending_review');
  const [items, setItems] = useState<StaffWish[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  const load = async (after: string | null) => {
    if (!region) return;
    const ticket = ++latest.current;
    setError(null);
    try {
      const page = await api.listRegionWishes({ query: { regionCode: region, status: filter, ...(after ? { cursor: after } : {}) } });
      if (ticket !== latest.current) return;
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      if (ticket === latest.current) setError(errorMessage(e));
    }
  };
  useEffect(() => {
    setItems(null);
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [region, filter]);

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  if (!me.roles.includes('staff') && !me.roles.includes('admin')) return <StateView kind='empty' title='只有工会工作人员可以审核心愿' />;
  if (me.staffScopes.length === 0 && !me.isAdmin) return <StateView kind='empty' title='您还没有负责的地区' detail='管理员可在工作台授予地区权限' />;

  const replace = (next: StaffWish) => setItems((list) => (list ?? []).map((w) => (w.id === next.id ? next : w)));

  return (
    <View className='page wish' id='wish-review'>
      <RegionBar me={me} scope={scope} region={region} onScope={setScope} onRegion={setRegion} />
      <View className='card'>
        <View className='wish__chips' id='review-filter'>
          {STAFF_WISH_FILTERS.map((f) => (
            <Text key={f} id={`review-${f}`} className={`wish__chip ${filter === f ? 'wish__chip--on' : ''}`} onClick={() => setFilter(f)}>
              {FILTER_LABELS[f]}
            </Text>
          ))}
        </View>
      </View>

      {!region ? (
        <StateView kind='empty' title='请先选择地区' />
      ) : error ? (
        <StateView kind='error' title='没能加载心愿' detail={error} actionText='重试' onAction={() => void load(null)} />
      ) : !items ? (
        <StateView kind='loading' title='正在加载心愿…' />
      ) : items.length === 0 ? (
        <StateView kind='empty' id='review-empty' title={filter === 'pending_review' ? '没有待审核的心愿' : filter === 'active' ? '没有进行中的心愿' : '这个地区还没有心愿'} />
      ) : (
        <View id='review-list'>
          {items.map((w) => (
            <ReviewCard key={w.id} wish={w} onChange={replace} onReload={() => void load(null)} />
          ))}
          {cursor ? (
            <View className='wish__submit'>
              <Button className='btn secondary' id='review-more' onClick={() => void load(cursor)}>
                加载更多
              </Button>
            </View>
          ) : null}
        </View>
      )}
    </View>
  );
}

function ReviewCard({ wish: w, onChange, onReload }: { wish: StaffWish; onChange: (w: StaffWish) => void; onReload: () => void }) {
  const [mode, setMode] = useState<'return' | 'close' | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [contact, setContact] = useState<{ name: string; mobile: string } | null>(null);
  const [showTimeline, setShowTimeline] = useState(false);

  const run = async (label: string, action: () => Promise<StaffWish | null>) => {
    setBusy(true);
    setProblem(null);
    try {
      const next = await action();
      if (next) onChange(next);
      else onReload();
      setMode(null);
      setReason('');
      void Taro.showToast({ title: label, icon: 'success' });
    } catch (e) {
      setProblem(errorMessage(e));
      if (e instanceof ApiError && (e.code === 'WISH_CHANGED' || e.code === 'INVALID_TRANSITION')) onReload();
    } finally {
      setBusy(false);
    }
  };

  const approve = async () => {
    const ok = await Taro.showModal({ title: '审核通过', content: `“${w.title}”将显示在心愿墙上（只显示“${w.label}”）。确定通过吗？`, confirmText: '通过' });
    if (ok.confirm) await run('已通过', () => api.moderateWish({ params: { id: w.id }, body: { action: 'approve', version: w.version } }));
  };

  const submitReason = () => {
    if (!reason.trim()) {
      setProblem(mode === 'return' ? '请写明需要修改的地方' : '请写明关闭的原因');
      return;
    }
    if (mode === 'return') void run('已退回', () => api.moderateWish({ params: { id: w.id }, body: { action: 'return', reason: reason.trim(), version: w.version } }));
    else void run('已关闭', () => api.closeWish({ params: { id: w.id }, body: { reason: reason.trim(), version: w.version } }));
  };

  const confirmReceived = async () => {
    const ok = await Taro.showModal({ title: '确认已转交', content: '确认心愿物品已经交到许愿人手中了吗？', confirmText: '确认' });
    if (ok.confirm) {
      await run('已确认收到', async () => {
        await api.confirmWishReceived({ params: { id: w.id }, body: { version: w.version } });
        return null;
      });
    }
  };

  const reveal = async () => {
    const ok = await Taro.showModal({
      title: '查看认领人联系方式',
      content: '用于安排心愿物品的交接。本次查看会被记录。',
      confirmText: '查看',
    });
    if (!ok.confirm) return;
    try {
      setContact(await api.revealClaimantContact({ params: { id: w.id } }));
    } catch (e) {
      setProblem(errorMessage(e));
    }
  };

  const closable = ['pending_review', 'returned', 'open', 'claimed', 'delivered', 'fulfilled'].includes(w.status);

  return (
    <View className='card' id={`review-${w.id}`}>
      <View className='wish__head'>
        <Text className='wish__title'>{w.title}</Text>
        <StatusBadge status={w.status} id={`review-status-${w.id}`} />
      </View>
      <WishMeta valueFen={w.valueFen} category={w.category}>
        {w.label}
      </WishMeta>
      <Text className='wish__story'>{w.story}</Text>
      <Text className='wish__hint'>
        {w.regionName} · 心愿编号 {w.ref} · {at(w.postedAt)} 提交
        {w.lapsedCount > 0 ? ` · 认领过期 ${w.lapsedCount} 次` : ''}
      </Text>
      {/* The worker's file by a link, not its internal id: opening it is audited like any other read. */}
      <Text className='wish__link' id={`open-file-${w.id}`} onClick={() => void Taro.navigateTo({ url: `/pkg-hardship/file/index?id=${encodeURIComponent(w.fileId)}` })}>
        查看困难职工档案 ›
      </Text>
      <Text className='wish__place'>
        {w.station ? `到驿站交接：${w.station.name}（${w.station.address}）${w.pickupCode ? `，取件码 ${w.pickupCode}` : ''}` : `由${unionOf(w.regionName)}工作人员转交`}
      </Text>
      {w.staffNote ? <Text className='wish__note'>备注：{w.staffNote}</Text> : null}
      {w.claimant ? (
        <View className='wish__place' id={`claimant-${w.id}`}>
          <Text>
            认领人：{contact ? contact.name : w.claimant.nameMasked} {contact ? contact.mobile : w.claimant.mobileMasked}
            {w.claimant.organisation ? `（${w.claimant.organisation}）` : ''}
          </Text>
          {w.claimDeadline && w.status === 'claimed' ? <Text className='wish__hint'>送达期限 {at(w.claimDeadline)}</Text> : null}
          {!contact ? (
            <Text className='wish__link' id={`reveal-${w.id}`} onClick={() => void reveal()}>
              查看完整联系方式（记录在案） ›
            </Text>
          ) : null}
        </View>
      ) : null}
      {w.deliveryNote ? <Text className='wish__hint'>送达说明：{w.deliveryNote}</Text> : null}
      {w.deliveryPhotoUrl ? <Image className='wish__photo' src={mediaUrl(w.deliveryPhotoUrl) ?? ''} mode='aspectFill' /> : null}
      {w.thanks ? <Text className='wish__thanks'>许愿人的感谢：{w.thanks}</Text> : null}
      {problem ? (
        <Text className='wish__error' id={`review-error-${w.id}`}>
          {problem}
        </Text>
      ) : null}

      {mode ? (
        <View id={`reason-form-${w.id}`}>
          <Text className='wish__label'>{mode === 'return' ? '需要修改的地方（许愿人会看到）' : '关闭原因（许愿人会看到）'}</Text>
          <Input className='wish__input' id={`reason-${w.id}`} value={reason} maxlength={200} placeholder={mode === 'return' ? '如：请不要写孩子的学校名称' : '如：许愿人已解困'} onInput={(e) => setReason(e.detail.value)} />
          <Text className='wish__counter' id={`reason-count-${w.id}`}>
            {reason.length}/200
          </Text>
          <View className='wish__actions'>
            <Button className='btn' id={`reason-submit-${w.id}`} disabled={busy} onClick={submitReason}>
              {mode === 'return' ? '退回修改' : '关闭心愿'}
            </Button>
            <Button className='btn secondary' disabled={busy} onClick={() => (setMode(null), setProblem(null))}>
              返回
            </Button>
          </View>
        </View>
      ) : (
        <View className='wish__actions'>
          {w.status === 'pending_review' ? (
            <>
              <Button className='btn' id={`approve-${w.id}`} disabled={busy} onClick={() => void approve()}>
                通过
              </Button>
              <Button className='btn secondary' id={`return-${w.id}`} disabled={busy} onClick={() => setMode('return')}>
                退回修改
              </Button>
            </>
          ) : null}
          {w.status === 'delivered' && !w.station ? (
            <Button className='btn' id={`staff-received-${w.id}`} disabled={busy} onClick={() => void confirmReceived()}>
              已转交给本人
            </Button>
          ) : null}
          {closable && w.status !== 'pending_review' ? (
            <Button className='btn secondary' id={`close-${w.id}`} disabled={busy} onClick={() => setMode('close')}>
              关闭
            </Button>
          ) : null}
          <Button className='btn small secondary' id={`review-timeline-${w.id}`} onClick={() => setShowTimeline(!showTimeline)}>
            {showTimeline ? '收起记录' : '操作记录'}
          </Button>
        </View>
      )}
      {showTimeline ? <Timeline entries={w.timeline} viewer='staff' /> : null}
    </View>
  );
}
