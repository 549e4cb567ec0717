import { Button, Picker, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import {
  APPLICATION_STATUS_LABELS,
  OCCUPATION_LABELS,
  OCCUPATIONS,
  type Application,
  type ApplicationStatus,
  type Occupation,
} from '@yz/shared';
import StateView from '../../components/StateView';
import { useMe } from '../../hooks';
import { api, errorMessage } from '../../services/api';
import { saveCsv, type SavedCsv } from '../save-csv';
import '../staff.scss';
import './index.scss';

/** The staff queue: filter, open, approve several at once, export the member roll. */

type StatusFilter = ApplicationStatus | 'all';
const STATUS_FILTERS: StatusFilter[] = ['submitted', 'returned', 'approved', 'rejected', 'all'];
const FILTER_LABELS: Record<StatusFilter, string> = { ...APPLICATION_STATUS_LABELS, all: '全部' };

export default function ApplicationsPage() {
  const { me } = useMe();
  const scopes = me?.staffScopes ?? [];
  const [scope, setScope] = useState<string>('');
  const [subRegions, setSubRegions] = useState<{ code: string; name: string }[]>([]);
  const [region, setRegion] = useState<string>('');
  const [status, setStatus] = useState<StatusFilter>('submitted');
  const [occupation, setOccupation] = useState<Occupation | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [items, setItems] = useState<Application[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState(false);
  const [exported, setExported] = useState<(SavedCsv & { count: number }) | null>(null);

  useEffect(() => {
    if (!scope && scopes[0]) setScope(scopes[0]);
  }, [scope, scopes]);
  useEffect(() => {
    setRegion(scope);
    setSubRegions([]);
    if (scope && scope.length < 6) {
      api
        .listRegions({ query: { parent: scope } })
        .then((r) => setSubRegions(r.items))
        .catch(() => setSubRegions([]));
    }
  }, [scope]);

  const load = async (after: string | null) => {
    if (!region) return;
    setError(null);
    try {
      const page = await api.listApplicationQueue({
        query: { regionCode: region, status, ...(occupation ? { occupation } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}), ...(after ? { cursor: after } : {}) },
      });
      setItems((prev) => (after && prev ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  useEffect(() => {
    setItems(null);
    setSelected({});
    void load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [region, status, occupation, from, to]);
  useDidShow(() => {
    if (region) void load(null);
  });

  if (!me) return <StateView kind='loading' title='正在加载…' />;
  if (!me.roles.includes('staff') && !me.roles.includes('admin')) return <StateView kind='empty' title='只有工会工作人员可以审核入会申请' />;
  if (scopes.length === 0) return <StateView kind='empty' title='您还没有负责的地区' detail='管理员可在工作台授予地区权限' />;

  const toggle = (app: Application) =>
    setSelected((s) => {
      const next = { ...s };
      if (next[app.id]) delete next[app.id];
      else next[app.id] = app.version;
      return next;
    });
  const chosen = Object.entries(selected).map(([id, version]) => ({ id, version }));

  const batchApprove = async () => {
    const ok = await Taro.showModal({ title: '批量批准', content: `确定批准选中的 ${chosen.length} 份入会申请吗？`, confirmText: '批准' });
    if (!ok.confirm) return;
    setBusy(true);
    try {
      const res = await api.batchApproveApplications({ body: { items: chosen } });
      const failures = res.results.filter((r) => !r.ok);
      void Taro.showModal({
        title: `已批准 ${res.approved} 份`,
        content: failures.length > 0 ? `${failures.length} 份未能批准：${failures.map((f) => f.message).join('；')}` : '全部批准成功，申请人会收到通知。',
        showCancel: false,
      });
      setSelected({});
      await load(null);
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  const exportRoll = async (reveal: boolean) => {
    if (reveal) {
      const ok = await Taro.showModal({
        title: '导出完整证件号',
        content: '导出的文件将包含会员完整的身份证号和手机号，本次导出会被记录。请妥善保管文件，不要随意转发。',
        confirmText: '确认导出',
        confirmColor: '#c8102e',
      });
      if (!ok.confirm) return;
    }
    setBusy(true);
    try {
      const res = await api.exportMembers({ body: { regionCode: region, reveal } });
      const saved = await saveCsv(res.filename, res.csv);
      setExported({ ...saved, count: res.count });
      void Taro.showToast({ title: `已导出 ${res.count} 名会员`, icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page staff queue'>
      <View className='card'>
        {scopes.length > 1 ? (
          <View className='queue__chips'>
            {scopes.map((s) => (
              <Text key={s} id={`scope-${s}`} className={`queue__chip ${scope === s ? 'queue__chip--on' : ''}`} onClick={() => setScope(s)}>
                {s}
              </Text>
            ))}
          </View>
        ) : null}
        {subRegions.length > 0 ? (
          <View className='queue__chips' id='district-filter'>
            <Text className={`queue__chip ${region === scope ? 'queue__chip--on' : ''}`} onClick={() => setRegion(scope)}>
              全部地区
            </Text>
            {subRegions.map((r) => (
              <Text key={r.code} id={`district-${r.code}`} className={`queue__chip ${region === r.code ? 'queue__chip--on' : ''}`} onClick={() => setRegion(r.code)}>
                {r.name}
              </Text>
            ))}
          </View>
        ) : null}
        <View className='queue__chips' id='status-filter'>
          {STATUS_FILTERS.map((s) => (
            <Text key={s} id={`status-${s}`} className={`queue__chip ${status === s ? 'queue__chip--on' : ''}`} onClick={() => setStatus(s)}>
              {FILTER_LABELS[s]}
            </Text>
          ))}
        </View>
        <View className='queue__filters'>
          <Picker
            mode='selector'
            range={['全部职业', ...OCCUPATIONS.map((o) => OCCUPATION_LABELS[o])]}
            value={occupation ? OCCUPATIONS.indexOf(occupation) + 1 : 0}
            onChange={(e) => setOccupation(Number(e.detail.value) === 0 ? '' : OCCUPATIONS[Number(e.detail.value) - 1]!)}
          >
            <View className='queue__filter' id='occupation-filter'>
              {occupation ? OCCUPATION_LABELS[occupation] : '全部职业'} ▾
            </View>
          </Picker>
          <Picker mode='date' value={from || '2026-01-01'} onChange={(e) => setFrom(String(e.detail.value))}>
            <View className='queue__filter'>{from ? `自 ${from}` : '开始日期'} ▾</View>
          </Picker>
          <Picker mode='date' value={to || '2026-12-31'} onChange={(e) => setTo(String(e.detail.value))}>
            <View className='queue__filter'>{to ? `至 ${to}` : '结束日期'} ▾</View>
          </Picker>
          {from || to ? (
            <Text className='queue__filter' onClick={() => (setFrom(''), setTo(''))}>
              清除日期
            </Text>
          ) : null}
        </View>
      </View>

      {error ? (
        <StateView kind='error' title='没能加载申请' detail={error} actionText='重试' onAction={() => void load(null)} />
      ) : !items ? (
        <StateView kind='loading' title='正在加载申请…' />
      ) : items.length === 0 ? (
        <StateView kind='empty' id='queue-empty' title={`没有${FILTER_LABELS[status] === '全部' ? '' : FILTER_LABELS[status]}的申请`} />
      ) : (
        <View id='queue-list'>
          {items.map((app) => (
            <View className='card queue__item' key={app.id} id={`app-${app.id}`}>
              {app.status === 'submitted' ? (
                <View className={`queue__check ${selected[app.id] ? 'queue__check--on' : ''}`} id={`select-${app.id}`} onClick={() => toggle(app)}>
                  {selected[app.id] ? '✓' : ''}
                </View>
              ) : null}
              <View
                className='queue__body'
                id={`open-${app.id}`}
                onClick={() => void Taro.navigateTo({ url: `/pkg-staff/application/index?id=${app.id}` })}
              >
                <View className='queue__line'>
                  <Text className='queue__name'>{app.name}</Text>
                  <Text className={`queue__status queue__status--${app.status}`}>{APPLICATION_STATUS_LABELS[app.status]}</Text>
                </View>
                <Text className='muted queue__meta'>
                  {OCCUPATION_LABELS[app.occupation]} · {app.employer ?? '灵活就业'}
                </Text>
                <Text className='muted queue__meta'>
                  {app.regionName} · {app.updatedAt.slice(0, 16).replace('T', ' ')}
                </Text>
              </View>
            </View>
          ))}
          {cursor ? (
            <Button className='btn secondary staff__more' id='queue-more' onClick={() => void load(cursor)}>
              加载更多
            </Button>
          ) : null}
        </View>
      )}

      {chosen.length > 0 ? (
        <View className='queue__bar'>
          <Button className='btn' id='batch-approve' disabled={busy} onClick={() => void batchApprove()}>
            批准选中的 {chosen.length} 份
          </Button>
        </View>
      ) : null}

      <View className='card'>
        <Text className='staff__title'>会员名册</Text>
        <Text className='muted staff__hint'>导出本地区已批准的会员（CSV，可用 Excel 打开）。默认隐去证件号和手机号中间几位。</Text>
        <Button className='btn secondary' id='export-masked' disabled={busy} onClick={() => void exportRoll(false)}>
          导出会员名册
        </Button>
        <Button className='btn secondary queue__export-full' id='export-full' disabled={busy} onClick={() => void exportRoll(true)}>
          导出（含完整证件号）
        </Button>
        {exported ? (
          <View className='queue__exported' id='export-result'>
            <Text>
              {exported.filename}：{exported.count} 名会员
            </Text>
            {exported.share ? (
              <Button className='btn small' id='share-export' onClick={() => void exported.share?.().catch(() => undefined)}>
                发送到微信聊天
              </Button>
            ) : null}
          </View>
        ) : null}
      </View>
    </View>
  );
}
