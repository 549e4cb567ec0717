import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import type { BindingCode } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import '../staff.scss';

/** Staff and admin tools: bind station hosts, read the audit log, manage staff (admin). */
export default function WorkbenchPage() {
  const { me } = useMe();
  const [stationId, setStationId] = useState('');
  const [issued, setIssued] = useState<BindingCode | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  if (!me.roles.includes('staff') && !me.roles.includes('admin')) {
    return <StateView kind='empty' title='只有工会工作人员可以使用工作台' />;
  }

  const issue = async () => {
    setBusy(true);
    setError(null);
    setIssued(null);
    try {
      setIssued(await api.issueBindingCode({ body: { kind: 'host', stationId: stationId.trim() } }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page staff'>
      <View className='card'>
        <Text className='staff__title'>绑定驿站负责人</Text>
        <Text className='muted staff__hint'>输入驿站编号（在驿站详情页底部），生成一次性绑定码交给负责人，72 小时内有效，只能使用一次。</Text>
        <Input className='staff__input' id='station-id' value={stationId} placeholder='驿站编号' onInput={(e) => setStationId(e.detail.value)} />
        {error ? (
          <Text className='staff__error' id='issue-error'>
            {error}
          </Text>
        ) : null}
        <Button className='btn' id='issue-code' disabled={busy || stationId.trim() === ''} onClick={() => void issue()}>
          {busy ? '正在生成…' : '生成绑定码'}
        </Button>
        {issued ? (
          <View className='staff__code' id='issued-code'>
            <Text className='staff__code-value' onClick={() => void Taro.setClipboardData({ data: issued.code })}>
              {issued.code}
            </Text>
            <Text className='muted'>有效期至 {issued.expiresAt.slice(0, 16).replace('T', ' ')}（点按复制）</Text>
          </View>
        ) : null}
      </View>
      <View className='card'>
        <View className='staff__item' id='hardship-files-link' onClick={() => void Taro.navigateTo({ url: '/pkg-hardship/files/index' })}>
          <Text>困难职工档案（建档、帮扶、绑定码）</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='staff__item' id='hardship-scan-link' onClick={() => void Taro.navigateTo({ url: '/pkg-hardship/scan/index' })}>
          <Text>扫描困难职工二维码卡片</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='staff__item' id='applications-link' onClick={() => void Taro.navigateTo({ url: '/pkg-staff/applications/index' })}>
          <Text>入会审核与会员名册</Text>
          <Text className='muted'>›</Text>
        </View>
        {[
          ['wish-review-link', '心愿审核', '/pkg-wishes/review/index'],
          ['wish-stats-link', '心愿数字', '/pkg-wishes/stats/index'],
          ['reports-link', '问题反馈', '/pkg-staff/reports/index'],
          ['visits-link', '到访统计', '/pkg-staff/visits/index'],
          ['coverage-link', '覆盖缺口（哪里该建驿站）', '/pkg-staff/coverage/index'],
          ['station-qr-link', '驿站二维码', '/pkg-staff/station-qr/index'],
        ].map(([id, label, url]) => (
          <View className='staff__item' id={id} key={id} onClick={() => void Taro.navigateTo({ url: url! })}>
            <Text>{label}</Text>
            <Text className='muted'>›</Text>
          </View>
        ))}
        <View className='staff__item' id='stations-link' onClick={() => void Taro.navigateTo({ url: '/pkg-staff/stations/index' })}>
          <Text>驿站管理（新建、编辑、停用、负责人）</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='staff__item' id='import-link' onClick={() => void Taro.navigateTo({ url: '/pkg-staff/import/index' })}>
          <Text>批量导入驿站名单</Text>
          <Text className='muted'>›</Text>
        </View>
        <View className='staff__item' id='audit-link' onClick={() => void Taro.navigateTo({ url: '/pkg-staff/audit/index' })}>
          <Text>操作审计记录</Text>
          <Text className='muted'>›</Text>
        </View>
        {me.isAdmin ? (
          <View className='staff__item' id='staff-admin-link' onClick={() => void Taro.navigateTo({ url: '/pkg-staff/staff-admin/index' })}>
            <Text>工作人员授权</Text>
            <Text className='muted'>›</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}
