import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { BindingCode } from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import '../staff.scss';

type Waiting = 'applications' | 'wishes' | 'boardReports';

interface WorkbenchLink {
  id: string;
  label: string;
  url: string;
  /** Which queue's waiting count the row shows. */
  waiting?: Waiting;
  adminOnly?: boolean;
}

/** The tools by task, what waits for a decision first. */
const GROUPS: { key: string; title: string; links: WorkbenchLink[] }[] = [
  {
    key: 'review',
    title: '待我处理',
    links: [
      { id: 'applications-link', label: '入会审核与会员名册', url: '/pkg-staff/applications/index', waiting: 'applications' },
      { id: 'wish-review-link', label: '心愿审核', url: '/pkg-wishes/review/index', waiting: 'wishes' },
      { id: 'reports-link', label: '问题反馈', url: '/pkg-staff/reports/index' },
      { id: 'board-reports-link', label: '公告栏举报（隐藏或保留）', url: '/pkg-board/moderation/index', waiting: 'boardReports' },
    ],
  },
  {
    key: 'board',
    title: '公告栏',
    links: [{ id: 'board-nearby-link', label: '附近的零工和活动（发布请到驿站详情页）', url: '/pkg-board/nearby/index' }],
  },
  {
    key: 'hardship',
    title: '困难帮扶',
    links: [
      { id: 'hardship-files-link', label: '困难职工档案（建档、帮扶、绑定码）', url: '/pkg-hardship/files/index' },
      { id: 'hardship-scan-link', label: '扫描困难职工二维码卡片', url: '/pkg-hardship/scan/index' },
    ],
  },
  {
    key: 'stations',
    title: '驿站',
    links: [
      { id: 'stations-link', label: '驿站管理（新建、编辑、停用、负责人）', url: '/pkg-staff/stations/index' },
      { id: 'import-link', label: '批量导入驿站名单', url: '/pkg-staff/import/index' },
      { id: 'station-qr-link', label: '驿站二维码', url: '/pkg-staff/station-qr/index' },
      { id: 'health-link', label: '数据质量（缺时间、电话、负责人，久未核实）', url: '/pkg-staff/health/index' },
    ],
  },
  {
    key: 'numbers',
    title: '数字与记录',
    links: [
      { id: 'visits-link', label: '到访统计', url: '/pkg-staff/visits/index' },
      { id: 'coverage-link', label: '覆盖缺口（哪里该建驿站）', url: '/pkg-staff/coverage/index' },
      { id: 'wish-stats-link', label: '心愿数字', url: '/pkg-wishes/stats/index' },
      { id: 'audit-link', label: '操作审计记录', url: '/pkg-staff/audit/index' },
      { id: 'staff-admin-link', label: '工作人员授权', url: '/pkg-staff/staff-admin/index', adminOnly: true },
    ],
  },
];

/** "3", or "100+" when the first page of the queue is full: a count, not a promise of an exact one. */
const countText = (page: { items: unknown[]; nextCursor: string | null }) => (page.items.length === 0 ? null : `${page.items.length}${page.nextCursor ? '+' : ''}`);

/**
 * What waits in the person's first region: the first page of each queue, counted here (the queues'
 * own routes, already scoped by region, so no count can leak beyond what the person may list).
 */
function useWaiting(regionCode: string | undefined): Partial<Record<Waiting, string | null>> {
  const [waiting, setWaiting] = useState<Partial<Record<Waiting, string | null>>>({});
  useEffect(() => {
    if (!regionCode) return;
    let live = true;
    const count = (key: Waiting, load: Promise<{ items: unknown[]; nextCursor: string | null }>) =>
      load.then((page) => live && setWaiting((w) => ({ ...w, [key]: countText(page) }))).catch(() => undefined);
    void count('applications', api.listApplicationQueue({ query: { regionCode, status: 'submitted', limit: 100 } }));
    void count('wishes', api.listRegionWishes({ query: { regionCode, status: 'pending_review', limit: 100 } }));
    void count('boardReports', api.reportedPosts({ query: { regionCode, limit: 100 } }));
    return () => {
      live = false;
    };
  }, [regionCode]);
  return waiting;
}

/** Staff and admin tools, grouped by task, with what waits for review: bind station hosts, files, numbers. */
export default function WorkbenchPage() {
  const { me } = useMe();
  const waiting = useWaiting(me?.staffScopes[0]);
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
      {GROUPS.map((group) => (
        <View className='card' key={group.title} id={`group-${group.key}`}>
          <Text className='staff__group-title'>{group.title}</Text>
          {group.links
            .filter((link) => !link.adminOnly || me.isAdmin)
            .map((link) => (
              <View className='staff__item' id={link.id} key={link.id} onClick={() => void Taro.navigateTo({ url: link.url })}>
                <Text>{link.label}</Text>
                <View className='staff__item-end'>
                  {link.waiting && waiting[link.waiting] ? (
                    <Text className='staff__waiting' id={`${link.id}-waiting`}>
                      待审核 {waiting[link.waiting]}
                    </Text>
                  ) : null}
                  <Text className='muted'>›</Text>
                </View>
              </View>
            ))}
        </View>
      ))}
    </View>
  );
}
