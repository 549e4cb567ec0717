import { Button, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { AMENITIES, AMENITY_LABELS, PROBLEM_KINDS, PROBLEM_KIND_LABELS, REPORT_TEXT_MAX, type Amenity, type ProblemKind } from '@yz/shared';
import { api, ApiError, errorMessage } from '../../services/api';
import { canLoginSilently, loadSession, onSessionChange } from '../../services/session';
import './index.scss';

/** 报告问题: what is wrong (wrong hours, closed, amenity missing, other) and a few words; goes to the hosts and district staff. */
export default function ReportProblem({ stationId, onDone }: { stationId: string; onDone: () => void }) {
  const [kind, setKind] = useState<ProblemKind | null>(null);
  const [amenity, setAmenity] = useState<Amenity | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; login: boolean } | null>(null);
  // A guest is asked to sign in before typing anything; back from the login page the form opens here.
  const [signedIn, setSignedIn] = useState(() => canLoginSilently || loadSession() !== null);
  useEffect(() => onSessionChange((session) => setSignedIn(canLoginSilently || session !== null)), []);

  const problem = !kind
    ? '请选择遇到的问题'
    : kind === 'amenity_missing' && !amenity
      ? '请选择是哪项设施没有或坏了'
      : kind === 'other' && !text.trim()
        ? '请简单说明遇到了什么问题'
        : null;

  const send = async () => {
    if (problem || !kind) return;
    setBusy(true);
    setError(null);
    try {
      await api.reportProblem({
        params: { id: stationId },
        body: { kind, ...(kind === 'amenity_missing' && amenity ? { amenity } : {}), ...(text.trim() ? { text: text.trim() } : {}) },
      });
      void Taro.showToast({ title: '已送达驿站负责人和工作人员', icon: 'none', duration: 2500 });
      onDone();
    } catch (e) {
      setError({ message: errorMessage(e), login: e instanceof ApiError && e.needsLogin });
    } finally {
      setBusy(false);
    }
  };

  const login = () => void Taro.navigateTo({ url: '/pages/dev-login/index?back=1' });

  if (!signedIn) {
    return (
      <View className='card report-problem' id='report-problem'>
        <Text className='report-problem__title'>报告问题</Text>
        <Text className='muted report-problem__hint' id='report-login-hint'>
          报告问题需要先登录，这样驿站负责人核实后可以回复您。登录后会回到这个驿站。
        </Text>
        <View className='report-problem__actions'>
          <Button className='btn secondary report-problem__action' onClick={onDone}>
            取消
          </Button>
          <Button className='btn report-problem__action' id='report-login' onClick={login}>
            去登录
          </Button>
        </View>
      </View>
    );
  }

  return (
    <View className='card report-problem' id='report-problem'>
      <Text className='report-problem__title'>报告问题</Text>
      <Text className='muted report-problem__hint'>您的反馈会送达驿站负责人和区县工会工作人员，他们会尽快核实。</Text>
      <View className='report-problem__kinds'>
        {PROBLEM_KINDS.map((k) => (
          <Text key={k} className={`report-problem__kind ${kind === k ? 'is-on' : ''}`} id={`report-kind-${k}`} onClick={() => setKind(k)}>
            {PROBLEM_KIND_LABELS[k]}
          </Text>
        ))}
      </View>
      {kind === 'amenity_missing' ? (
        <Picker mode='selector' range={AMENITIES.map((a) => AMENITY_LABELS[a])} onChange={(e) => setAmenity(AMENITIES[Number(e.detail.value)] ?? null)}>
          <Text className='report-problem__picker' id='report-amenity'>
            {amenity ? AMENITY_LABELS[amenity] : '选择设施'} ▾
          </Text>
        </Picker>
      ) : null}
      <Textarea
        className='report-problem__text'
        id='report-text'
        value={text}
        maxlength={REPORT_TEXT_MAX}
        placeholder={kind === 'other' ? '请说明遇到了什么问题（必填）' : '补充说明（选填），例如实际的开门时间'}
        onInput={(e) => setText(e.detail.value)}
      />
      {error ? (
        <Text className='report-problem__error' id='report-error'>
          {error.login ? '请先登录后再报告问题' : error.message}
        </Text>
      ) : null}
      {error?.login && process.env.TARO_ENV === 'h5' ? (
        <Button className='btn small secondary' onClick={login}>
          去登录
        </Button>
      ) : null}
      <View className='report-problem__actions'>
        <Button className='btn secondary report-problem__action' onClick={onDone}>
          取消
        </Button>
        <Button className='btn report-problem__action' id='report-send' disabled={busy || problem !== null} onClick={() => void send()}>
          {busy ? '正在提交…' : problem ?? '提交'}
        </Button>
      </View>
    </View>
  );
}
