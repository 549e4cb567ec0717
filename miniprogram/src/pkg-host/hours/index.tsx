import { Button, Input, Picker, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import {
  OpeningHours,
  shanghaiClock,
  toMinutes,
  unknownWeekdays,
  WEEKDAYS,
  WEEKDAY_LABELS,
  type DateException,
  type Interval,
  type Weekday,
} from '@yz/shared';
import StateView from '../../components/StateView';
import { api } from '../../services/api';
import { useEditableStation } from '../../use-editable-station';
import '../host.scss';

/**
 * 开放时间: the week, day by day — several intervals a day, an interval that runs past midnight
 * (次日), 24 hours, a day off, one day copied to others — and dates that differ (a holiday closure,
 * special hours). Every problem is shown at the interval it is about, as the server would word it,
 * before anything is sent.
 */

type Hours = OpeningHours;
type Problems = Map<string, string>;

/** A station whose hours nobody has given starts with every day unknown, never closed. */
const unknownWeek = (): Hours => ({ weekly: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null }, exceptions: [] });

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** A sensible next interval: after the day's last one, or office hours on an empty day. */
function nextInterval(intervals: Interval[]): Interval {
  const last = intervals[intervals.length - 1];
  if (!last) return { open: '08:30', close: '17:30' };
  const start = last.overnight || last.close === '24:00' ? 18 * 60 : toMinutes(last.close) + 60;
  if (start >= 23 * 60) return { open: '22:00', close: '23:00' };
  return { open: hhmm(start), close: hhmm(Math.min(start + 120, 23 * 60 + 59)) };
}

/** Messages by where they are: 'weekly.mon.0', 'exceptions.1.intervals.0', 'exceptions.1'. */
function problemsOf(hours: Hours): Problems {
  const problems: Problems = new Map();
  const parsed = OpeningHours.safeParse(hours);
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String);
    const key = path[0] === 'weekly' ? path.slice(0, 3).join('.') : path[2] === 'intervals' ? path.slice(0, 4).join('.') : path.slice(0, 2).join('.');
    if (!problems.has(key)) problems.set(key, issue.message);
  }
  return problems;
}

function IntervalsEditor({
  prefix,
  idPrefix,
  intervals,
  problems,
  onChange,
}: {
  prefix: string;
  idPrefix: string;
  intervals: Interval[];
  problems: Problems;
  /** Called with a change to apply to the latest intervals (not a snapshot), so quick taps add up. */
  onChange: (change: (current: Interval[]) => Interval[]) => void;
}) {
  const set = (i: number, patch: Partial<Interval>) =>
    onChange((current) =>
      current.map((interval, j) => {
        if (j !== i) return interval;
        const next = { ...interval, ...patch };
        // A day that ends at midnight ends at 24:00; an interval past midnight cannot.
        if (!next.overnight && next.close === '00:00') next.close = '24:00';
        if (next.overnight && next.close === '24:00') next.close = '00:00';
        if (!next.overnight) delete next.overnight;
        return next;
      }),
    );
  return (
    <View>
      {intervals.map((interval, i) => (
        <View key={i}>
          <View className='host__interval' id={`${idPrefix}-${i}`}>
            <Picker mode='time' value={interval.open} onChange={(e) => set(i, { open: String(e.detail.value) })}>
              <View className='host__picker' id={`${idPrefix}-${i}-open`}>
                {interval.open}
              </View>
            </Picker>
            <Text className='host__dash'>至</Text>
            <Picker mode='time' value={interval.close === '24:00' ? '00:00' : interval.close} onChange={(e) => set(i, { close: String(e.detail.value) })}>
              <View className='host__picker' id={`${idPrefix}-${i}-close`}>
                {interval.overnight ? `次日 ${interval.close}` : interval.close}
              </View>
            </Picker>
            <View className={`host__choice host__next-day ${interval.overnight ? 'is-on' : ''}`} id={`${idPrefix}-${i}-nextday`} onClick={() => set(i, { overnight: !interval.overnight })}>
              次日
            </View>
            <Text className='host__remove' id={`${idPrefix}-${i}-remove`} onClick={() => onChange((current) => current.filter((_, j) => j !== i))}>
              删除
            </Text>
          </View>
          {problems.get(`${prefix}.${i}`) ? (
            <Text className='host__error' id={`${idPrefix}-${i}-problem`}>
              {problems.get(`${prefix}.${i}`)}
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}

export default function HoursPage() {
  const id = useRouter().params.id ?? '';
  const { station, phase, saving, reload, save } = useEditableStation(id);
  const [draft, setDraft] = useState<Hours | null>(null);
  const [copyFrom, setCopyFrom] = useState<Weekday | null>(null);
  const [copyTo, setCopyTo] = useState<Weekday[]>([]);
  const [serverError, setServerError] = useState<string | null>(null);

  // The draft starts from the station's hours once; a conflict later keeps the person's draft (it is
  // what they re-apply), it does not reset it.
  useEffect(() => {
    if (station && !draft) setDraft(station.hours ? JSON.parse(JSON.stringify(station.hours)) as Hours : unknownWeek());
  }, [station?.id, station?.version]);

  const problems = useMemo(() => (draft ? problemsOf(draft) : new Map<string, string>()), [draft]);

  if (phase.kind === 'missing') return <StateView kind='empty' title='没有找到这个驿站' />;
  if (phase.kind === 'error') return <StateView kind='error' title='没能加载驿站信息' detail={phase.message} actionText='重试' onAction={() => void reload()} />;
  if (!station || !draft) return <StateView kind='loading' title='正在加载开放时间…' />;

  // Every change is computed from the latest draft, so two quick taps both count.
  const update = (change: (d: Hours) => Hours) => setDraft((d) => (d ? change(d) : d));
  const setDay = (day: Weekday, intervals: (current: Interval[]) => Interval[]) =>
    update((d) => ({ ...d, weekly: { ...d.weekly, [day]: intervals(d.weekly[day] ?? []) } }));
  const setException = (index: number, patch: (current: DateException) => Partial<DateException>) =>
    update((d) => ({ ...d, exceptions: d.exceptions.map((e, i) => (i === index ? { ...e, ...patch(e) } : e)) }));
  const today = shanghaiClock(new Date()).date;

  const applyCopy = () => {
    if (!copyFrom) return;
    update((d) => {
      const weekly = { ...d.weekly };
      const from = d.weekly[copyFrom];
      for (const day of copyTo) weekly[day] = from === null ? null : from.map((i) => ({ ...i }));
      return { ...d, weekly };
    });
    setCopyFrom(null);
    setCopyTo([]);
  };

  const submit = async () => {
    // WeChat still delivers taps on a disabled button: the guard is here, not only in `disabled`.
    if (saving !== null || problems.size > 0) return;
    const unset = unknownWeekdays(draft);
    if (unset.length > 0) {
      // Saving with days unset is allowed (they stay 未知), but the host says so knowingly.
      const answer = await Taro.showModal({
        title: '还有日子没设置',
        content: `${unset.map((d) => WEEKDAY_LABELS[d]).join('、')}还没有设置，保存后这几天显示“开放时间未知”。如果这几天休息，请点“休息”。仍然保存吗？`,
        confirmText: '仍然保存',
        cancelText: '回去设置',
      });
      if (!answer.confirm) return;
    }
    setServerError(null);
    const outcome = await save('hours', ['hours', 'hoursNote'], (expectedVersion) => api.updateStationHours({ params: { id }, body: { expectedVersion, hours: draft } }));
    if (outcome.ok) setTimeout(() => void Taro.navigateBack().catch(() => undefined), 600);
    else if (outcome.error) setServerError(outcome.error.message);
  };

  const firstProblem = [...problems.values()][0];
  const draftDay = (day: Weekday) => draft.weekly[day];
  return (
    <View className='page host' id='hours-editor'>
      <View className='card'>
        <Text className='host__title'>{station.name}</Text>
        <Text className='host__hint'>每天可以有几个时段；营业过了半夜的时段点“次日”，例如 22:00 至 次日 06:00。</Text>
        {station.hoursNote && !station.hours ? <Text className='host__meta'>名单上写的是“{station.hoursNote}”</Text> : null}
      </View>

      {WEEKDAYS.map((day) => (
        <View className='card' key={day} id={`day-${day}`}>
          <View className='host__row'>
            <Text className='host__day-name'>{WEEKDAY_LABELS[day]}</Text>
            <Text className='muted' id={`day-${day}-summary`}>
              {draftDay(day) === null ? '未设置（显示为未知）' : draftDay(day)!.length === 0 ? '休息' : `${draftDay(day)!.length} 个时段`}
            </Text>
          </View>
          <IntervalsEditor prefix={`weekly.${day}`} idPrefix={`interval-${day}`} intervals={draftDay(day) ?? []} problems={problems} onChange={(change) => setDay(day, change)} />
          <View className='host__row'>
            <Button className='btn secondary small host__small' id={`add-${day}`} disabled={(draftDay(day) ?? []).length >= 6} onClick={() => setDay(day, (list) => (list.length >= 6 ? list : [...list, nextInterval(list)]))}>
              + 添加时段
            </Button>
            <Button className='btn secondary small host__small' id={`allday-${day}`} onClick={() => setDay(day, () => [{ open: '00:00', close: '24:00' }])}>
              24 小时
            </Button>
            <Button className='btn secondary small host__small' id={`closed-${day}`} onClick={() => setDay(day, () => [])}>
              休息
            </Button>
            {draftDay(day) !== null ? (
              <Button className='btn secondary small host__small' id={`unknown-${day}`} onClick={() => update((d) => ({ ...d, weekly: { ...d.weekly, [day]: null } }))}>
                不确定
              </Button>
            ) : null}
            <Button
              className='btn secondary small host__small'
              id={`copy-${day}`}
              onClick={() => {
                setCopyFrom(day);
                setCopyTo([]);
              }}
            >
              复制到…
            </Button>
          </View>
          {copyFrom === day ? (
            <View className='host__closure' id='copy-panel'>
              <Text>把{WEEKDAY_LABELS[day]}的时间复制到：</Text>
              <View className='host__chips'>
                {WEEKDAYS.filter((d) => d !== day).map((d) => (
                  <View
                    key={d}
                    id={`copy-to-${d}`}
                    className={`host__choice ${copyTo.includes(d) ? 'is-on' : ''}`}
                    onClick={() => setCopyTo((chosen) => (chosen.includes(d) ? chosen.filter((x) => x !== d) : [...chosen, d]))}
                  >
                    {WEEKDAY_LABELS[d]}
                  </View>
                ))}
                <View
                  id='copy-to-all'
                  className='host__choice'
                  onClick={() => setCopyTo(WEEKDAYS.filter((d) => d !== day))}
                >
                  全选
                </View>
              </View>
              <View className='host__buttons'>
                <Button className='btn small' id='copy-apply' disabled={copyTo.length === 0} onClick={applyCopy}>
                  复制
                </Button>
                <Button className='btn secondary small' id='copy-cancel' onClick={() => setCopyFrom(null)}>
                  取消
                </Button>
              </View>
            </View>
          ) : null}
        </View>
      ))}

      <View className='card' id='exceptions'>
        <Text className='host__section'>特殊日期</Text>
        <Text className='host__hint'>节假日休息或临时调整的日子，按日期设置，优先于每周的时间。</Text>
        {draft.exceptions.map((e, i) => (
          <View className='host__day' key={i} id={`exception-${i}`}>
            <View className='host__row'>
              <Picker mode='date' value={e.from} onChange={(ev) => setException(i, (cur) => ({ from: String(ev.detail.value), to: String(ev.detail.value) > cur.to ? String(ev.detail.value) : cur.to }))}>
                <View className='host__picker' id={`exception-${i}-from`}>
                  {e.from}
                </View>
              </Picker>
              <Text className='host__dash'>至</Text>
              <Picker mode='date' value={e.to} start={e.from} onChange={(ev) => setException(i, () => ({ to: String(ev.detail.value) }))}>
                <View className='host__picker' id={`exception-${i}-to`}>
                  {e.to}
                </View>
              </Picker>
              <Text className='host__remove' id={`exception-${i}-remove`} onClick={() => update((d) => ({ ...d, exceptions: d.exceptions.filter((_, j) => j !== i) }))}>
                删除
              </Text>
            </View>
            {problems.get(`exceptions.${i}`) ? <Text className='host__error'>{problems.get(`exceptions.${i}`)}</Text> : null}
            <View className='host__chips'>
              <View className={`host__choice ${e.intervals.length === 0 ? 'is-on' : ''}`} id={`exception-${i}-closed`} onClick={() => setException(i, () => ({ intervals: [] }))}>
                休息
              </View>
              <View
                className={`host__choice ${e.intervals.length > 0 ? 'is-on' : ''}`}
                id={`exception-${i}-special`}
                onClick={() => setException(i, (cur) => (cur.intervals.length === 0 ? { intervals: [{ open: '09:00', close: '12:00' }] } : {}))}
              >
                特殊时段
              </View>
            </View>
            <IntervalsEditor prefix={`exceptions.${i}.intervals`} idPrefix={`exception-${i}-interval`} intervals={e.intervals} problems={problems} onChange={(change) => setException(i, (cur) => ({ intervals: change(cur.intervals) }))} />
            {e.intervals.length > 0 ? (
              <Button className='btn secondary small host__small' id={`exception-${i}-add`} onClick={() => setException(i, (cur) => ({ intervals: [...cur.intervals, nextInterval(cur.intervals)] }))}>
                + 添加时段
              </Button>
            ) : null}
            <Input className='host__input' id={`exception-${i}-reason`} value={e.reason ?? ''} maxlength={40} placeholder='原因，如：国庆节' onInput={(ev) => setException(i, () => ({ reason: ev.detail.value }))} />
          </View>
        ))}
        <Button
          className='btn secondary'
          id='add-exception'
          disabled={draft.exceptions.length >= 60}
          onClick={() => update((d) => (d.exceptions.length >= 60 ? d : { ...d, exceptions: [...d.exceptions, { from: today, to: today, intervals: [] }] }))}
        >
          + 添加特殊日期
        </Button>
      </View>

      <View className='host__footer'>
        {firstProblem ? (
          <Text className='host__error' id='hours-problems'>
            还有 {problems.size} 处需要修改：{firstProblem}
          </Text>
        ) : null}
        {serverError ? (
          <Text className='host__error' id='hours-error'>
            {serverError}
          </Text>
        ) : null}
        <Button className='btn' id='save-hours' disabled={saving !== null || problems.size > 0} onClick={() => void submit()}>
          {saving ? '正在保存…' : '保存开放时间'}
        </Button>
      </View>
    </View>
  );
}
