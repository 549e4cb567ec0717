import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { PostView, StationFollow } from '@yz/shared';
import { api, errorMessage } from '../../services/api';
import { canLoginSilently, loadSession } from '../../services/session';
import { askSubscribe } from '../../services/subscribe';

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
  // 关注驿站: known only for the signed-in (a guest's tap goes to the login).
  const [follow, setFollow] = useState<StationFollow | null>(null);
  const signedIn = canLoginSilently || loadSession() !== null;
  useEffect(() => {
    if (signedIn)
      api
        .stationFollow({ params: { id: stationId } })
        .then(setFollow)
        .catch(() => undefined);
  }, [stationId, signedIn]);
  const go = (url: string) => void Taro.navigateTo({ url });

  const toggleFollow = async () => {
    if (!signedIn) return go('/pages/dev-login/index?back=1');
    // WeChat asks for the message consent only inside the tap, before any request.
    const asked = follow && !follow.following ? askSubscribe(follow.subscribeTemplateIds) : null;
    try {
      const next = follow?.following
        ? await api.unfollowStation({ params: { id: stationId } })
        : await api.followStation({ params: { id: stationId }, body: { results: (await asked) ?? {} } });
      setFollow(next);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  if (items === null) return null;
  return (
    <View className='card' id='station-board'>
      <View className='station-page__actions'>
        <Text className='station-page__section'>公告栏：零工和活动</Text>
        <Button className='btn small secondary' id='board-follow' onClick={() => void toggleFollow()}>
          {follow?.following ? '已关注' : '关注驿站'}
        </Button>
      </View>
      {items.length === 0 ? <Text className='muted'>这个驿站暂时没有招聘和活动</Text> : null}
      {items.slice(0, 5).map((p) => (
        <View className='station-page__day' key={p.id} id={`board-${p.id}`} onClick={() => go(`/pkg-board/post/index?id=${p.id}`)}>
          <Text className='muted'>{p.kind === 'job' ? '招工' : '活动'}</Text>
          <Text>{p.kind === 'job' ? p.employer : p.title}</Text>
          <Text className='muted'>{p.kind === 'job' ? `${p.endsAt.slice(5, 10)} 截止` : p.startsAt.slice(5, 16).replace('T', ' ')}</Text>
        </View>
      ))}
      <View className='station-page__actions'>
        <Text className='station-page__link' id='board-nearby-link' onClick={() => go('/pkg-board/nearby/index')}>
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
