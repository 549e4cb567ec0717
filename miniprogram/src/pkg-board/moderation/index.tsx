import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { REPORT_REASON_LABELS, type PostView, type PostReportReason } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import { at, PostRow } from '../common';
import '../board.scss';

/** Reported posts of the staff's region, oldest report first: each is hidden or kept, then leaves the queue. */

interface Reported {
  post: PostView;
  reports: { reason: PostReportReason; note: string; at: string }[];
}

export default function ModerationPage() {
  const { me } = useMe();
  const [picked, setPicked] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const scope = picked ?? me?.staffScopes[0] ?? '';
  const [items, setItems] = useState<Reported[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  // A page asked for before a decision may answer after it: decided posts stay off the screen.
  const decided = useRef(new Set<string>());
  const latest = useRef(0);

  const load = async (after: string | null) => {
    if (!scope) return;
    const ticket = ++latest.current;
    setError(null);
    try {
      const page = await api.reportedPosts({ query: { regionCode: scope, ...(after ? { cursor: after } : {}) } });
      if (ticket !== latest.current) return;
      const fresh = page.items.filter((r) => !decided.current.has(r.post.id));
      setItems((prev) => (after && prev ? [...prev, ...fresh] : fresh));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      Taro.stopPullDownRefresh();
    }
  };
  useEffect(() => {
    setItems(null);
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope]);
  usePullDownRefresh(() => void load(null));

  const moderate = async (id: string, action: 'hide' | 'keep') => {
    setBusy(id);
    setActionError(null);
    try {
      await api.moderatePost({ params: { id }, body: { action } });
      decided.current.add(id);
      setItems((prev) => prev?.filter((r) => r.post.id !== id) ?? null);
      void Taro.showToast({ title: action === 'hide' ? '已隐藏' : '已保留', icon: 'none' });
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  if (!me.roles.includes('staff') && !me.isAdmin) return <StateView kind='empty' title='只有工会工作人员可以处理举报' />;

  return (
    <View className='page board' id='board-moderation'>
      <View className='board__chips'>
        {me.staffScopes.map((code) => (
          <Text key={code} id={`scope-${code}`} className={`board__chip ${code === scope ? 'board__chip--on' : ''}`} onClick={() => setPicked(code)}>
            {code}
          </Text>
        ))}
        {me.isAdmin ? (
          <Input
            className='board__input'
            id='scope-input'
            value={typed}
            placeholder='地区代码，如 36、3604、360428'
            onInput={(e) => setTyped(e.detail.value)}
            onConfirm={() => /^(\d{2}|\d{4}|\d{6})$/.test(typed.trim()) && setPicked(typed.trim())}
          />
        ) : null}
      </View>
      {actionError ? (
        <Text className='card board__error' id='moderation-error'>
          {actionError}
        </Text>
      ) : null}
      {error ? (
        <StateView kind='error' title='没能加载举报' detail={error} actionText='重试' onAction={() => void load(null)} />
      ) : !scope ? (
        <StateView kind='empty' title='请先输入地区代码' />
      ) : !items ? (
        <StateView kind='loading' title='正在加载举报…' />
      ) : items.length === 0 ? (
        <StateView kind='empty' id='moderation-empty' title='没有待处理的举报' />
      ) : (
        <View id='moderation-list'>
          {items.map(({ post, reports }) => (
            <View key={post.id} id={`reported-${post.id}`}>
              <PostRow post={post} onOpen={(id) => void Taro.navigateTo({ url: `/pkg-board/post/index?id=${id}` })} />
              <View className='card'>
                {reports.map((r, i) => (
                  <Text className='board__line' key={`${r.at}-${i}`}>
                    {REPORT_REASON_LABELS[r.reason]} · {at(r.at)}
                    {r.note ? `：${r.note}` : ''}
                  </Text>
                ))}
                <View className='board__pair'>
                  <Button className='btn secondary board__action' id={`keep-${post.id}`} disabled={busy !== null} onClick={() => void moderate(post.id, 'keep')}>
                    保留
                  </Button>
                  <Button className='btn board__action' id={`hide-${post.id}`} disabled={busy !== null} onClick={() => void moderate(post.id, 'hide')}>
                    隐藏
                  </Button>
                </View>
              </View>
            </View>
          ))}
          {cursor ? (
            <Button className='btn secondary' id='moderation-more' onClick={() => void load(cursor)}>
              加载更多
            </Button>
          ) : null}
        </View>
      )}
    </View>
  );
}
