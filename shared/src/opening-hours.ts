import { SHANGHAI_OFFSET_MS } from './time';
import { IsoDate, IsoDateTime, textField } from './fields';
import './zod-config';
import * as z from 'zod';

/**
 * Opening hours (开放时间) and the one function that says whether a station is open.
 *
 * Times are wall-clock times in Asia/Shanghai. China has used UTC+8 without daylight saving since 1991,
 * so local time is UTC plus eight hours: no time-zone database is needed (WeChat's JS engine ships none).
 * An interval marked `overnight` ends on the next day and belongs to the evening it starts: Friday
 * 22:00–06:00 is governed by Friday's rule, even when Saturday is a holiday.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: '周一',
  tue: '周二',
  wed: '周三',
  thu: '周四',
  fri: '周五',
  sat: '周六',
  sun: '周日',
};

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
export const ClockTime = z.string().regex(TIME, { error: '时间格式应为 HH:MM，例如 08:30' });
/** A closing time may also be 24:00, the end of the day. */
export const ClosingTime = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, {
  error: '时间格式应为 HH:MM，例如 17:30',
});

export const Interval = z.object({
  open: ClockTime,
  close: ClosingTime,
  /** The interval ends on the next day (跨夜), e.g. 22:00–06:00. */
  overnight: z.boolean().optional(),
});
export type Interval = z.infer<typeof Interval>;

const DayIntervals = z.array(Interval).max(6, { error: '每天最多 6 个时段' });
/**
 * A weekday's hours: intervals (none = closed that day), or null when nobody has said yet. A host who
 * knows Monday to Friday but not the weekend leaves the weekend unknown; it is never read as closed.
 */
const WeekdayHours = DayIntervals.nullable();

export const WeeklyHours = z.object({
  mon: WeekdayHours,
  tue: WeekdayHours,
  wed: WeekdayHours,
  thu: WeekdayHours,
  fri: WeekdayHours,
  sat: WeekdayHours,
  sun: WeekdayHours,
});
export type WeeklyHours = z.infer<typeof WeeklyHours>;

/** The days whose hours nobody has given yet. */
export function unknownWeekdays(hours: { weekly: WeeklyHours }): Weekday[] {
  return WEEKDAYS.filter((d) => hours.weekly[d] === null);
}

/** Hours that replace the weekly ones for a date range: a holiday closure (no intervals) or special hours. */
export const DateException = z.object({
  from: IsoDate,
  to: IsoDate,
  intervals: DayIntervals,
  reason: textField('特殊日期说明', { min: 0, max: 40 }).optional(),
});
export type DateException = z.infer<typeof DateException>;

export const TemporaryClosure = z.object({
  reason: textField('暂停开放的原因', { max: 60 }),
  since: IsoDateTime,
  /** Expected reopening; null when not yet known. */
  until: IsoDateTime.nullable(),
});
export type TemporaryClosure = z.infer<typeof TemporaryClosure>;

const OpeningHoursShape = z.object({
  weekly: WeeklyHours,
  exceptions: z.array(DateException).max(60, { error: '特殊日期最多 60 条' }),
});

export const OpeningHours = OpeningHoursShape.superRefine((hours, ctx) => {
  for (const problem of hoursProblems(hours)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
});
export type OpeningHours = z.infer<typeof OpeningHours>;

// ---------------------------------------------------------------------------------------------------
// Validation that names the day and the interval, so a host knows exactly what to fix.

const MINUTES_PER_DAY = 1440;

export function toMinutes(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/** The interval as [start, end) minutes from the start of its day; end may pass 1440 when overnight. */
export function intervalSpan(interval: Interval): [number, number] {
  const start = toMinutes(interval.open);
  const end = toMinutes(interval.close) + (interval.overnight ? MINUTES_PER_DAY : 0);
  return [start, end];
}

function intervalProblem(interval: Interval): string | null {
  const start = toMinutes(interval.open);
  const close = toMinutes(interval.close);
  if (interval.overnight) {
    if (close === MINUTES_PER_DAY) return '跨夜时段的结束时间不能是 24:00';
    if (close >= start) return `跨夜时段应在次日 ${interval.open} 之前结束`;
    return null;
  }
  if (close <= start) return `结束时间 ${interval.close} 不晚于开始时间 ${interval.open}；如果跨夜营业，请勾选“次日”`;
  return null;
}

export interface HoursProblem {
  path: (string | number)[];
  message: string;
}

export function hoursProblems(hours: z.infer<typeof OpeningHoursShape>): HoursProblem[] {
  const problems: HoursProblem[] = [];
  // Every weekly interval placed on one circular week, to catch overlaps across midnight as well.
  const week: { start: number; end: number; day: Weekday; index: number }[] = [];
  WEEKDAYS.forEach((day, d) => {
    (hours.weekly[day] ?? []).forEach((interval, index) => {
      const problem = intervalProblem(interval);
      if (problem) {
        problems.push({ path: ['weekly', day, index], message: `${WEEKDAY_LABELS[day]}第 ${index + 1} 段：${problem}` });
        return;
      }
      const [start, end] = intervalSpan(interval);
      week.push({ start: d * MINUTES_PER_DAY + start, end: d * MINUTES_PER_DAY + end, day, index });
    });
  });
  const WEEK = 7 * MINUTES_PER_DAY;
  // Sunday's overnight spill wraps onto Monday morning.
  const wrapped = week.flatMap((s) => (s.end > WEEK ? [s, { ...s, start: s.start - WEEK, end: s.end - WEEK }] : [s]));
  wrapped.sort((a, b) => a.start - b.start);
  const reported = new Set<string>();
  // Compare with the interval reaching furthest so far, not only the previous one: 08:00–18:00 holds
  // both 09:00–10:00 and 12:00–13:00, and each of them should be named.
  let reach = wrapped[0];
  for (const cur of wrapped.slice(1)) {
    if (reach && cur.start < reach.end) {
      const key = `${cur.day}${cur.index}`;
      if (!reported.has(key)) {
        reported.add(key);
        problems.push({
          path: ['weekly', cur.day, cur.index],
          message: `${WEEKDAY_LABELS[cur.day]}第 ${cur.index + 1} 段与${WEEKDAY_LABELS[reach.day]}第 ${reach.index + 1} 段时间重叠`,
        });
      }
    }
    if (!reach || cur.end > reach.end) reach = cur;
  }

  hours.exceptions.forEach((exception, e) => {
    const label = exception.from === exception.to ? exception.from : `${exception.from} 至 ${exception.to}`;
    if (exception.to < exception.from) {
      problems.push({ path: ['exceptions', e, 'to'], message: `${label}：结束日期早于开始日期` });
    } else if (dayIndexOf(exception.to) - dayIndexOf(exception.from) > 366) {
      problems.push({ path: ['exceptions', e, 'to'], message: `${label}：特殊日期的范围不能超过一年` });
    }
    const spans: [number, number, number][] = [];
    exception.intervals.forEach((interval, index) => {
      const problem = intervalProblem(interval);
      if (problem) problems.push({ path: ['exceptions', e, 'intervals', index], message: `${label} 第 ${index + 1} 段：${problem}` });
      else spans.push([...intervalSpan(interval), index]);
    });
    spans.sort((a, b) => a[0] - b[0]);
    let furthest = spans[0];
    for (const cur of spans.slice(1)) {
      if (furthest && cur[0] < furthest[1]) {
        problems.push({
          path: ['exceptions', e, 'intervals', cur[2]],
          message: `${label} 第 ${cur[2] + 1} 段与第 ${furthest[2] + 1} 段时间重叠`,
        });
      }
      if (!furthest || cur[1] > furthest[1]) furthest = cur;
    }
    for (let other = 0; other < e; other += 1) {
      const o = hours.exceptions[other]!;
      if (exception.from <= o.to && o.from <= exception.to) {
        problems.push({ path: ['exceptions', e, 'from'], message: `${label} 与另一条特殊日期（${o.from} 至 ${o.to}）重叠` });
        break;
      }
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Open now (现在开放吗).

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of the Shanghai calendar date. */
function dayIndexOf(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);
}
function dateOfDayIndex(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
function weekdayOfDayIndex(day: number): Weekday {
  // 1970-01-01 was a Thursday.
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7]!;
}
/** Absolute minute on the Shanghai wall clock to an ISO string with its +08:00 offset. */
function isoOfMinute(minute: number): string {
  const day = Math.floor(minute / MINUTES_PER_DAY);
  const m = minute - day * MINUTES_PER_DAY;
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `${dateOfDayIndex(day)}T${hh}:${mm}:00+08:00`;
}

export interface ShanghaiClock {
  date: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minuteOfDay: number;
  dayIndex: number;
  minute: number;
}

export function shanghaiClock(now: Date): ShanghaiClock {
  const localMs = now.getTime() + SHANGHAI_OFFSET_MS;
  const minute = Math.floor(localMs / 60_000);
  const dayIndex = Math.floor(localMs / DAY_MS);
  return {
    date: dateOfDayIndex(dayIndex),
    weekday: weekdayOfDayIndex(dayIndex),
    minuteOfDay: minute - dayIndex * MINUTES_PER_DAY,
    dayIndex,
    minute,
  };
}

export interface DayRule {
  date: string;
  weekday: Weekday;
  /** null: the day's hours are not known. */
  intervals: Interval[] | null;
  /** The exception that replaced the weekly hours on this date, if any. */
  exception: DateException | null;
}

export function ruleForDate(hours: OpeningHours, date: string): DayRule {
  const day = dayIndexOf(date);
  const weekday = weekdayOfDayIndex(day);
  const exception = hours.exceptions.find((e) => e.from <= date && date <= e.to) ?? null;
  return { date, weekday, intervals: exception ? exception.intervals : hours.weekly[weekday], exception };
}

/** Open spans in absolute Shanghai minutes for the days [fromDay, toDay], merged where they touch. */
function openSpans(hours: OpeningHours, fromDay: number, toDay: number): [number, number][] {
  const spans: [number, number][] = [];
  for (let day = fromDay; day <= toDay; day += 1) {
    for (const interval of ruleForDate(hours, dateOfDayIndex(day)).intervals ?? []) {
      const [start, end] = intervalSpan(interval);
      spans.push([day * MINUTES_PER_DAY + start, day * MINUTES_PER_DAY + end]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

export type OpenState = 'open' | 'closing_soon' | 'closed' | 'unknown';

export interface OpenStatus {
  state: OpenState;
  /** When the current opening ends; null when closed, unknown, or open round the clock for the next week. */
  closesAt: string | null;
  /** When it opens next; null when open, unknown, or not within the next week. */
  nextOpensAt: string | null;
  /** Open round the clock for the whole coming week. */
  alwaysOpen: boolean;
  /** The temporary closure in force now, if any. */
  closure: TemporaryClosure | null;
  /** Today's rule on the Shanghai calendar. Null when the hours are unknown. */
  today: DayRule | null;
}

/** "Closing soon" starts this many minutes before closing. */
export const CLOSING_SOON_MINUTES = 30;
const LOOKAHEAD_DAYS = 8;

export function openStatus(
  station: { hours: OpeningHours | null; closure: TemporaryClosure | null },
  now: Date = new Date(),
): OpenStatus {
  const clock = shanghaiClock(now);
  const { hours } = station;
  const closure = activeClosure(station.closure, now);
  if (!hours) {
    // Hours unknown, but a closure in force is known: closed, whatever the hours would have said.
    return { state: closure ? 'closed' : 'unknown', closesAt: null, nextOpensAt: null, alwaysOpen: false, closure, today: null };
  }
  const today = ruleForDate(hours, clock.date);
  // The previous day is included for its overnight spill into today. A temporary closure, whether in
  // force now or announced for later, is cut out of the openings: the station is closed from `since`
  // until `until` (for good when `until` is null), whatever the hours say.
  const spans = withoutClosure(openSpans(hours, clock.dayIndex - 1, clock.dayIndex + LOOKAHEAD_DAYS), station.closure);
  const horizon = (clock.dayIndex + LOOKAHEAD_DAYS) * MINUTES_PER_DAY;

  const current = spans.find((s) => s[0] <= clock.minute && clock.minute < s[1]);
  // Not inside a known opening on a day whose hours nobody has given: unknown, never "closed".
  if (!current && today.intervals === null) {
    return { state: closure ? 'closed' : 'unknown', closesAt: null, nextOpensAt: null, alwaysOpen: false, closure, today };
  }
  if (current) {
    const alwaysOpen = current[1] >= horizon && current[0] <= clock.dayIndex * MINUTES_PER_DAY;
    const closesAt = current[1] >= horizon ? null : isoOfMinute(current[1]);
    const soon = current[1] - clock.minute <= CLOSING_SOON_MINUTES && current[1] < horizon;
    return { state: soon ? 'closing_soon' : 'open', closesAt, nextOpensAt: null, alwaysOpen, closure: null, today };
  }
  const next = spans.find((s) => s[0] > clock.minute);
  return { state: 'closed', closesAt: null, nextOpensAt: next ? isoOfMinute(next[0]) : null, alwaysOpen: false, closure, today };
}

/** Openings minus the closure's time: [since, until), or from since on when until is null. */
function withoutClosure(spans: [number, number][], closure: TemporaryClosure | null): [number, number][] {
  if (!closure) return spans;
  // Minutes on the Shanghai wall clock; a closure starting mid-minute starts at that minute.
  const from = shanghaiClock(new Date(closure.since)).minute;
  const to = closure.until ? Math.ceil((Date.parse(closure.until) + SHANGHAI_OFFSET_MS) / 60_000) : Infinity;
  if (to <= from) return spans;
  const out: [number, number][] = [];
  for (const [start, end] of spans) {
    if (end <= from || start >= to) out.push([start, end]);
    else {
      if (start < from) out.push([start, from]);
      if (end > to) out.push([to, end]);
    }
  }
  return out;
}

function activeClosure(closure: TemporaryClosure | null, now: Date): TemporaryClosure | null {
  if (!closure) return null;
  const t = now.getTime();
  if (Date.parse(closure.since) > t) return null;
  if (closure.until && Date.parse(closure.until) <= t) return null;
  return closure;
}

// ---------------------------------------------------------------------------------------------------
// Words for people.

export function intervalText(interval: Interval): string {
  if (interval.open === '00:00' && interval.close === '24:00') return '24 小时';
  return `${interval.open}–${interval.overnight ? '次日' : ''}${interval.close}`;
}

export function intervalsText(intervals: Interval[] | null): string {
  if (intervals === null) return '未知';
  if (intervals.length === 0) return '休息';
  return intervals.map(intervalText).join('、');
}

/** "今日 08:30–12:00、13:00–17:30" style text for list rows. */
export function todayHoursText(status: OpenStatus): string {
  if (!status.today) return '开放时间未知';
  if (status.alwaysOpen) return '24 小时开放';
  if (status.today.intervals === null) return '今日开放时间未知';
  return status.today.intervals.length === 0 ? '今日休息' : `今日 ${intervalsText(status.today.intervals)}`;
}

function clockText(iso: string, now: Date): string {
  const target = shanghaiClock(new Date(iso));
  const today = shanghaiClock(now);
  const hhmm = iso.slice(11, 16);
  const diff = target.dayIndex - today.dayIndex;
  if (diff === 0) return hhmm;
  if (diff === 1) return `明天 ${hhmm}`;
  if (diff === 2) return `后天 ${hhmm}`;
  return `${WEEKDAY_LABELS[target.weekday]} ${hhmm}`;
}

/** "暂停开放：装修 · 预计 12月20日 08:00 恢复" (or "恢复时间待定"): why it is closed and until when. */
export function closureText(closure: TemporaryClosure, now: Date = new Date()): string {
  if (!closure.until) return `暂停开放：${closure.reason} · 恢复时间待定`;
  const until = shanghaiClock(new Date(closure.until));
  const days = until.dayIndex - shanghaiClock(now).dayIndex;
  const when = days <= 2 ? clockText(closure.until, now) : `${Number(until.date.slice(5, 7))}月${Number(until.date.slice(8, 10))}日 ${closure.until.slice(11, 16)}`;
  return `暂停开放：${closure.reason} · 预计 ${when} 恢复`;
}

/** The badge: "营业中", "即将关门 17:30", "已关门 · 明天 08:00 开门", "暂停开放". */
export function openStatusLabel(status: OpenStatus, now: Date = new Date()): string {
  switch (status.state) {
    case 'unknown':
      return '开放时间未知';
    case 'open':
      if (status.alwaysOpen) return '24 小时开放';
      return status.closesAt ? `开放中 · ${clockText(status.closesAt, now)} 关门` : '开放中';
    case 'closing_soon':
      return `即将关门 · ${clockText(status.closesAt ?? '', now)}`;
    case 'closed': {
      const prefix = status.closure ? '暂停开放' : '已关门';
      return status.nextOpensAt ? `${prefix} · ${clockText(status.nextOpensAt, now)} 开门` : prefix;
    }
  }
}

/** A week with the same hours Monday to Friday, and the same (other) hours on Saturday and Sunday. */
export function weekOf(weekday: Interval[], weekend: Interval[]): OpeningHours['weekly'] {
  return { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: weekend, sun: weekend };
}

/** Hours that are open round the clock every day. */
export function alwaysOpenHours(): OpeningHours {
  const day = [{ open: '00:00', close: '24:00' }];
  return { weekly: weekOf(day, day), exceptions: [] };
}
