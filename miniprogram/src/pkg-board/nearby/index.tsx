import { Button, Text, View } from '@tarojs/components';
import Taro, { useLoad, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { BOARD_NEARBY_METERS, POST_KINDS, POST_KIND_LABELS, type LatLng, type PostKind, type PostView, type Region } from '@yz/shared';
import RegionPicker from '../../components/RegionPicker';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';
import { locate } from '../../services/location';
import { loadDistrict, saveDistrict } from '../../stores/nearby-cache';
import { PostRow } from '../common';
import '../board.scss';

/**
 * 附近的零工和活动: posts within 5 km of the worker, or in the district chosen on the finder; events by
 * when they start, then jobs newest first (the server's order), filtered by kind, a page at a time.
 */

type Where = { kind: 'point'; point: LatLng } | { kind: 'district'; region: Region };
type Phase = { kind: 'locating' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string } | { kind: 'pick' };

export default function NearbyPostsPage() {
  const [phase, setPhase] = useState<Phase>({ kind: 'locating' });
  const [where, setWhere] = useState<Where | null>(null);
  const [kind, setKind] = useState<PostKind | null>(null);
  const [items, setItems] = useState<PostView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  // An answer to an older place or filter may arrive late: only the latest request fills the list.
  const latest = useRef(0);

  const load = async (w: Where, k: PostKind | null, after: string | null) => {
    const ticket = ++latest.current;
    if (after) {
      setLoadingMore(true);
      setMoreError(null);
    } else setPhase({ kind: 'loading' });
    try {
      const page = await api.nearbyPosts({
        query: {
          ...(w.kind === 'point' ? { lat: w.point.lat, lng: w.point.lng } : { districtCode: w.region.code }),
          ...(k ? { kind: k } : {}),
          ...(after ? { cursor: after } : {}),
        },
      });
      if (ticket !== latest.current) return;
      setItems((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
      setPhase({ kind: 'ready' });
    } catch (e) {
      if (ticket !== latest.current) return;
      if (after) setMoreError(errorMessage(e));
      else setPhase({ kind: 'error', message: errorMessage(e) });
    } finally {
      if (ticket === latest.current) setLoadingMore(false);
      Taro.stopPullDownRefresh();
    }
  };

  const start = async () => {
    // The district chosen on the finder wins over the device's position, as it does there.
    const district = loadDistrict();
    if (district) {
      const w: Where = { kind: 'district', region: district };
      setWhere(w);
      return load(w, kind, null);
    }
    setPhase({ kind: 'locating' });
    const located = await locate();
    if (!located.ok) {
      setPhase({ kind: 'pick' });
      return;
    }
    const w: Where = { kind: 'point', point: located.point };
    setWhere(w);
    return load(w, kind, null);
  };

  useLoad(() => void start());
  usePullDownRefresh(() => {
    if (where) void load(where, kind, null);
    else Taro.stopPullDownRefresh();
  });
  useReachBottom(() => {
    if (where && cursor && !loadingMore) void load(where, kind, cursor);
  });

  const chooseKind = (k: PostKind | null) => {
    setKind(k);
    if (where) void load(where, k, null);
  };
  const chooseDistrict = (region: Region) => {
    saveDistrict(region);
    const w: Where = { kind: 'district', region };
    setWhere(w);
    void load(w, kind, null);
  };
  const useMyLocation = () => {
    saveDistrict(null);
    setWhere(null);
    void start();
  };
  const open = (id: string) => void Taro.navigateTo({ url: `/pkg-board/post/index?id=${id}` });

  const whereText = where?.kind === 'district' ? where.region.name : where ? `我的位置附近 ${BOARD_NEARBY_METERS / 1000} 公里内` : phase.kind === 'pick' ? '请选择区县' : '正在定位…';

  return (
    <View className='page board' id='board-nearby'>
      <View className='board__bar'>
        <Text className='board__where' id='board-where'>
          {whereText}
        </Text>
        <Button className='btn small secondary' id='board-change-place' onClick={() => setPhase({ kind: 'pick' })}>
          切换地点
        </Button>
      </View>
      <View className='board__chips' id='board-kind-filter'>
        <Text id='board-kind-all' className={`board__chip ${kind === null ? 'board__chip--on' : ''}`} onClick={() => chooseKind(null)}>
          全部
        </Text>
        {POST_KINDS.map((k) => (
          <Text key={k} id={`board-kind-${k}`} className={`board__chip ${kind === k ? 'board__chip--on' : ''}`} onClick={() => chooseKind(k)}>
            {POST_KIND_LABELS[k]}
          </Text>
        ))}
      </View>

      {phase.kind === 'pick' ? (
        <View>
          <RegionPicker onPick={chooseDistrict} onCancel={() => (where ? setPhase({ kind: 'ready' }) : undefined)} />
          <Button className='btn small secondary' id='board-use-location' onClick={useMyLocation}>
            使用我的位置
          </Button>
        </View>
      ) : null}
      {phase.kind === 'locating' ? <StateView kind='loading' title='正在定位…' detail='用于查找您附近的零工和活动' /> : null}
      {phase.kind === 'loading' ? <StateView kind='loading' title='正在查找零工和活动…' /> : null}
      {phase.kind === 'error' ? (
        <StateView kind='error' title='没能加载零工和活动' detail={phase.message} actionText='重试' onAction={() => where && void load(where, kind, null)} />
      ) : null}
      {phase.kind === 'ready' && items.length === 0 ? (
        <StateView
          kind='empty'
          id='board-empty'
          title={`${where?.kind === 'district' ? where.region.name : `${BOARD_NEARBY_METERS / 1000} 公里内`}暂时没有${kind ? POST_KIND_LABELS[kind] : '零工招聘和福利活动'}`}
          detail={kind ? '可以看看全部类型，或换个地点' : '可以换个区县看看，驿站发布后会显示在这里'}
          actionText='切换地点'
          onAction={() => setPhase({ kind: 'pick' })}
        />
      ) : null}
      {phase.kind === 'ready' && items.length > 0 ? (
        <View id='board-list'>
          {items.map((p) => (
            <PostRow key={p.id} post={p} onOpen={open} />
          ))}
          {cursor ? (
            <View className='board__more'>
              {moreError ? <Text className='board__error'>{moreError}</Text> : null}
              <Button className='btn secondary' id='board-more' disabled={loadingMore} onClick={() => where && void load(where, kind, cursor)}>
                {loadingMore ? '正在加载…' : '加载更多'}
              </Button>
            </View>
          ) : (
            <Text className='muted board__end' id='board-end'>
              没有更多了
            </Text>
          )}
        </View>
      ) : null}
    </View>
  );
}
