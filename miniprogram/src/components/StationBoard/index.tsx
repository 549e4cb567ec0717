import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { PostView } from '@yz/shared';
import { api } from '../../services/api';
import './index.scss';

/**
 * The station page's notice board section: its current jobs and upcoming events, one line each. Kept
 * small on purpose (the main package's budget): the post pages live in the pkg-board subpackage.
 */
export default function StationBoard({ stationId, stationName, keeps }: { stationId: string; stationName: string; keeps: boolean }) {
  const [items, setItems] = useState<PostView[] | null>(null);
  useEffect(() => {
    api
      .stationBoard({ params: { id: stationId } })
      .then((list) => setItems(list.items))
      // the board is extra: a station page without it is still the station page
      .catch(() => setItems([]));
  }, [stationId]);
  const go = (url: string) => void Taro.navigateTo({ url });

  if (items === null) return null;
  return (
    <View className='card station-board' id='station-board'>
      <Text className='station-page__section'>公告栏：零工和活动</Text>
      {items.length === 0 ? <Text className='muted'>这个驿站暂时没有招聘和活动</Text> : null}
      {items.slice(0, 5).map((p) => (
        <View className='station-board__row' key={p.id} id={`board-${p.id}`} onClick={() => go(`/pkg-board/post/index?id=${p.id}`)}>
          <Text className='station-board__kind'>{p.kind === 'job' ? '招工' : '活动'}</Text>
          <Text className='station-board__title'>{p.kind === 'job' ? p.employer : p.title}</Text>
          <Text className='muted'>{p.kind === 'job' ? `${p.endsAt.slice(5, 10)} 截止` : p.startsAt.slice(5, 16).replace('T', ' ')}</Text>
        </View>
      ))}
      <View className='station-board__links'>
        <Text className='station-board__link' id='board-nearby-link' onClick={() => go('/pkg-board/nearby/index')}>
          附近的零工和活动 ›
        </Text>
        {keeps ? (
          <Button className='btn small' id='board-compose' onClick={() => go(`/pkg-board/compose/index?station=${stationId}&name=${encodeURIComponent(stationName)}`)}>
            发布招聘或活动
          </Button>
        ) : null}
      </View>
    </View>
  );
}
