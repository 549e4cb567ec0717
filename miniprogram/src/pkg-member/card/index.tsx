import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { OCCUPATION_LABELS, type MemberCard } from '@yz/shared';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';
import '../member.scss';

/** 电子会员证: shown at stations and union offices. Big type, high contrast, readable in sunlight. */
export default function CardPage() {
  const [card, setCard] = useState<MemberCard | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      setCard((await api.getMyMembership({})).card);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useDidShow(() => {
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
  return (
    <View className='page'>
      <View className='member-card' id='member-card'>
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
      <View className='card'>
        <Text className='muted'>在驿站、工会服务窗口出示此页面即可证明会员身份。会员证号码可用于办理工会各项服务。</Text>
      </View>
    </View>
  );
}
