import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { LOCAL_MEMBER_PASS_PUBLIC_KEY, MEMBER_PASS_CLOCK_SKEW_SECONDS, toShanghaiIso, type MemberPassClaims } from '@yz/shared';
import { verifyMemberPass } from '@yz/shared/member-pass-verify';
import { ApiError, api, errorMessage } from '../../services/api';
import { pendingScans, savePendingScans, type PendingScan } from './pending';
import '../host.scss';

// The stage's key for release builds (TARO_APP_MEMBER_PASS_PUBLIC_KEY), the development key otherwise.
const PUBLIC_KEY = MEMBER_PASS_PUBLIC_KEY || LOCAL_MEMBER_PASS_PUBLIC_KEY;

type Outcome = { ok: true; claims: MemberPassClaims; at: string; count: string | null } | { ok: false; message: string };

/** Sends the scans waiting on this phone; keeps those that could not be sent for lack of network. */
async function flushPending(): Promise<void> {
  const left: PendingScan[] = [];
  for (const scan of pendingScans()) {
    try {
      await api.recordMemberScan({ params: { id: scan.stationId }, body: { token: scan.token, scannedAt: scan.scannedAt } });
    } catch (e) {
      if (e instanceof ApiError && e.isNetwork) left.push(scan);
    }
  }
  savePendingScans(left);
}

/**
 * 核验会员码: a station host (or a partner with the app) checks a member's card. The check is made on
 * this phone with the public key built into the app, with no network: the signature, and the code's
 * age (refused after two minutes; a phone clock up to MEMBER_PASS_CLOCK_SKEW_SECONDS behind is
 * allowed). Opened from a station, the scan is then counted for it; offline, it is kept and counted
 * when the page is next opened online.
 */
export default function MemberScanPage() {
  const { params } = useRouter();
  const stationId = params.id ?? null;
  const stationName = params.name ? decodeURIComponent(params.name) : null;
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useDidShow(() => {
    void flushPending().catch(() => undefined);
  });

  const check = async (content: string) => {
    const scannedAt = new Date();
    const result = verifyMemberPass(content, PUBLIC_KEY, scannedAt.getTime());
    if (!result.ok) {
      setOutcome({ ok: false, message: result.message });
      return;
    }
    const at = toShanghaiIso(scannedAt);
    setOutcome({ ok: true, claims: result.claims, at, count: stationId ? '正在计入本站核验人次…' : null });
    if (!stationId) return;
    const token = content.trim();
    let count: string;
    try {
      const res = await api.recordMemberScan({ params: { id: stationId }, body: { token, scannedAt: at } });
      count = res.counted ? '已计入本站今日核验人次' : '这位会员 4 小时内已在本站核验过，不重复计数';
    } catch (e) {
      if (e instanceof ApiError && e.isNetwork) {
        savePendingScans([...pendingScans(), { stationId, token, scannedAt: at }]);
        count = '网络不可用：已在本机核验，联网后打开本页会自动计入（24 小时内）';
      } else {
        count = `没能计入：${errorMessage(e)}`;
      }
    }
    setOutcome({ ok: true, claims: result.claims, at, count });
  };

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await check(res.result);
    } catch {
      // Cancelled by the person: nothing to do.
    }
  };

  return (
    <View className='page host' id='member-scan-page'>
      <View className='card'>
        <Text className='host__title'>核验会员码</Text>
        {stationName ? <Text className='host__meta'>计入：{stationName}</Text> : null}
        <Text className='host__hint'>
          请会员打开“电子会员证”，扫描上面的会员码。本机离线即可核验；会员码 2 分钟后失效（允许手机时间慢 {MEMBER_PASS_CLOCK_SKEW_SECONDS} 秒）。
        </Text>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button className='btn' id='scan-member' onClick={() => void scan()}>
            扫一扫
          </Button>
        ) : (
          <View>
            <Textarea className='host__textarea' id='member-code' value={text} maxlength={1000} placeholder='粘贴会员码内容（YZMEMBER: 开头）' onInput={(e) => setText(e.detail.value)} />
            <Button className='btn' id='check-member' disabled={text.trim() === ''} onClick={() => void check(text)}>
              核验
            </Button>
          </View>
        )}
      </View>
      {outcome?.ok ? (
        <View className='card member-check member-check--ok' id='member-valid'>
          <Text className='member-check__verdict'>有效会员</Text>
          <Text className='member-check__name' id='member-valid-name'>
            {outcome.claims.nm}
          </Text>
          <Text className='host__meta'>会员证号 {outcome.claims.no}</Text>
          <Text className='host__meta'>核验时间 {outcome.at.slice(11, 19)}</Text>
          {outcome.count ? (
            <Text className='host__meta' id='member-count'>
              {outcome.count}
            </Text>
          ) : null}
        </View>
      ) : null}
      {outcome && !outcome.ok ? (
        <View className='card member-check member-check--bad' id='member-invalid'>
          <Text className='member-check__verdict'>无法确认会员身份</Text>
          <Text className='member-check__message' id='member-invalid-reason'>
            {outcome.message}
          </Text>
        </View>
      ) : null}
    </View>
  );
}
