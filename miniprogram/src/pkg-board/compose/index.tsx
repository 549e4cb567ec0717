import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import {
  BoardErrorCode,
  EVENT_CATEGORIES,
  EVENT_CATEGORY_LABELS,
  PAY_UNITS,
  PAY_UNIT_LABELS,
  POST_KIND_LABELS,
  POST_KINDS,
  PostBody,
  WEEKDAYS,
  WEEKDAY_LABELS,
  shanghaiDate,
  type EventCategory,
  type PayUnit,
  type PostKind,
  type Weekday,
} from '@yz/shared';
import { api, ApiError } from '../../services/api';
import { refusalByField } from '../../services/form-errors';
import '../board.scss';

/**
 * The host's or staff's form for a job post (on behalf of an employer) or a benefit event, posted in
 * the station's name. The scam guard is the server's: a refusal is shown as the reason above the form.
 */

const DAY_MS = 86_400_000;
const fenOf = (text: string) => (text.trim() === '' ? NaN : Math.round(Number(text.trim()) * 100));

export default function ComposePage() {
  const { station = '', name = '' } = useRouter().params;
  const tomorrow = shanghaiDate(new Date(Date.now() + DAY_MS));
  const [kind, setKind] = useState<PostKind>('event');
  const [f, setF] = useState({
    employer: '',
    work: '',
    unit: 'day' as PayUnit,
    minYuan: '',
    maxYuan: '',
    longTerm: true,
    from: tomorrow,
    to: tomorrow,
    headcount: '1',
    requirements: '',
    phone: '',
    title: '',
    category: 'cooling' as EventCategory,
    weekly: false,
    date: tomorrow,
    days: [] as Weekday[],
    until: tomorrow,
    start: '09:00',
    end: '11:00',
    gives: '',
    capacity: '',
  });
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof f>) => setF((prev) => ({ ...prev, ...patch }));

  const body = () =>
    kind === 'job'
      ? {
          kind,
          employer: f.employer.trim(),
          work: f.work.trim(),
          place: { kind: 'station' as const },
          pay: { unit: f.unit, minFen: fenOf(f.minYuan), maxFen: f.maxYuan.trim() ? fenOf(f.maxYuan) : null },
          dates: f.longTerm ? { kind: 'long_term' as const } : { kind: 'dates' as const, from: f.from.trim(), to: f.to.trim() },
          headcount: Number(f.headcount),
          requirements: f.requirements.trim(),
          phone: f.phone.trim(),
        }
      : {
          kind,
          title: f.title.trim(),
          category: f.category,
          when: f.weekly
            ? { kind: 'weekly' as const, days: f.days, start: f.start.trim(), end: f.end.trim(), from: f.date.trim(), until: f.until.trim() }
            : { kind: 'once' as const, date: f.date.trim(), start: f.start.trim(), end: f.end.trim() },
          gives: f.gives.trim(),
          place: { kind: 'station' as const },
          capacity: f.capacity.trim() ? Number(f.capacity) : null,
        };

  const submit = async () => {
    setRefused(null);
    const parsed = PostBody.safeParse(body());
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[issue.path.filter((p) => typeof p === 'string').join('.') || 'form'] ??= issue.message;
      setErrors(found);
      void Taro.showToast({ title: '请按红字提示修改', icon: 'none' });
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const post = await api.createPost({ params: { id: station }, body: parsed.data });
      void Taro.redirectTo({ url: `/pkg-board/post/index?id=${post.id}` });
    } catch (e) {
      if (e instanceof ApiError && e.code === BoardErrorCode.POST_ASKS_FOR_MONEY) setRefused(e.message);
      else setErrors(refusalByField(e));
    } finally {
      setBusy(false);
    }
  };

  /** The first message under any of these fields (the schema's paths, e.g. `pay.minFen`). */
  const err = (...fields: string[]) => {
    const message = fields.map((k) => errors[k] ?? Object.entries(errors).find(([path]) => path.startsWith(`${k}.`))?.[1]).find(Boolean);
    return message ? (
      <Text className='board__error' id={`error-${fields[0]!.replace('.', '-')}`}>
        {message}
      </Text>
    ) : null;
  };
  const field = (label: string, key: keyof typeof f, opts: { placeholder?: string; multiline?: boolean; type?: 'text' | 'digit' | 'number' } = {}) => (
    <View className='board__field'>
      <Text className='board__label'>{label}</Text>
      {opts.multiline ? (
        <Textarea className='board__textarea' id={`field-${key}`} value={String(f[key])} placeholder={opts.placeholder} onInput={(e) => set({ [key]: e.detail.value })} />
      ) : (
        <Input className='board__input' id={`field-${key}`} type={opts.type ?? 'text'} value={String(f[key])} placeholder={opts.placeholder} onInput={(e) => set({ [key]: e.detail.value })} />
      )}
    </View>
  );
  const chips = <T extends string>(id: string, values: readonly T[], labels: Record<T, string>, on: (v: T) => boolean, pick: (v: T) => void) => (
    <View className='board__chips' id={id}>
      {values.map((v) => (
        <Text key={v} id={`${id}-${v}`} className={`board__chip ${on(v) ? 'board__chip--on' : ''}`} onClick={() => pick(v)}>
          {labels[v]}
        </Text>
      ))}
    </View>
  );

  return (
    <View className='page board' id='compose-page'>
      <View className='card'>
        <Text className='muted board__line'>以“{name || '本驿站'}”的名义发布，地点为本驿站。不得向劳动者收取任何费用。</Text>
        {chips('compose-kind', POST_KINDS, POST_KIND_LABELS, (k) => k === kind, setKind)}
      </View>
      {refused ? (
        <Text className='card board__error' id='compose-refused'>
          {refused}
        </Text>
      ) : null}
      {kind === 'job' ? (
        <View className='card'>
          {field('招工单位', 'employer', { placeholder: '如 琅琊物流园' })}
          {err('employer')}
          {field('工作内容', 'work', { multiline: true, placeholder: '做什么、在哪里、怎么结算' })}
          {err('work')}
          <Text className='board__label'>工资</Text>
          {chips('compose-unit', PAY_UNITS, PAY_UNIT_LABELS, (u) => u === f.unit, (unit) => set({ unit }))}
          {field('最低（元）', 'minYuan', { type: 'digit' })}
          {field('最高（元，可不填）', 'maxYuan', { type: 'digit' })}
          {err('pay')}
          <Text className='board__label'>用工时间</Text>
          <View className='board__chips'>
            <Text id='compose-long-term' className={`board__chip ${f.longTerm ? 'board__chip--on' : ''}`} onClick={() => set({ longTerm: true })}>
              长期
            </Text>
            <Text id='compose-dated' className={`board__chip ${!f.longTerm ? 'board__chip--on' : ''}`} onClick={() => set({ longTerm: false })}>
              指定日期
            </Text>
          </View>
          {f.longTerm ? null : (
            <View>
              {field('开始日期', 'from', { placeholder: 'YYYY-MM-DD' })}
              {field('结束日期', 'to', { placeholder: 'YYYY-MM-DD' })}
            </View>
          )}
          {err('dates')}
          {field('招工人数', 'headcount', { type: 'number' })}
          {err('headcount')}
          {field('要求（可不填）', 'requirements', { multiline: true })}
          {err('requirements')}
          {field('联系电话（登录的人点按才显示）', 'phone', { type: 'number' })}
          {err('phone')}
        </View>
      ) : (
        <View className='card'>
          {field('活动名称', 'title', { placeholder: '如 夏送清凉' })}
          {err('title')}
          <Text className='board__label'>活动类别</Text>
          {chips('compose-category', EVENT_CATEGORIES, EVENT_CATEGORY_LABELS, (c) => c === f.category, (category) => set({ category }))}
          <Text className='board__label'>时间</Text>
          <View className='board__chips'>
            <Text id='compose-once' className={`board__chip ${!f.weekly ? 'board__chip--on' : ''}`} onClick={() => set({ weekly: false })}>
              某一天
            </Text>
            <Text id='compose-weekly' className={`board__chip ${f.weekly ? 'board__chip--on' : ''}`} onClick={() => set({ weekly: true, capacity: '' })}>
              每周固定几天
            </Text>
          </View>
          {field(f.weekly ? '开始日期' : '日期', 'date', { placeholder: 'YYYY-MM-DD' })}
          {f.weekly ? (
            <View>
              {field('结束日期', 'until', { placeholder: 'YYYY-MM-DD' })}
              {chips('compose-days', WEEKDAYS, WEEKDAY_LABELS, (d) => f.days.includes(d), (d) => set({ days: f.days.includes(d) ? f.days.filter((x) => x !== d) : [...f.days, d] }))}
            </View>
          ) : null}
          {field('开始时间', 'start', { placeholder: 'HH:MM' })}
          {field('结束时间', 'end', { placeholder: 'HH:MM' })}
          {err('when')}
          {field('活动内容', 'gives', { multiline: true, placeholder: '发放什么、提供什么服务' })}
          {err('gives')}
          {f.weekly ? null : field('名额（可不填；填了就需要“我要去”预约，凭签到码领取）', 'capacity', { type: 'number' })}
          {err('capacity')}
        </View>
      )}
      {err('form', 'place')}
      <Button className='btn board__action' id='compose-submit' disabled={busy} onClick={() => void submit()}>
        {busy ? '正在发布…' : '发布'}
      </Button>
    </View>
  );
}
