import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { REPLY_TEXT_MAX, reportSummary, type ProblemReport, shortTime } from '@yz/shared';
import StateView from '../../components/StateView';
import { api, errorMessage } from '../../services/api';
import '../host.scss';

/** The inbox of a station's problem reports (问题反馈): each answered, and closed when dealt with. */
export default function HostReportsPage() {
  const stationId = useRouter().params.id ?? '';
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const [items, setItems] = useState<ProblemReport[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    setItems(null);
    setError(null);
    try {
      setItems((await api.stationReports({ params: { id: stationId }, query: { status, limit: 50 } })).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [stationId, status]);

  useEffect(() => {
    void load();
  }, [load]);

  const send = async (report: ProblemReport, resolve: boolean) => {
    if (busy) return;
    setBusy(report.id);
    setFieldErrors((f) => ({ ...f, [report.id]: '' }));
    try {
      const updated = await api.replyToReport({
        params: { id: stationId, reportId: report.id },
        body: { message: drafts[report.id] ?? '', resolve },
      });
      setDrafts((d) => ({ ...d, [report.id]: '' }));
      // A closed report leaves the open list; an answered one stays with its answer.
      setItems((list) => (list ?? []).flatMap((r) => (r.id !== report.id ? [r] : updated.status === status ? [updated] : [])));
      void Taro.showToast({ title: resolve ? '已回复并标记已处理' : '已回复', icon: 'success' });
    } catch (e) {
      setFieldErrors((f) => ({ ...f, [report.id]: errorMessage(e) }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <View className='page host'>
      <View className='host__tabs'>
        {(['open', 'resolved'] as const).map((s) => (
          <Text key={s} id={`reports-${s}`} className={`host__tab ${status === s ? 'is-on' : ''}`} onClick={() => setStatus(s)}>
            {s === 'open' ? '待处理' : '已处理'}
          </Text>
        ))}
      </View>
      {error ? <StateView kind='error' title='没能加载问题反馈' detail={error} actionText='重试' onAction={() => void load()} /> : null}
      {!error && items === null ? <StateView kind='loading' title='正在加载…' /> : null}
      {items && items.length === 0 ? (
        <StateView kind='empty' title={status === 'open' ? '没有待处理的反馈' : '还没有处理过的反馈'} detail='劳动者在驿站页面报告的问题会出现在这里' />
      ) : null}
      {items?.map((r) => (
        <View className='card' key={r.id} id={`report-${r.id}`}>
          <Text className='host__section'>{reportSummary(r)}</Text>
          <Text className='host__meta'>{shortTime(r.createdAt)} 收到</Text>
          {r.reply ? (
            <Text className='host__meta' id={`report-reply-${r.id}`}>
              {r.reply.by === 'host' ? '我的回复' : '工会回复'}：{r.reply.message}（{shortTime(r.reply.at)}）
            </Text>
          ) : null}
          {r.status === 'open' ? (
            <View>
              <Textarea
                className='host__textarea'
                id={`report-draft-${r.id}`}
                value={drafts[r.id] ?? ''}
                maxlength={REPLY_TEXT_MAX}
                placeholder='回复反馈的劳动者，例如：热水器已报修，明天修好'
                onInput={(e) => setDrafts((d) => ({ ...d, [r.id]: e.detail.value }))}
              />
              {fieldErrors[r.id] ? <Text className='host__error'>{fieldErrors[r.id]}</Text> : null}
              <View className='host__row'>
                <Button className='btn small secondary host__grow' id={`report-answer-${r.id}`} disabled={busy === r.id} onClick={() => void send(r, false)}>
                  回复
                </Button>
                <Button className='btn small host__grow' id={`report-resolve-${r.id}`} disabled={busy === r.id} onClick={() => void send(r, true)}>
                  回复并标记已处理
                </Button>
              </View>
            </View>
          ) : (
            <Text className='host__meta'>已处理 {r.resolvedAt ? shortTime(r.resolvedAt) : ''}</Text>
          )}
        </View>
      ))}
    </View>
  );
}
