import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useLoad, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import {
  APPLICATION_STATUS_LABELS,
  nextStatus,
  OCCUPATION_LABELS,
  PII_FIELD_LABELS,
  type Application,
} from '@yz/shared';
import StateView from '../../components/StateView';
import { api, ApiError, errorMessage } from '../../services/api';
import '../staff.scss';
import '../applications/index.scss';

/** One application for staff: the details (masked), reveal a number with a reason, decide, the timeline. */

type Decision = 'approve' | 'reject' | 'return';
const DECISION_WORDS: Record<Decision, string> = { approve: '批准入会', reject: '不予通过', return: '退回修改' };

export default function ApplicationPage() {
  const id = useRouter().params.id ?? '';
  const [app, setApp] = useState<Application | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Partial<Record<'idNumber' | 'mobile', string>>>({});
  const [mode, setMode] = useState<Decision | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<string | null>(null);

  const load = async () => {
    setError(null);
    try {
      setApp(await api.getApplication({ params: { id } }));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useLoad(() => {
    void load();
  });

  const reveal = async (field: 'idNumber' | 'mobile') => {
    const ok = await Taro.showModal({
      title: `查看完整${PII_FIELD_LABELS[field]}`,
      content: '完整号码属于敏感个人信息，仅在核实身份、联系申请人时查看。本次查看会被记录在审计日志中。',
      confirmText: '查看',
    });
    if (!ok.confirm) return;
    try {
      const res = await api.revealApplicationPii({ params: { id }, body: { field, purpose: '审核核实' } });
      setRevealed((r) => ({ ...r, [field]: res.value }));
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };

  const decide = async (action: Decision) => {
    if (!app) return;
    if (action !== 'approve' && note.trim() === '') {
      setActionError(action === 'reject' ? '请填写不予通过的原因' : '请填写需要申请人修改的内容');
      return;
    }
    if (action === 'approve') {
      const ok = await Taro.showModal({ title: '批准入会', content: `确定批准 ${app.name} 加入工会吗？批准后将发放会员证号。`, confirmText: '批准' });
      if (!ok.confirm) return;
    }
    setBusy(true);
    setActionError(null);
    try {
      const updated = await api.decideApplication({ params: { id }, body: { action, version: app.version, ...(note.trim() ? { note: note.trim() } : {}) } });
      setApp(updated);
      setMode(null);
      setNote('');
      void Taro.showToast({ title: `已${DECISION_WORDS[action]}`, icon: 'success' });
    } catch (e) {
      setActionError(errorMessage(e));
      // Someone else decided first: show the application as it is now.
      if (e instanceof ApiError && e.status === 409) void load();
    } finally {
      setBusy(false);
    }
  };

  if (error) return <StateView kind='error' title='没能打开这份申请' detail={error} actionText='重试' onAction={() => void load()} />;
  if (!app) return <StateView kind='loading' title='正在加载…' />;

  const row = (label: string, value: string, extra?: JSX.Element | null, rowId?: string) => (
    <View className='staff__item' id={rowId}>
      <Text className='muted'>{label}</Text>
      <View>
        <Text>{value}</Text>
        {extra}
      </View>
    </View>
  );
  const revealLink = (field: 'idNumber' | 'mobile') =>
    revealed[field] ? null : (
      <Text className='staff__reveal' id={`reveal-${field}`} onClick={() => void reveal(field)}>
        {'  '}查看
      </Text>
    );

  return (
    <View className='page staff' id='application-detail'>
      <View className='card'>
        <View className='queue__line'>
          <Text className='queue__name'>{app.name}</Text>
          <Text className={`queue__status queue__status--${app.status}`} id='detail-status'>
            {APPLICATION_STATUS_LABELS[app.status]}
          </Text>
        </View>
        {row('身份证号', revealed.idNumber ?? app.idNumberMasked, revealLink('idNumber'), 'row-idNumber')}
        {row('手机号', revealed.mobile ?? app.mobileMasked, revealLink('mobile'), 'row-mobile')}
        {row('性别 / 年龄', `${app.gender === 'male' ? '男' : '女'} / ${app.age} 岁`)}
        {row('职业', OCCUPATION_LABELS[app.occupation])}
        {row('工作单位', app.employer ?? '灵活就业')}
        {row('工作地区', app.regionName)}
        {row('提交时间', app.submittedAt.slice(0, 16).replace('T', ' '))}
        {app.memberNo ? row('会员证号', app.memberNo, null, 'row-memberNo') : null}
        {app.note ? row(app.status === 'returned' ? '修改意见' : '原因', app.note) : null}
      </View>

      {app.status === 'submitted' ? (
        <View className='card'>
          <Text className='staff__title'>审核</Text>
          {mode && mode !== 'approve' ? (
            <Textarea
              className='staff__textarea'
              id='decision-note'
              value={note}
              maxlength={200}
              placeholder={mode === 'reject' ? '不予通过的原因（申请人可以看到）' : '需要申请人修改的内容'}
              onInput={(e) => setNote(e.detail.value)}
            />
          ) : null}
          {actionError ? (
            <Text className='staff__error' id='decision-error'>
              {actionError}
            </Text>
          ) : null}
          {mode && mode !== 'approve' ? (
            <View className='staff__row'>
              <Button className='btn secondary staff__grow' onClick={() => (setMode(null), setActionError(null))}>
                取消
              </Button>
              <Button className='btn staff__grow' id='confirm-decision' disabled={busy} onClick={() => void decide(mode)}>
                确认{DECISION_WORDS[mode]}
              </Button>
            </View>
          ) : (
            <View>
              <Button className='btn' id='approve' disabled={busy || !nextStatus(app.status, 'approve')} onClick={() => void decide('approve')}>
                批准入会
              </Button>
              <View className='staff__row staff__decide'>
                <Button className='btn secondary staff__grow' id='return' onClick={() => setMode('return')}>
                  退回修改
                </Button>
                <Button className='btn secondary staff__grow' id='reject' onClick={() => setMode('reject')}>
                  不予通过
                </Button>
              </View>
            </View>
          )}
        </View>
      ) : null}

      <View className='card'>
        <Text className='staff__title'>办理记录</Text>
        {[...app.timeline].reverse().map((e) => (
          <View className='staff__item' key={`${e.at}-${e.to}`}>
            <View>
              <Text className='staff__entry-title'>
                {e.from ? `${APPLICATION_STATUS_LABELS[e.from]} → ` : ''}
                {APPLICATION_STATUS_LABELS[e.to]}
                {e.note ? `：${e.note}` : ''}
              </Text>
              <Text className='muted'>
                {e.at.slice(0, 16).replace('T', ' ')} · {e.by === 'staff' ? '工会工作人员' : '申请人'}
              </Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  );
}
