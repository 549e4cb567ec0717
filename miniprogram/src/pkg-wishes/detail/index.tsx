import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { WISH_CATEGORY_LABELS, WishErrorCode, yuan, type WallWish } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, ApiError, errorMessage } from '../../services/api';
import { canLoginSilently } from '../../services/session';
import { StatusBadge, withSubscribe } from '../common';
import { wishShareMessage } from '../share';
import '../wishes.scss';

/**
 * One wish from the wall: its story, how it is handed over, and 认领 for registered volunteers. A
 * person who is not yet a volunteer is taken to the registration first (and the claim follows it).
 */
export default function WishDetailPage() {
  const id = useRouter().params.id ?? '';
  const { me } = useMe();
  const [wish, setWish] = useState<WallWish | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [claimError, setClaimError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const templates = useRef<string[]>([]);
  // Registered = a volunteer profile (real name, mobile, consent), not only the role. `unknown` when
  // the look-up failed: the tap then simply tries, and the server says what is missing.
  const [registered, setRegistered] = useState<'loading' | 'yes' | 'no' | 'unknown'>('loading');
  const signedIn = me !== null;
  // 转发 from the menu or the share button below: a card with the public title and the wish's id only.
  useShareAppMessage(() => wishShareMessage(id, wish));

  const load = async () => {
    setError(null);
    try {
      setWish(await api.getWish({ params: { id } }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => {
    void load();
  });
  useEffect(() => {
    if (!signedIn) return;
    api
      .getMyVolunteer({})
      .then((v) => {
        templates.current = v.subscribeTemplateIds;
        setRegistered(v.profile !== null ? 'yes' : 'no');
      })
      .catch(() => setRegistered('unknown'));
  }, [signedIn]);
  const register = () => void Taro.navigateTo({ url: `/pkg-wishes/volunteer/index?claim=${id}` });

  const claim = () => {
    setClaimError(null);
    if (!me && !canLoginSilently) {
      void Taro.showModal({ title: '请先登录', content: '认领心愿需要先登录并登记为爱心志愿者。', confirmText: '去登录', showCancel: true }).then((r) => {
        if (r.confirm) void Taro.switchTab({ url: '/pages/me/index' });
      });
      return;
    }
    if (registered === 'no' || (me && !me.roles.includes('volunteer'))) {
      register();
      return;
    }
    // Inside the tap, before anything else: WeChat asks for the subscribe message only here.
    void send();
  };

  const send = async () => {
    setBusy(true);
    try {
      await withSubscribe(templates.current, () => api.claimWish({ params: { id } }));
      void Taro.showToast({ title: '认领成功', icon: 'success' });
      void Taro.redirectTo({ url: `/pkg-wishes/claimed/index?claimed=${id}` });
    } catch (e) {
      if (e instanceof ApiError && e.code === WishErrorCode.WISH_ALREADY_CLAIMED) {
        void Taro.showModal({ title: '慢了一步', content: e.message, showCancel: false });
        setClaimError(e.message);
        await load();
      } else if (e instanceof ApiError && (e.code === WishErrorCode.VOLUNTEER_NOT_REGISTERED || e.status === 403)) {
        register();
      } else setClaimError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (error) return <StateView kind='error' title='没能打开这个心愿' detail={error} actionText='重试' onAction={() => void load()} />;
  if (!wish) return <StateView kind='loading' title='正在加载心愿…' />;

  return (
    <View className='page wish' id='wish-detail'>
      <View className='card'>
        <View className='wish__head'>
          <Text className='wish__title' id='wish-title'>
            {wish.title}
          </Text>
          <StatusBadge status={wish.status} id='wish-status' />
        </View>
        <View className='wish__meta'>
          <Text className='wish__value' id='wish-value'>
            {yuan(wish.valueFen)}
          </Text>
          <Text className='chip'>{WISH_CATEGORY_LABELS[wish.category]}</Text>
          <Text id='wish-label'>{wish.label}</Text>
        </View>
        <Text className='wish__story' id='wish-story'>
          {wish.story}
        </Text>
        <Text className='wish__hint'>
          心愿编号 {wish.ref} · 发布于 {wish.postedOn}
          {wish.fulfilledOn ? ` · ${wish.fulfilledOn} 实现` : ''}
        </Text>
        <Text className='wish__place'>
          {wish.handoverKind === 'station' ? '交接方式：送到指定的户外劳动者驿站，由驿站负责人转交（认领后可看到驿站地址）' : '交接方式：交给当地工会，由工作人员转交（认领后可看到联系方式）'}
        </Text>
        {wish.thanks ? (
          <Text className='wish__thanks' id='wish-thanks'>
            许愿人的感谢：{wish.thanks}
          </Text>
        ) : null}
      </View>

      {wish.status === 'open' ? (
        <View className='wish__submit'>
          {claimError ? (
            <Text className='wish__error' id='claim-error'>
              {claimError}
            </Text>
          ) : null}
          <Button className='btn' id='claim-wish' disabled={busy || (signedIn && registered === 'loading')} onClick={claim}>
            {busy ? '正在认领…' : signedIn && registered === 'loading' ? '请稍候…' : registered === 'no' ? '我来认领（需先实名登记）' : '我来认领'}
          </Button>
          <Text className='wish__hint'>认领后请在 14 天内购买并送达；不能按时送达可以取消认领，让其他爱心人士接力。</Text>
        </View>
      ) : (
        <View className='card'>
          {claimError ? (
            <Text className='wish__error' id='claim-error'>
              {claimError}
            </Text>
          ) : null}
          <Text className='muted' id='not-open'>
            {wish.status === 'claimed' || wish.status === 'delivered' ? '这个心愿已有爱心人士认领，正在送达中。' : '这个心愿已经实现，谢谢每一位关心的人。'}
          </Text>
        </View>
      )}
      {/* Only WeChat can share to a friend; the browser build has nowhere to send it. */}
      {process.env.TARO_ENV === 'weapp' ? (
        <Button className='btn secondary wish__share' id='share-wish' openType='share'>
          分享给微信好友
        </Button>
      ) : null}
    </View>
  );
}
