import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { EVENT_CATEGORY_LABELS, REPORT_REASONS, REPORT_REASON_LABELS, type PostReportReason, type PostView, type Reservation } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, ApiError, errorMessage } from '../../services/api';
import { navigateTo } from '../../services/navigation';
import { canLoginSilently, loadSession, onSessionChange } from '../../services/session';
import { at, payText, placesLeft, whenText } from '../common';
import { keepsPost } from '../keepers';
import '../board.scss';

/**
 * One job or event: what, when, where, and what a worker can do with it: see the phone (signed in, on
 * tap, counted by the server), 我要去 for a limited event (a 4-digit code), report it. The station's
 * keepers also renew, withdraw and check people in.
 */

type Phase = { kind: 'loading' } | { kind: 'ready'; post: PostView } | { kind: 'missing' } | { kind: 'error'; message: string };

export default function PostPage() {
  const { id = '' } = useRouter().params;
  const { me } = useMe();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [phone, setPhone] = useState<string | null>(null);
  const [reservation, setReservation] = useState<Reservation | null>(null);
  const [reporting, setReporting] = useState(false);
  const [reason, setReason] = useState<PostReportReason | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [signedIn, setSignedIn] = useState(() => canLoginSilently || loadSession() !== null);
  useEffect(() => onSessionChange((s) => setSignedIn(canLoginSilently || s !== null)), []);

  const load = async () => {
    try {
      setPhase({ kind: 'ready', post: await api.getPost({ params: { id } }) });
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) setPhase({ kind: 'missing' });
      else setPhase({ kind: 'error', message: errorMessage(e) });
    }
  };
  useLoad(() => void load());

  /** Runs one action with its button busy; a refusal shows its message above the actions. */
  const act = async (name: string, run: () => Promise<void>) => {
    setBusy(name);
    setError(null);
    setNotice(null);
    try {
      await run();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  if (phase.kind === 'loading') return <StateView kind='loading' title='正在加载…' />;
  if (phase.kind === 'missing') return <StateView kind='empty' id='post-missing' title='没有找到这条信息' detail='它可能已经结束或被撤下' />;
  if (phase.kind === 'error') return <StateView kind='error' title='没能加载' detail={phase.message} actionText='重试' onAction={() => void load()} />;

  const { post } = phase;
  const ended = Date.parse(post.endsAt) <= Date.now();
  const left = placesLeft(post);
  const keeps = keepsPost(me, post);
  const login = () => void Taro.navigateTo({ url: '/pages/dev-login/index?back=1' });
  // What a signed-out reader sees instead of a button that needs an account: why, and the way in.
  const loginPrompt = (why: string) => (
    <View>
      <Text className='muted board__line' id='post-login-hint'>
        {why}
      </Text>
      <Button className='btn board__action' id='post-login' onClick={login}>
        去登录
      </Button>
    </View>
  );

  const reveal = () => act('phone', async () => setPhone((await api.revealPostPhone({ params: { id } })).phone));
  const reserve = () =>
    act('reserve', async () => {
      setReservation(await api.reservePlace({ params: { id } }));
      await load();
    });
  const report = () =>
    act('report', async () => {
      if (!reason) throw new Error('请选择举报原因');
      await api.reportPost({ params: { id }, body: { reason, ...(note.trim() ? { note: note.trim() } : {}) } });
      setReporting(false);
      setNotice('举报已送达本地区工会，他们会尽快核实处理');
    });
  const renew = () =>
    act('renew', async () => {
      setPhase({ kind: 'ready', post: await api.renewPost({ params: { id } }) });
      setNotice('已续期，招聘信息保留 30 天');
    });
  const withdraw = () =>
    act('withdraw', async () => {
      const answer = await Taro.showModal({ title: '撤下这条信息？', content: '撤下后大家就看不到了', confirmText: '撤下' });
      if (!answer.confirm) return;
      await api.withdrawPost({ params: { id } });
      setPhase({ kind: 'missing' });
    });

  return (
    <View className='page board' id='post-page'>
      <View className='card'>
        <Text className='board__kind'>{post.kind === 'event' ? `福利活动 · ${EVENT_CATEGORY_LABELS[post.category]}` : '零工招聘'}</Text>
        <Text className='board__title' id='post-title'>
          {post.kind === 'job' ? post.employer : post.title}
        </Text>
        {post.kind === 'job' ? (
          <View>
            <Text className='board__pay' id='post-pay'>
              {payText(post.pay)}
            </Text>
            <Text className='board__line'>工作内容：{post.work}</Text>
            <Text className='board__line'>用工时间：{whenText(post)}</Text>
            <Text className='board__line'>招工人数：{post.headcount} 人</Text>
            {post.requirements ? <Text className='board__line'>要求：{post.requirements}</Text> : null}
          </View>
        ) : (
          <View>
            <Text className='board__line' id='post-when'>
              时间：{whenText(post)}
            </Text>
            <Text className='board__line'>活动内容：{post.gives}</Text>
            <Text className='board__line' id='post-places'>
              {left === null ? '不限名额，直接去就行' : `名额 ${post.capacity}，已约 ${post.reserved}${left === 0 ? '，已约满' : `，还剩 ${left}`}`}
            </Text>
          </View>
        )}
        <Text className='board__line'>地点：{post.address}</Text>
        <Text className='muted board__line'>
          发布：{post.station.name} · {at(post.postedAt)}
          {post.kind === 'job' ? ` · ${at(post.endsAt)} 到期` : ''}
        </Text>
        {ended ? <Text className='board__error'>已结束</Text> : null}
        {post.location ? (
          <Button className='btn secondary board__action' id='post-navigate' onClick={() => post.location && navigateTo({ point: post.location, name: post.station.name, address: post.address })}>
            导航过去
          </Button>
        ) : null}
      </View>

      <View className='card board__warning'>
        <Text>驿站发布的招聘和活动不收取任何费用。凡是要您先交押金、培训费、服装费、中介费的，都是骗局，请点“举报”。</Text>
      </View>

      {error ? (
        <Text className='card board__error' id='post-error'>
          {error}
        </Text>
      ) : null}
      {notice ? (
        <Text className='card board__notice' id='post-notice'>
          {notice}
        </Text>
      ) : null}

      {post.kind === 'job' ? (
        <View className='card'>
          {phone ? (
            <View id='post-phone'>
              <Text className='board__phone'>{phone}</Text>
              <Button className='btn board__action' id='post-call' onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>
                打电话
              </Button>
            </View>
          ) : signedIn ? (
            <Button className='btn board__action' id='post-reveal' disabled={busy !== null} onClick={() => void reveal()}>
              {busy === 'phone' ? '正在获取…' : '查看联系电话'}
            </Button>
          ) : (
            loginPrompt('登录后才能查看联系电话')
          )}
        </View>
      ) : null}

      {post.kind === 'event' && post.capacity !== null ? (
        <View className='card'>
          {reservation ? (
            <View id='post-reservation'>
              <Text className='board__line'>到场后把签到码告诉驿站工作人员：</Text>
              <Text className='board__code' id='post-code'>
                {reservation.code}
              </Text>
              <Text className='muted board__line'>{reservation.checkedInAt ? `已于 ${at(reservation.checkedInAt)} 签到` : `预约于 ${at(reservation.reservedAt)}`}</Text>
            </View>
          ) : signedIn ? (
            <Button className='btn board__action' id='post-reserve' disabled={busy !== null} onClick={() => void reserve()}>
              {busy === 'reserve' ? '正在预约…' : '我要去'}
            </Button>
          ) : (
            loginPrompt('登录后可以预约名额（已预约过的，点“我要去”会再次显示签到码）')
          )}
        </View>
      ) : null}

      {keeps ? (
        <View className='card' id='post-keeper'>
          <Text className='board__section'>管理这条信息</Text>
          {post.kind === 'event' && post.capacity !== null ? (
            <Button className='btn board__action' id='post-checkin' onClick={() => void Taro.navigateTo({ url: `/pkg-board/checkin/index?id=${post.id}` })}>
              凭签到码签到
            </Button>
          ) : null}
          {post.kind === 'job' ? (
            <Button className='btn secondary board__action' id='post-renew' disabled={busy !== null} onClick={() => void renew()}>
              续期 30 天
            </Button>
          ) : null}
          <Button className='btn secondary board__action' id='post-withdraw' disabled={busy !== null} onClick={() => void withdraw()}>
            撤下
          </Button>
        </View>
      ) : null}

      {reporting ? (
        <View className='card' id='post-report'>
          <Text className='board__section'>举报这条信息</Text>
          <View className='board__chips'>
            {REPORT_REASONS.map((r) => (
              <Text key={r} id={`report-${r}`} className={`board__chip ${reason === r ? 'board__chip--on' : ''}`} onClick={() => setReason(r)}>
                {REPORT_REASON_LABELS[r]}
              </Text>
            ))}
          </View>
          <Textarea className='board__textarea' id='report-note' value={note} maxlength={200} placeholder='补充说明（可不填）' onInput={(e) => setNote(e.detail.value)} />
          <Button className='btn board__action' id='report-send' disabled={busy !== null || !reason} onClick={() => void report()}>
            {busy === 'report' ? '正在提交…' : '提交举报'}
          </Button>
        </View>
      ) : signedIn ? (
        <Button className='btn secondary board__action' id='post-report-open' onClick={() => setReporting(true)}>
          举报（假招聘、收费、信息不实）
        </Button>
      ) : null}
    </View>
  );
}
