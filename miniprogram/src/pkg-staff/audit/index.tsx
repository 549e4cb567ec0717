import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { AuditAction, AuditEntry } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import '../staff.scss';

const ACTION_LABELS: Record<AuditAction, string> = {
  'staff.grant': '授予工作人员权限',
  'staff.revoke': '收回工作人员权限',
  'binding.issue': '生成绑定码',
  'binding.redeem': '使用绑定码',
  'host.invite': '生成负责人邀请二维码',
  'host.invite.revoke': '作废负责人邀请',
  'host.unbind': '解除驿站负责人',
  'account.delete': '注销账号',
  'pii.reveal': '查看敏感信息',
  'members.export': '导出会员名册',
  'hardship.read': '查看困难职工档案',
  'hardship.card': '扫描困难职工二维码卡片',
  'id.conflict': '他人账号提交了已登记的身份证号',
};

/** The audit log of a region the staff member covers, newest first. */
export default function AuditPage() {
  const { me } = useMe();
  const [region, setRegion] = useState('');
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async (regionCode: string, after: string | null) => {
    setError(null);
    try {
      const page = await api.listAudit({ query: { regionCode, ...(after ? { cursor: after } : {}) } });
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  useEffect(() => {
    const first = me?.staffScopes[0] ?? (me?.isAdmin ? '00' : '');
    if (first && !region) {
      setRegion(first);
      void load(first, null);
    }
  }, [me]);

  return (
    <View className='page staff'>
      <View className='card staff__row'>
        <Input className='staff__input staff__grow' id='audit-region' value={region} placeholder='地区代码，如 360428' onInput={(e) => setRegion(e.detail.value)} />
        <Button className='btn small' id='audit-load' onClick={() => void load(region.trim(), null)}>
          查看
        </Button>
      </View>
      {error ? <StateView kind='error' title='没能加载审计记录' detail={error} /> : null}
      {!error && items === null ? <StateView kind='loading' title='正在加载…' /> : null}
      {items && items.length === 0 ? <StateView kind='empty' title='这个地区还没有记录' /> : null}
      {items?.map((entry) => (
        <View className='card staff__entry' key={entry.id} id={`audit-${entry.id}`}>
          <Text className='staff__entry-title'>{ACTION_LABELS[entry.action]}</Text>
          <Text className='muted'>
            {entry.at.slice(0, 16).replace('T', ' ')} · 操作人 {entry.actorId}
          </Text>
          <Text className='muted'>
            对象：{entry.targetType} {entry.targetId} · 地区 {entry.regionCode}
          </Text>
        </View>
      ))}
      {cursor ? (
        <Button className='btn secondary staff__more' id='audit-more' onClick={() => void load(region, cursor)}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
