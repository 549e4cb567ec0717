import { Button, Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';
import { usePageData } from '../../use-page-data';
import '../board.scss';

/** One of the desk's numbers, large, with what it counts under it. */
function Count({ id, value, label }: { id: string; value: number | string; label: string }) {
  return (
    <View className='board__count'>
      <Text className='board__count-value' id={id}>
        {value}
      </Text>
      <Text className='muted'>{label}</Text>
    </View>
  );
}

/**
 * The host's check-in desk for a limited event: the counts, the 4-digit code a worker says, and the
 * codes with whether each has come. Never names or phones: the server does not send them.
 */
export default function CheckInPage() {
  const { id = '' } = useRouter().params;
  const { data: attendance, setData: setAttendance, error: loadError, load } = usePageData(() => api.eventAttendance({ params: { id } }), { pullDownRefresh: true });
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const checkIn = async () => {
    const typed = code.trim();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setAttendance(await api.checkInByCode({ params: { id }, body: { code: typed } }));
      setDone(`${typed} 签到成功`);
      setCode('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (loadError) return <StateView kind='error' title='没能加载签到情况' detail={loadError} actionText='重试' onAction={() => void load()} />;
  if (!attendance) return <StateView kind='loading' title='正在加载签到情况…' />;

  return (
    <View className='page board' id='checkin-page'>
      <View className='card board__counts' id='checkin-counts'>
        <Count id='count-capacity' value={attendance.capacity ?? '不限'} label='名额' />
        <Count id='count-reserved' value={attendance.reserved} label='已预约' />
        <Count id='count-checked-in' value={attendance.checkedIn} label='已签到' />
      </View>
      <View className='card'>
        <Text className='board__section'>输入对方报的 4 位签到码</Text>
        <Input className='board__input' id='checkin-code' type='number' maxlength={4} value={code} placeholder='例如 0427' onInput={(e) => setCode(e.detail.value)} />
        {error ? (
          <Text className='board__error' id='checkin-error'>
            {error}
          </Text>
        ) : null}
        {done ? (
          <Text className='board__notice' id='checkin-done'>
            {done}
          </Text>
        ) : null}
        <Button className='btn board__action' id='checkin-submit' disabled={busy || !/^\d{4}$/.test(code.trim())} onClick={() => void checkIn()}>
          {busy ? '正在签到…' : '签到'}
        </Button>
      </View>
      <View className='card' id='checkin-codes'>
        <Text className='board__section'>签到码</Text>
        {attendance.codes.length === 0 ? <Text className='muted'>还没有人预约</Text> : null}
        <View className='board__codes'>
          {attendance.codes.map((c) => (
            <Text key={c.code} id={`code-${c.code}`} className={`board__code-chip ${c.checkedIn ? 'board__code-chip--in' : ''}`}>
              {c.code}
              {c.checkedIn ? ' ✓' : ''}
            </Text>
          ))}
        </View>
      </View>
    </View>
  );
}
