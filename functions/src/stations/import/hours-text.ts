import {
  hoursProblems,
  WEEKDAYS,
  WEEKDAY_LABELS,
  type DateException,
  type Interval,
  type OpeningHours,
  type Weekday,
} from '@yz/shared';

/**
 * Opening hours as station lists write them, and back.
 *
 * Read: "周一至周五 08:30-12:00,13:00-17:30", "07:30-22:30", "24小时", "全天", "工作日 8点-17点半",
 * "周六、日 休息", "22:00-次日06:00", "2026-10-01至2026-10-07 休息（国庆节）", in full-width or
 * half-width characters. What cannot be read exactly ("工作日开放", "节假日除外", "10月1日起") is
 * refused with the reason, and the caller keeps the text as a note: hours are never guessed.
 *
 * Write: `formatHoursText` writes hours in the same form, so what an export writes an import reads
 * back to the very same hours.
 */

export type HoursTextResult = { ok: true; hours: OpeningHours; notes: string[] } | { ok: false; reason: string };

// ---------------------------------------------------------------------------------------------------
// Reading.

/**
 * Full-width ASCII to ASCII and the dashes and waves people type to '-' and '~', one character for
 * one character, so a position in the normalised text is the same position in the original.
 */
function normalise(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000 || ch === '\t' || ch === '\n' || ch === '\r') out += ' ';
    else if ('—–―－‐‑'.includes(ch)) out += '-';
    else if ('〜～'.includes(ch)) out += '~';
    else out += ch;
  }
  return out;
}

const DAY_CHARS: Record<string, Weekday> = { 一: 'mon', 二: 'tue', 三: 'wed', 四: 'thu', 五: 'fri', 六: 'sat', 日: 'sun', 天: 'sun', 七: 'sun' };
const DAY_PREFIX = /^(?:周|星期|礼拜)/;
const RANGE_WORD = /^\s*(?:至|到|-|~)\s*/;
const ALL_DAYS = [...WEEKDAYS];

interface DaySpec {
  days: Weekday[];
  /** 每天 / 全年: a default that a later, more specific group may replace. */
  generic: boolean;
  end: number;
}

const DAY_WORDS: [RegExp, Weekday[], boolean][] = [
  [/^(?:每天|每日|天天|全年|全周|全年无休|一周七天|7天)/, ALL_DAYS, true],
  [/^(?:工作日)/, ['mon', 'tue', 'wed', 'thu', 'fri'], false],
  [/^(?:周末|双休日)/, ['sat', 'sun'], false],
];

function dayRange(from: Weekday, to: Weekday): Weekday[] {
  const a = WEEKDAYS.indexOf(from);
  const b = WEEKDAYS.indexOf(to);
  const days: Weekday[] = [];
  // 周五至周一 wraps over the weekend.
  for (let i = a; ; i = (i + 1) % 7) {
    days.push(WEEKDAYS[i]!);
    if (i === b) break;
  }
  return days;
}

function readDays(s: string, pos: number): DaySpec | null {
  const rest = s.slice(pos);
  for (const [pattern, days, generic] of DAY_WORDS) {
    const m = pattern.exec(rest);
    if (m) return { days, generic, end: pos + m[0].length };
  }
  const first = DAY_PREFIX.exec(rest);
  if (!first || !DAY_CHARS[rest[first[0].length] ?? '']) return null;
  const days: Weekday[] = [];
  let i = pos + first[0].length;
  for (;;) {
    // One or more day characters: 周六日 is Saturday and Sunday.
    let last: Weekday | null = null;
    while (DAY_CHARS[s[i] ?? '']) {
      last = DAY_CHARS[s[i]!]!;
      days.push(last);
      i += 1;
    }
    if (!last) return null;
    const range = RANGE_WORD.exec(s.slice(i));
    if (range) {
      const after = s.slice(i + range[0].length);
      const prefix = DAY_PREFIX.exec(after)?.[0] ?? '';
      const to = DAY_CHARS[after[prefix.length] ?? ''];
      if (to) {
        days.pop();
        days.push(...dayRange(last, to));
        i += range[0].length + prefix.length + 1;
      }
    }
    // 周一、三、五 or 周一、周三: another day follows the separator.
    const more = /^\s*[、,]\s*/.exec(s.slice(i));
    if (!more) break;
    const after = s.slice(i + more[0].length);
    const prefix = DAY_PREFIX.exec(after)?.[0] ?? '';
    if (!DAY_CHARS[after[prefix.length] ?? '']) break;
    i += more[0].length + prefix.length;
  }
  return { days: [...new Set(days)], generic: false, end: i };
}

interface ParsedTime {
  minutes: number;
  end: number;
  /** Said with 下午 / 晚上: an hour below 12 was moved to the afternoon. */
  afternoon: boolean;
  /** Said with any period word (上午, 下午…). */
  period: boolean;
}

/** 8:30, 08:30, 8点, 8点半, 8点30分, with 上午 / 下午 / 晚上 read the way people mean them. */
function readTime(s: string, pos: number): ParsedTime | null {
  const m = /^(上午|早上|中午|下午|晚上|傍晚)?\s*(\d{1,2})(?::(\d{2})|点(?:(\d{1,2})分?|(半))?)/.exec(s.slice(pos));
  if (!m) return null;
  let hour = Number(m[2]);
  const minute = m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? Number(m[4]) : m[5] ? 30 : 0;
  const afternoon = m[1] === '下午' || m[1] === '晚上' || m[1] === '傍晚';
  if (afternoon && hour < 12) hour += 12;
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return null;
  return { minutes: hour * 60 + minute, end: pos + m[0].length, afternoon, period: m[1] !== undefined };
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

interface ParsedRange {
  interval: Interval;
  note: string | null;
  end: number;
}

function readRange(s: string, pos: number): ParsedRange | { error: string } | null {
  const open = readTime(s, pos);
  if (!open) return null;
  const sep = RANGE_WORD.exec(s.slice(open.end));
  if (!sep) return null;
  let i = open.end + sep[0].length;
  const nextDay = /^(次日|翌日|第二天)\s*/.exec(s.slice(i));
  if (nextDay) i += nextDay[0].length;
  const close = readTime(s, i);
  if (!close) return null;
  // 下午2:00-5:30: the afternoon carries over to a closing time said without a period of its own.
  if (open.afternoon && !close.period && !nextDay && close.minutes < 12 * 60 && close.minutes + 12 * 60 > open.minutes) close.minutes += 12 * 60;
  const text = s.slice(pos, close.end);
  if (open.minutes >= 24 * 60) return { error: `“${text}”的开始时间不对` };
  if (nextDay) {
    return { interval: { open: hhmm(open.minutes), close: hhmm(close.minutes), overnight: true }, note: null, end: close.end };
  }
  if (close.minutes === open.minutes) return { error: `“${text}”的开始和结束时间相同` };
  if (close.minutes < open.minutes) {
    // 22:00-06:00 can only mean until six the next morning.
    return {
      interval: { open: hhmm(open.minutes), close: hhmm(close.minutes), overnight: true },
      note: `“${text}”按跨夜理解（次日 ${hhmm(close.minutes)} 结束）`,
      end: close.end,
    };
  }
  return { interval: { open: hhmm(open.minutes), close: hhmm(close.minutes) }, note: null, end: close.end };
}

const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;

function isoDate(y: string, m: string, d: string): string | null {
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso ? null : iso;
}

interface DateSpec {
  from: string;
  to: string;
  end: number;
}

/** 2026-10-01, 2026年10月1日, 2026/10/1, and ranges of them (至 / 到 / - / ~), the second year optional. */
function readDates(s: string, pos: number): DateSpec | { error: string } | null {
  const a = DATE.exec(s.slice(pos));
  if (!a) return null;
  const from = isoDate(a[1]!, a[2]!, a[3]!);
  if (!from) return { error: `日期“${a[0].trim()}”不存在` };
  let end = pos + a[0].length;
  let to = from;
  const sep = RANGE_WORD.exec(s.slice(end));
  if (sep) {
    const after = s.slice(end + sep[0].length);
    const b = DATE.exec(after) ?? /^()(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/.exec(after);
    if (b && !/^\d{1,2}:/.test(after)) {
      const iso = isoDate(b[1] || a[1]!, b[2]!, b[3]!);
      if (!iso) return { error: `日期“${b[0].trim()}”不存在` };
      to = iso;
      end += sep[0].length + b[0].length;
    }
  }
  return { from, to, end };
}

const ALL_DAY = /^(?:全天24小时|全天候?|24\s*小时|24\s*h|二十四小时|00:00\s*[-~至到]\s*24:00)(?:开放|营业|服务|运营)?/i;
const CLOSED = /^(?:休息|闭馆|休馆|不开放|关闭|闭店|不营业|停止开放|暂停开放|停业)/;
/** Words that add nothing: "开放时间：", "营业", a trailing "开放". */
const FILLER = /^(?:(?:开放|营业|服务|办公|运营)时间\s*[:：]?|开放|营业|服务|对外开放|:)/;
const SEPARATOR = /^(?:[,;、/|\s]|和|及|以及)+/;

interface Group {
  days: Weekday[] | null;
  generic: boolean;
  dates: { from: string; to: string } | null;
  intervals: Interval[];
  hasBody: boolean;
  /** Said to be closed (休息): no times may follow. */
  closed?: boolean;
  /** The days or dates as written, for messages. */
  label?: string;
  reason?: string;
}

export function parseHoursText(raw: string): HoursTextResult {
  const original = raw.trim();
  if (original === '') return { ok: false, reason: '开放时间为空' };
  const s = normalise(original);
  const groups: Group[] = [];
  const notes: string[] = [];
  let group: Group | null = null;
  const open = (g: Omit<Group, 'intervals' | 'hasBody'>) => {
    group = { ...g, intervals: [], hasBody: false };
    groups.push(group);
    return group;
  };
  const unreadable = (pos: number) => ({ ok: false as const, reason: `无法识别“${original.slice(pos, pos + 12)}${original.length > pos + 12 ? '…' : ''}”` });

  let pos = 0;
  while (pos < s.length) {
    const rest = s.slice(pos);
    const sep = SEPARATOR.exec(rest);
    if (sep) {
      pos += sep[0].length;
      continue;
    }
    const filler = FILLER.exec(rest);
    if (filler) {
      pos += filler[0].length;
      continue;
    }
    const current = group as Group | null;
    // A reason in brackets belongs to the date group just read: 2026-10-01 休息（国庆节）.
    const bracket = /^\(([^()]{1,40})\)/.exec(rest);
    if (bracket) {
      if (!current?.dates || !current.hasBody || current.reason !== undefined) return { ok: false, reason: `括号中的说明“${original.slice(pos + 1, pos + bracket[0].length - 1)}”无法换算成开放时间` };
      current.reason = original.slice(pos + 1, pos + bracket[0].length - 1).trim();
      pos += bracket[0].length;
      continue;
    }
    const dates = readDates(s, pos);
    if (dates && 'error' in dates) return { ok: false, reason: dates.error };
    if (dates) {
      open({ days: null, generic: false, dates: { from: dates.from, to: dates.to }, label: original.slice(pos, dates.end).trim() });
      pos = dates.end;
      continue;
    }
    const all = ALL_DAY.exec(rest);
    if (all) {
      const g = current && !current.hasBody ? current : open({ days: null, generic: true, dates: null });
      if (g.closed) return unreadable(pos);
      g.intervals.push({ open: '00:00', close: '24:00' });
      g.hasBody = true;
      pos += all[0].length;
      continue;
    }
    const days = readDays(s, pos);
    if (days) {
      open({ days: days.days, generic: days.generic, dates: null, label: original.slice(pos, days.end).trim() });
      pos = days.end;
      continue;
    }
    const closed = CLOSED.exec(rest);
    if (closed) {
      if (!current || current.hasBody) return { ok: false, reason: `“${original.slice(pos, pos + closed[0].length)}”没有说明是哪几天` };
      current.hasBody = true;
      current.closed = true;
      pos += closed[0].length;
      continue;
    }
    const range = readRange(s, pos);
    if (range && 'error' in range) return { ok: false, reason: range.error };
    if (range) {
      const g = current ?? open({ days: null, generic: true, dates: null });
      if (g.closed) return { ok: false, reason: `同一天既写了休息又写了“${original.slice(pos, range.end)}”` };
      g.intervals.push(range.interval);
      g.hasBody = true;
      if (range.note) notes.push(range.note);
      pos = range.end;
      continue;
    }
    return unreadable(pos);
  }
  if (groups.length === 0) return { ok: false, reason: '没有找到开放时间' };
  const bodiless = groups.find((g) => !g.hasBody);
  if (bodiless) {
    return { ok: false, reason: `“${bodiless.label ?? ''}”没有写具体的开放时间` };
  }
  if (groups.every((g) => g.dates)) return { ok: false, reason: '只写了特殊日期，没有写每周的开放时间' };

  // Weekly hours: generic groups (每天, or times with no days) first, then specific days replace them;
  // a day named twice gets both groups' intervals. Days never named are closed.
  const weekly = Object.fromEntries(WEEKDAYS.map((d) => [d, [] as Interval[]])) as Record<Weekday, Interval[]>;
  const setBy = new Map<Weekday, 'generic' | 'specific'>();
  const weeklyGroups = groups.filter((g) => !g.dates);
  for (const g of [...weeklyGroups.filter((x) => x.generic), ...weeklyGroups.filter((x) => !x.generic)]) {
    const kind = g.generic ? 'generic' : 'specific';
    for (const day of g.days ?? ALL_DAYS) {
      if (setBy.get(day) === kind) weekly[day] = [...weekly[day], ...g.intervals];
      else weekly[day] = [...g.intervals];
      setBy.set(day, kind);
    }
  }
  const namedAllDays = weeklyGroups.some((g) => g.generic);
  if (!namedAllDays && WEEKDAYS.every((d) => weekly[d].length === 0)) {
    return { ok: false, reason: '只写了休息日，没有写开放的日子和时间' };
  }
  const exceptions: DateException[] = groups
    .filter((g) => g.dates)
    .map((g) => ({ from: g.dates!.from, to: g.dates!.to, intervals: g.intervals, ...(g.reason ? { reason: g.reason } : {}) }));
  const hours: OpeningHours = { weekly, exceptions };
  const problems = hoursProblems(hours);
  if (problems.length > 0) return { ok: false, reason: problems[0]!.message };
  return { ok: true, hours, notes };
}

// ---------------------------------------------------------------------------------------------------
// Writing.

function rangeText(interval: Interval): string {
  return `${interval.open}-${interval.overnight ? '次日' : ''}${interval.close}`;
}

function intervalsText(intervals: Interval[]): string {
  return intervals.length === 0 ? '休息' : intervals.map(rangeText).join(',');
}

/** 周一至周五, 周六、周日, 周一、周三至周五. */
function daysText(days: Weekday[]): string {
  const indexes = days.map((d) => WEEKDAYS.indexOf(d)).sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const i of indexes) {
    const last = runs[runs.length - 1];
    if (last && i === last[1] + 1) last[1] = i;
    else runs.push([i, i]);
  }
  return runs
    .map(([a, b]) => {
      const from = WEEKDAY_LABELS[WEEKDAYS[a]!];
      const to = WEEKDAY_LABELS[WEEKDAYS[b]!];
      if (a === b) return from;
      return b === a + 1 ? `${from}、${to}` : `${from}至${to}`;
    })
    .join('、');
}

const sameIntervals = (a: Interval[], b: Interval[]) => intervalsText(a) === intervalsText(b);

/**
 * The hours in the form `parseHoursText` reads back to exactly these hours. A day nobody has given is
 * left out: lists read "周一至周五 …" as closed at the weekend, so a week with unknown days reads back
 * with those days closed. The export says only what is known.
 */
export function formatHoursText(hours: OpeningHours): string {
  const known = WEEKDAYS.filter((d) => hours.weekly[d] !== null);
  const weeklyOf = (d: Weekday) => hours.weekly[d] ?? [];
  const days = known.map(weeklyOf);
  const parts: string[] = [];
  const allSame = known.length === WEEKDAYS.length && days.every((d) => sameIntervals(d, days[0]!));
  const roundTheClock = allSame && days[0]!.length === 1 && days[0]![0]!.open === '00:00' && days[0]![0]!.close === '24:00' && !days[0]![0]!.overnight;
  if (roundTheClock) parts.push('24小时');
  else if (allSame) parts.push(`每天 ${intervalsText(days[0]!)}`);
  else {
    const done = new Set<Weekday>();
    for (const day of known) {
      if (done.has(day)) continue;
      const group = known.filter((d) => !done.has(d) && sameIntervals(weeklyOf(d), weeklyOf(day)));
      group.forEach((d) => done.add(d));
      parts.push(`${daysText(group)} ${intervalsText(weeklyOf(day))}`);
    }
  }
  for (const e of hours.exceptions) {
    const when = e.from === e.to ? e.from : `${e.from}至${e.to}`;
    // Brackets inside a reason would end it early when read back.
    const reason = e.reason ? `（${e.reason.replace(/[()（）]/g, ' ').trim()}）` : '';
    parts.push(`${when} ${intervalsText(e.intervals)}${reason}`);
  }
  return parts.join('；');
}
