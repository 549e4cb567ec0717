import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { MEMBER_PASS_MAX_AGE_SECONDS, OCCUPATION_LABELS, toShanghaiIso, type MemberCard, type MemberPass } from '@yz/shared';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';
import '../member.scss';

/**
 * The rotating member code: fetched when the page shows and every `refreshSeconds` while it stays in
 * front; a host's phone checks it offline and refuses it after two minutes, so a screenshot of the card
 * proves nothing. The live clock and the watermark tell a live page from a picture at a glance.
 */
function usePass(active: boolean, isMember: boolean) {
  const [pass, setPass] = useState<MemberPass | null>(null);
  const [passError, setPassError] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!active || !isMember) return undefined;
    let stopped = false;
    let refresh: ReturnType<typeof setTimeout> | undefined;
    const fetchPass = async () => {
      try {
        const next = await api.getMemberPass({});
        if (stopped) return;
        setPass(next);
        setPassError(null);
        refresh = setTimeout(() => void fetchPass(), next.refreshSeconds * 1000);
      } catch (e) {
        if (stopped) return;
        setPassError(errorMessage(e));
        refresh = setTimeout(() => void fetchPass(), 10_000);
      }
    };
    void fetchPass();
    const tick = setInterval(() => setNow(new Date()), 1000);
    return () => {
      stopped = true;
      clearTimeout(refresh);
      clearInterval(tick);
    };
  }, [active, isMember]);
  const expired = pass ? now.getTime() > new Date(pass.issuedAt).getTime() + MEMBER_PASS_MAX_AGE_SECONDS * 1000 : false;
  return { pass, passError, now, expired };
}

/** 电子会员证: shown at stations and union offices. Big type, high contrast, readable in sunlight. */
export default function CardPage() {
  const [card, setCard] = useState<MemberCard | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState(true);
  const { pass, passError, now, expired } = usePass(shown, Boolean(card));

  const load = async () => {
    setError(null);
    try {
      setCard((await api.getMyMembership({})).card);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidHide(() => setShown(false));
  useDidShow(() => {
    setShown(true);
    void load();
    // Turned up for showing at a counter; WeChat restores it when the page is left.
    if (process.env.TARO_ENV === 'weapp') void Taro.setScreenBrightness({ value: 0.9 }).catch(() => undefined);
  });

  if (error) return <StateView kind='error' title='没能加载会员证' detail={error} actionText='重试' onAction={() => void load()} />;
  if (card === undefined) return <StateView kind='loading' title='正在加载…' />;
  if (card === null) {
    return (
      <StateView
        kind='empty'
        id='no-card'
        title='入会审核通过后，这里会显示您的电子会员证'
        actionText='查看申请进度'
        onAction={() => void Taro.redirectTo({ url: '/pkg-member/status/index' })}
      />
    );
  }
  const clock = toShanghaiIso(now);
  return (
    <View className='page'>
      <View className='member-card' id='member-card'>
        {/* The union's watermark across the card: a cut-and-paste name on a plain card shows. */}
        <View className='member-card__watermark'>
          {Array.from({ length: 6 }, (_, i) => (
            <Text key={i} className='member-card__watermark-line'>
              {card.unionName} · {card.unionName} · {card.unionName}
            </Text>
          ))}
        </View>
        <Text className='member-card__org'>中华全国总工会 · {card.unionName}</Text>
        <Text className='member-card__title'>工会会员证</Text>
        <Text className='member-card__name' id='card-name'>
          {card.name}
        </Text>
        <Text className='member-card__line'>{OCCUPATION_LABELS[card.occupation]}</Text>
        <Text className='member-card__line'>所属工会：{card.unionName}</Text>
        <Text className='member-card__line' id='card-join-date'>
          入会日期：{card.joinDate}
        </Text>
        <Text className='member-card__no' id='card-member-no'>
          {card.memberNo}
        </Text>
      </View>
      <View className='card member-pass' id='member-pass'>
        <Text className='member-pass__clock' id='card-clock'>
          {clock.slice(0, 10)} {clock.slice(11, 19)}
        </Text>
        {pass && !expired ? (
          <Image className='member-pass__qr' id='member-qr' src={pass.image} mode='aspectFit' />
        ) : (
          <View className='member-pass__qr member-pass__qr--empty'>
            <Text>{pass ? '会员码已过期' : '正在生成会员码…'}</Text>
          </View>
        )}
        <Text className='member-pass__hint'>请驿站负责人扫码核验。会员码每分钟更换，2 分钟后失效，截图无效。</Text>
        {/* A browser has no camera scan: the code's text, to copy into the host's page (as the hardship card). */}
        {process.env.TARO_ENV === 'h5' && pass && !expired ? (
          <Text className='member-pass__content' id='member-pass-content' selectable>
            {pass.content}
          </Text>
        ) : null}
        {passError ? (
          <Text className='member-pass__error' id='pass-error'>
            会员码没能更新：{passError}
          </Text>
        ) : null}
      </View>
      <View className='card'>
        <Text className='muted'>在驿站、工会服务窗口出示此页面即可证明会员身份。会员证号码可用于办理工会各项服务。</Text>
      </View>
    </View>
  );
}
