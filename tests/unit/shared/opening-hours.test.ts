import {
  CLOSING_SOON_MINUTES,
  OpeningHours,
  alwaysOpenHours,
  closureText,
  unknownWeekdays,
  hoursProblems,
  intervalText,
  intervalsText,
  openStatus,
  openStatusLabel,
  shanghaiClock,
  todayHoursText,
  weekOf,
  type Interval,
  type OpenStatus,
  type TemporaryClosure,
  type WeeklyHours,
} from '@yz/shared';

// The week used throughout: 2026-11-23 is a Monday, 11-27 a Friday, 11-28 a Saturday, 11-29 a Sunday.

/** A Shanghai wall-clock time, e.g. at('2026-11-23 08:00'). */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
/** The ISO string openStatus uses for a Shanghai wall-clock time. */
const iso = (local: string) => `${local.replace(' ', 'T')}:00+08:00`;

const span = (open: string, close: string, overnight?: boolean): Interval => (overnight ? { open, close, overnight } : { open, close });
const closedWeek = (): WeeklyHours => ({ mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
const everyDay = (intervals: Interval[]): WeeklyHours => weekOf(intervals, intervals);
const hours = (weekly: Partial<WeeklyHours>, exceptions: OpeningHours['exceptions'] = []): OpeningHours =>
  OpeningHours.parse({ weekly: { ...closedWeek(), ...weekly }, exceptions });

const status = (h: OpeningHours | null, now: Date, closure: TemporaryClosure | null = null) => openStatus({ hours: h, closure }, now);
/** The three fields that say what a worker sees. */
const summary = (s: OpenStatus) => ({ state: s.state, closesAt: s.closesAt, nextOpensAt: s.nextOpensAt });

const office = () => {
  const day = [span('09:00', '17:00')];
  return hours({ mon: day, tue: day, wed: day, thu: day, fri: day });
};

describe('openStatus on plain days', () => {
  it.each([
    ['Monday 08:59', 'closed', null, '2026-11-23 09:00'],
    ['Monday 09:00', 'open', '2026-11-23 17:00', null],
    ['Monday 16:29', 'open', '2026-11-23 17:00', null],
    ['Monday 16:30', 'closing_soon', '2026-11-23 17:00', null],
    ['Monday 16:59', 'closing_soon', '2026-11-23 17:00', null],
    ['Monday 17:00', 'closed', null, '2026-11-24 09:00'],
    ['Friday 17:00', 'closed', null, '2026-11-30 09:00'],
    ['Saturday 12:00', 'closed', null, '2026-11-30 09:00'],
  ])('%s: %s', (when, state, closesAt, nextOpensAt) => {
    const local = when
      .replace('Monday', '2026-11-23')
      .replace('Friday', '2026-11-27')
      .replace('Saturday', '2026-11-28');
    expect(summary(status(office(), at(local)))).toEqual({
      state,
      closesAt: closesAt && iso(closesAt),
      nextOpensAt: nextOpensAt && iso(nextOpensAt),
    });
  });

  it('reports the rule of the day, with no exception, and is not open round the clock', () => {
    const s = status(office(), at('2026-11-28 12:00'));
    expect(s.today).toEqual({ date: '2026-11-28', weekday: 'sat', intervals: [], exception: null });
    expect(s.alwaysOpen).toBe(false);
    expect(s.closure).toBeNull();
  });

  it('starts "closing soon" exactly CLOSING_SOON_MINUTES before closing', () => {
    expect(CLOSING_SOON_MINUTES).toBe(30);
    const closing = new Date(at('2026-11-23 17:00').getTime() - CLOSING_SOON_MINUTES * 60_000);
    expect(status(office(), closing).state).toBe('closing_soon');
    expect(status(office(), new Date(closing.getTime() - 60_000)).state).toBe('open');
  });
});

describe('openStatus on split days (08:00–12:00, 14:00–18:00)', () => {
  const split = hours(everyDay([span('08:00', '12:00'), span('14:00', '18:00')]));
  it.each([
    ['07:59', 'closed', null, '2026-11-24 08:00'],
    ['08:00', 'open', '2026-11-24 12:00', null],
    ['08:01', 'open', '2026-11-24 12:00', null],
    ['11:59', 'closing_soon', '2026-11-24 12:00', null],
    ['12:00', 'closed', null, '2026-11-24 14:00'],
    ['12:01', 'closed', null, '2026-11-24 14:00'],
    ['13:59', 'closed', null, '2026-11-24 14:00'],
    ['14:00', 'open', '2026-11-24 18:00', null],
    ['14:01', 'open', '2026-11-24 18:00', null],
    ['17:59', 'closing_soon', '2026-11-24 18:00', null],
    ['18:00', 'closed', null, '2026-11-25 08:00'],
    ['18:01', 'closed', null, '2026-11-25 08:00'],
  ])('Tuesday %s: %s', (time, state, closesAt, nextOpensAt) => {
    expect(summary(status(split, at(`2026-11-24 ${time}`)))).toEqual({
      state,
      closesAt: closesAt && iso(closesAt),
      nextOpensAt: nextOpensAt && iso(nextOpensAt),
    });
  });

  it('treats intervals that touch as one opening', () => {
    const touching = hours(everyDay([span('08:00', '12:00'), span('12:00', '18:00')]));
    expect(summary(status(touching, at('2026-11-24 11:45')))).toEqual({ state: 'open', closesAt: iso('2026-11-24 18:00'), nextOpensAt: null });
  });
});

describe('openStatus across midnight', () => {
  const fridayNight = (exceptions: OpeningHours['exceptions'] = []) => hours({ fri: [span('22:00', '06:00', true)] }, exceptions);
  const saturdayHoliday = [{ from: '2026-11-28', to: '2026-11-28', intervals: [], reason: '调休' }];

  it.each([
    ['2026-11-27 21:59', 'closed', null, '2026-11-27 22:00'],
    ['2026-11-27 22:00', 'open', '2026-11-28 06:00', null],
    ['2026-11-28 00:00', 'open', '2026-11-28 06:00', null],
    ['2026-11-28 05:29', 'open', '2026-11-28 06:00', null],
    ['2026-11-28 05:30', 'closing_soon', '2026-11-28 06:00', null],
    ['2026-11-28 05:59', 'closing_soon', '2026-11-28 06:00', null],
    ['2026-11-28 06:00', 'closed', null, '2026-12-04 22:00'],
  ])('Friday 22:00–06:00 at %s: %s', (local, state, closesAt, nextOpensAt) => {
    const expected = { state, closesAt: closesAt && iso(closesAt), nextOpensAt: nextOpensAt && iso(nextOpensAt) };
    expect(summary(status(fridayNight(), at(local)))).toEqual(expected);
    // The night belongs to Friday: a holiday on Saturday does not cut it short.
    expect(summary(status(fridayNight(saturdayHoliday), at(local)))).toEqual(expected);
  });

  it('reports Saturday as the day, with its holiday, while Friday night is still open', () => {
    const s = status(fridayNight(saturdayHoliday), at('2026-11-28 05:59'));
    expect(s.state).toBe('closing_soon');
    expect(s.today).toMatchObject({ date: '2026-11-28', weekday: 'sat', intervals: [], exception: { reason: '调休' } });
  });

  it('a closure exception on Friday removes the night that starts on Friday', () => {
    const fridayOff = fridayNight([{ from: '2026-11-27', to: '2026-11-27', intervals: [] }]);
    expect(summary(status(fridayOff, at('2026-11-28 01:00')))).toEqual({ state: 'closed', closesAt: null, nextOpensAt: iso('2026-12-04 22:00') });
  });

  it('a night that runs into a day opening merges with it', () => {
    const h = hours({ fri: [span('22:00', '06:00', true)], sat: [span('06:00', '10:00')] });
    expect(summary(status(h, at('2026-11-28 05:45')))).toEqual({ state: 'open', closesAt: iso('2026-11-28 10:00'), nextOpensAt: null });
  });
});

describe('openStatus round the clock', () => {
  it('is open with no closing time when open every hour of every day', () => {
    const s = status(alwaysOpenHours(), at('2026-11-23 23:59'));
    expect(s).toMatchObject({ state: 'open', alwaysOpen: true, closesAt: null, nextOpensAt: null });
    expect(todayHoursText(s)).toBe('24 小时开放');
    expect(openStatusLabel(s, at('2026-11-23 23:59'))).toBe('24 小时开放');
  });

  it('is not "always open" when a day of the coming week is closed, and closes at that midnight', () => {
    const h = hours({ ...everyDay([span('00:00', '24:00')]), sun: [] });
    const monday = status(h, at('2026-11-23 10:00'));
    expect(monday).toMatchObject({ state: 'open', alwaysOpen: false, closesAt: iso('2026-11-29 00:00') });
    expect(openStatusLabel(monday, at('2026-11-23 10:00'))).toBe('开放中 · 周日 00:00 关门');
    const saturdayNight = status(h, at('2026-11-28 23:45'));
    expect(summary(saturdayNight)).toEqual({ state: 'closing_soon', closesAt: iso('2026-11-29 00:00'), nextOpensAt: null });
    expect(openStatusLabel(saturdayNight, at('2026-11-28 23:45'))).toBe('即将关门 · 明天 00:00');
  });

  it('does not call midnight between two whole days "closing soon"', () => {
    const h = hours({ mon: [span('00:00', '24:00')], tue: [span('00:00', '24:00')] });
    expect(summary(status(h, at('2026-11-23 23:50')))).toEqual({ state: 'open', closesAt: iso('2026-11-25 00:00'), nextOpensAt: null });
  });
});

describe('openStatus with date exceptions', () => {
  const goldenWeek = { from: '2026-10-01', to: '2026-10-07', intervals: [], reason: '国庆' };
  const shortDay = { from: '2026-10-08', to: '2026-10-08', intervals: [span('10:00', '15:00')], reason: '节后调整' };
  const h = () => hours(office().weekly, [goldenWeek, shortDay]);

  it('is closed on a holiday that falls on a working day and says when it reopens', () => {
    const s = status(h(), at('2026-10-05 10:00')); // a Monday
    expect(summary(s)).toEqual({ state: 'closed', closesAt: null, nextOpensAt: iso('2026-10-08 10:00') });
    expect(s.today).toMatchObject({ date: '2026-10-05', weekday: 'mon', intervals: [], exception: { reason: '国庆' } });
    expect(todayHoursText(s)).toBe('今日休息');
  });

  it('uses the special hours on their date instead of the weekly ones', () => {
    expect(summary(status(h(), at('2026-10-08 09:30')))).toEqual({ state: 'closed', closesAt: null, nextOpensAt: iso('2026-10-08 10:00') });
    expect(summary(status(h(), at('2026-10-08 14:30')))).toEqual({ state: 'closing_soon', closesAt: iso('2026-10-08 15:00'), nextOpensAt: null });
    expect(summary(status(h(), at('2026-10-08 15:00')))).toEqual({ state: 'closed', closesAt: null, nextOpensAt: iso('2026-10-09 09:00') });
    expect(todayHoursText(status(h(), at('2026-10-08 12:00')))).toBe('今日 10:00–15:00');
  });

  it('goes back to the weekly hours after the exception', () => {
    expect(summary(status(h(), at('2026-10-09 16:00')))).toEqual({ state: 'open', closesAt: iso('2026-10-09 17:00'), nextOpensAt: null });
  });
});

describe('openStatus with a temporary closure', () => {
  const now = at('2026-11-24 10:00'); // Tuesday, inside the office hours

  it('is closed with no reopening time when none is known', () => {
    const closure = { reason: '装修', since: '2026-11-20T08:00:00+08:00', until: null };
    const s = status(office(), now, closure);
    expect(s).toMatchObject({ state: 'closed', closesAt: null, nextOpensAt: null, closure });
    expect(openStatusLabel(s, now)).toBe('暂停开放');
  });

  it('reopens at the first opening after `until` when `until` falls outside the hours', () => {
    const closure = { reason: '停电检修', since: '2026-11-24T08:00:00+08:00', until: '2026-11-24T20:00:00+08:00' };
    const s = status(office(), now, closure);
    expect(summary(s)).toEqual({ state: 'closed', closesAt: null, nextOpensAt: iso('2026-11-25 09:00') });
    expect(openStatusLabel(s, now)).toBe('暂停开放 · 明天 09:00 开门');
  });

  it('reopens at `until` itself when that is within the hours', () => {
    const closure = { reason: '临时消杀', since: '2026-11-24T08:00:00+08:00', until: '2026-11-24T13:30:00+08:00' };
    expect(summary(status(office(), now, closure))).toEqual({ state: 'closed', closesAt: null, nextOpensAt: iso('2026-11-24 13:30') });
  });

  it('has no effect before it starts or after it ends', () => {
    const later = { reason: '装修', since: '2026-11-25T00:00:00+08:00', until: null };
    const over = { reason: '装修', since: '2026-11-20T00:00:00+08:00', until: '2026-11-24T09:30:00+08:00' };
    for (const closure of [later, over]) {
      const s = status(office(), now, closure);
      expect(s).toMatchObject({ state: 'open', closure: null, closesAt: iso('2026-11-24 17:00') });
    }
  });
});

describe('openStatus with unknown hours', () => {
  it('says so instead of guessing', () => {
    const s = status(null, at('2026-11-24 10:00'));
    expect(s).toEqual({ state: 'unknown', closesAt: null, nextOpensAt: null, alwaysOpen: false, closure: null, today: null });
    expect(todayHoursText(s)).toBe('开放时间未知');
    expect(openStatusLabel(s)).toBe('开放时间未知');
  });

  it('is closed while its host has closed it, hours known or not', () => {
    const closure = { reason: '水管检修', since: '2026-11-24T08:00:00+08:00', until: '2026-11-24T18:00:00+08:00' };
    const closed = openStatus({ hours: null, closure }, at('2026-11-24 10:00'));
    expect(closed).toMatchObject({ state: 'closed', closure, nextOpensAt: null, today: null });
    expect(openStatusLabel(closed)).toBe('暂停开放');
    // After the expected reopening the hours are simply unknown again.
    expect(openStatus({ hours: null, closure }, at('2026-11-24 19:00')).state).toBe('unknown');
  });
});

describe('time zone', () => {
  // 2026-11-27T16:30Z is still Friday in UTC but already Saturday 00:30 in Shanghai.
  const instant = new Date('2026-11-27T16:30:00Z');

  it('reads the calendar day on the Shanghai clock', () => {
    expect(shanghaiClock(instant)).toMatchObject({ date: '2026-11-28', weekday: 'sat', minuteOfDay: 30 });
    expect(shanghaiClock(new Date('2026-11-23T15:59:00Z'))).toMatchObject({ date: '2026-11-23', weekday: 'mon', minuteOfDay: 1439 });
    expect(shanghaiClock(new Date('2026-11-23T16:00:00Z'))).toMatchObject({ date: '2026-11-24', weekday: 'tue', minuteOfDay: 0 });
  });

  it("applies Saturday's hours, not Friday's, at an instant that is Friday in UTC", () => {
    const saturdayOnly = hours({ sat: [span('00:00', '10:00')] });
    const fridayOnly = hours({ fri: [span('08:00', '20:00')] });
    expect(summary(status(saturdayOnly, instant))).toEqual({ state: 'open', closesAt: iso('2026-11-28 10:00'), nextOpensAt: null });
    expect(summary(status(fridayOnly, instant))).toEqual({ state: 'closed', closesAt: null, nextOpensAt: iso('2026-12-04 08:00') });
  });

  it("does not depend on the machine's time zone", () => {
    const before = process.env.TZ;
    const weekday = hours({ sat: [span('00:00', '10:00')] });
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo']) {
        process.env.TZ = tz;
        expect(summary(status(weekday, instant))).toEqual({ state: 'open', closesAt: iso('2026-11-28 10:00'), nextOpensAt: null });
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('hoursProblems', () => {
  const problems = (weekly: Partial<WeeklyHours>, exceptions: OpeningHours['exceptions'] = []) =>
    hoursProblems({ weekly: { ...closedWeek(), ...weekly }, exceptions });

  it('finds nothing wrong with ordinary, split, overnight and 24-hour days', () => {
    expect(problems({ mon: [span('08:00', '12:00'), span('12:00', '18:00')], fri: [span('22:00', '06:00', true)], sat: [span('06:00', '09:00')] })).toEqual([]);
    expect(problems({ sun: [span('22:00', '06:00', true)], mon: [span('06:00', '09:00')] })).toEqual([]);
    expect(hoursProblems(alwaysOpenHours())).toEqual([]);
  });

  it('names the day and interval whose end is not after its start', () => {
    expect(problems({ mon: [span('08:00', '12:00'), span('18:00', '08:00')] })).toEqual([
      { path: ['weekly', 'mon', 1], message: '周一第 2 段：结束时间 08:00 不晚于开始时间 18:00；如果跨夜营业，请勾选“次日”' },
    ]);
    expect(problems({ thu: [span('09:00', '09:00')] })).toEqual([
      { path: ['weekly', 'thu', 0], message: '周四第 1 段：结束时间 09:00 不晚于开始时间 09:00；如果跨夜营业，请勾选“次日”' },
    ]);
  });

  it('refuses an overnight interval that ends after it starts, or at 24:00', () => {
    expect(problems({ tue: [span('22:00', '23:00', true)] })).toEqual([
      { path: ['weekly', 'tue', 0], message: '周二第 1 段：跨夜时段应在次日 22:00 之前结束' },
    ]);
    expect(problems({ wed: [span('20:00', '24:00', true)] })).toEqual([
      { path: ['weekly', 'wed', 0], message: '周三第 1 段：跨夜时段的结束时间不能是 24:00' },
    ]);
  });

  it('finds overlapping intervals within a day', () => {
    expect(problems({ wed: [span('08:00', '12:00'), span('11:00', '14:00')] })).toEqual([
      { path: ['weekly', 'wed', 1], message: '周三第 2 段与周三第 1 段时间重叠' },
    ]);
  });

  it('finds every interval that overlaps, not only the one next to it', () => {
    expect(problems({ mon: [span('08:00', '18:00'), span('09:00', '10:00'), span('12:00', '13:00')] })).toEqual([
      { path: ['weekly', 'mon', 1], message: '周一第 2 段与周一第 1 段时间重叠' },
      { path: ['weekly', 'mon', 2], message: '周一第 3 段与周一第 1 段时间重叠' },
    ]);
  });

  it('finds an overnight interval running into the next morning', () => {
    expect(problems({ fri: [span('22:00', '06:00', true)], sat: [span('05:00', '09:00')] })).toEqual([
      { path: ['weekly', 'sat', 0], message: '周六第 1 段与周五第 1 段时间重叠' },
    ]);
  });

  it('finds Sunday night running into Monday morning', () => {
    expect(problems({ sun: [span('22:00', '06:00', true)], mon: [span('05:00', '09:00')] })).toEqual([
      { path: ['weekly', 'mon', 0], message: '周一第 1 段与周日第 1 段时间重叠' },
    ]);
  });

  it('checks the dates and intervals of exceptions', () => {
    expect(problems({}, [{ from: '2026-10-07', to: '2026-10-01', intervals: [] }])).toEqual([
      { path: ['exceptions', 0, 'to'], message: '2026-10-07 至 2026-10-01：结束日期早于开始日期' },
    ]);
    expect(problems({}, [{ from: '2026-01-01', to: '2027-01-03', intervals: [] }])).toEqual([
      { path: ['exceptions', 0, 'to'], message: '2026-01-01 至 2027-01-03：特殊日期的范围不能超过一年' },
    ]);
    expect(problems({}, [{ from: '2026-10-08', to: '2026-10-08', intervals: [span('10:00', '15:00'), span('14:00', '16:00')] }])).toEqual([
      { path: ['exceptions', 0, 'intervals', 1], message: '2026-10-08 第 2 段与第 1 段时间重叠' },
    ]);
    expect(
      problems({}, [{ from: '2026-10-08', to: '2026-10-08', intervals: [span('08:00', '18:00'), span('09:00', '10:00'), span('12:00', '13:00')] }]),
    ).toEqual([
      { path: ['exceptions', 0, 'intervals', 1], message: '2026-10-08 第 2 段与第 1 段时间重叠' },
      { path: ['exceptions', 0, 'intervals', 2], message: '2026-10-08 第 3 段与第 1 段时间重叠' },
    ]);
    expect(problems({}, [{ from: '2026-10-08', to: '2026-10-09', intervals: [span('15:00', '10:00')] }])).toEqual([
      { path: ['exceptions', 0, 'intervals', 0], message: '2026-10-08 至 2026-10-09 第 1 段：结束时间 10:00 不晚于开始时间 15:00；如果跨夜营业，请勾选“次日”' },
    ]);
    expect(
      problems({}, [
        { from: '2026-10-01', to: '2026-10-07', intervals: [] },
        { from: '2026-10-07', to: '2026-10-08', intervals: [] },
      ]),
    ).toEqual([{ path: ['exceptions', 1, 'from'], message: '2026-10-07 至 2026-10-08 与另一条特殊日期（2026-10-01 至 2026-10-07）重叠' }]);
  });

  it('makes the OpeningHours schema refuse the hours with the same messages and paths', () => {
    const result = OpeningHours.safeParse({ weekly: { ...closedWeek(), sun: [span('22:00', '06:00', true)], mon: [span('05:00', '09:00')] }, exceptions: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => ({ path: i.path, message: i.message }))).toEqual([
      { path: ['weekly', 'mon', 0], message: '周一第 1 段与周日第 1 段时间重叠' },
    ]);
    expect(OpeningHours.safeParse({ weekly: everyDay([span('8:00', '12:00')]), exceptions: [] }).error?.issues[0]?.message).toBe(
      '时间格式应为 HH:MM，例如 08:30',
    );
  });
});

describe('words for people', () => {
  it('writes intervals', () => {
    expect(intervalText(span('08:30', '12:00'))).toBe('08:30–12:00');
    expect(intervalText(span('22:00', '06:00', true))).toBe('22:00–次日06:00');
    expect(intervalText(span('00:00', '24:00'))).toBe('24 小时');
    expect(intervalsText([span('08:00', '12:00'), span('14:00', '18:00')])).toBe('08:00–12:00、14:00–18:00');
    expect(intervalsText([])).toBe('休息');
  });

  it("writes today's hours", () => {
    const split = hours({ mon: [span('08:00', '12:00'), span('14:00', '18:00')] });
    expect(todayHoursText(status(split, at('2026-11-23 07:00')))).toBe('今日 08:00–12:00、14:00–18:00');
    expect(todayHoursText(status(split, at('2026-11-24 07:00')))).toBe('今日休息');
  });

  it('writes the badge with today, tomorrow, the day after or the weekday', () => {
    const split = hours(everyDay([span('08:00', '12:00'), span('14:00', '18:00')]));
    const label = (h: OpeningHours, local: string) => openStatusLabel(status(h, at(local)), at(local));
    expect(label(split, '2026-11-23 09:00')).toBe('开放中 · 12:00 关门');
    expect(label(split, '2026-11-23 11:40')).toBe('即将关门 · 12:00');
    expect(label(split, '2026-11-23 12:30')).toBe('已关门 · 14:00 开门');
    expect(label(split, '2026-11-23 19:00')).toBe('已关门 · 明天 08:00 开门');
    const weekdaysOnly = hours({ mon: [span('09:00', '17:00')], wed: [span('09:00', '17:00')] });
    expect(label(weekdaysOnly, '2026-11-23 18:00')).toBe('已关门 · 后天 09:00 开门');
    expect(label(weekdaysOnly, '2026-11-25 18:00')).toBe('已关门 · 周一 09:00 开门');
    expect(label(hours({}), '2026-11-25 18:00')).toBe('已关门');
  });
});

/**
 * Every boundary, checked the minute before, at, and the minute after: openings and closings,
 * overnight spans across midnight, 24-hour days next to closed ones, the first and last day of a date
 * exception, and the start and end of a temporary closure (also one announced for later).
 */
describe('the minute before, at and after each boundary', () => {
  type Row = [string, OpenStatus['state'], string | null, string | null];
  const check = (h: OpeningHours | null, closure: TemporaryClosure | null, rows: Row[]) => {
    for (const [local, state, closesAt, nextOpensAt] of rows) {
      expect({ local, ...summary(status(h, at(local), closure)) }).toEqual({
        local,
        state,
        closesAt: closesAt && iso(closesAt),
        nextOpensAt: nextOpensAt && iso(nextOpensAt),
      });
    }
  };

  it('opening and closing of a plain day (Monday 09:00–17:00)', () => {
    check(office(), null, [
      ['2026-11-23 08:59', 'closed', null, '2026-11-23 09:00'],
      ['2026-11-23 09:00', 'open', '2026-11-23 17:00', null],
      ['2026-11-23 09:01', 'open', '2026-11-23 17:00', null],
      ['2026-11-23 16:29', 'open', '2026-11-23 17:00', null],
      ['2026-11-23 16:30', 'closing_soon', '2026-11-23 17:00', null],
      ['2026-11-23 16:59', 'closing_soon', '2026-11-23 17:00', null],
      ['2026-11-23 17:00', 'closed', null, '2026-11-24 09:00'],
      ['2026-11-23 17:01', 'closed', null, '2026-11-24 09:00'],
    ]);
  });

  it('an overnight span (Wednesday 22:00–06:00) at its start, across midnight and at its end', () => {
    const h = hours({ wed: [span('22:00', '06:00', true)] });
    check(h, null, [
      ['2026-11-25 21:59', 'closed', null, '2026-11-25 22:00'],
      ['2026-11-25 22:00', 'open', '2026-11-26 06:00', null],
      ['2026-11-25 22:01', 'open', '2026-11-26 06:00', null],
      ['2026-11-25 23:59', 'open', '2026-11-26 06:00', null],
      ['2026-11-26 00:00', 'open', '2026-11-26 06:00', null],
      ['2026-11-26 00:01', 'open', '2026-11-26 06:00', null],
      ['2026-11-26 05:29', 'open', '2026-11-26 06:00', null],
      ['2026-11-26 05:30', 'closing_soon', '2026-11-26 06:00', null],
      ['2026-11-26 05:59', 'closing_soon', '2026-11-26 06:00', null],
      ['2026-11-26 06:00', 'closed', null, '2026-12-02 22:00'],
      ['2026-11-26 06:01', 'closed', null, '2026-12-02 22:00'],
    ]);
  });

  it('Sunday night running into Monday, the week boundary', () => {
    const h = hours({ sun: [span('20:00', '02:00', true)] });
    check(h, null, [
      ['2026-11-29 23:59', 'open', '2026-11-30 02:00', null],
      ['2026-11-30 00:00', 'open', '2026-11-30 02:00', null],
      ['2026-11-30 01:59', 'closing_soon', '2026-11-30 02:00', null],
      ['2026-11-30 02:00', 'closed', null, '2026-12-06 20:00'],
      ['2026-11-30 02:01', 'closed', null, '2026-12-06 20:00'],
    ]);
  });

  it('a 24-hour day next to a closed day', () => {
    // Open round the clock Monday to Saturday; Sunday closed.
    const h = hours({ ...everyDay([span('00:00', '24:00')]), sun: [] });
    check(h, null, [
      ['2026-11-28 23:29', 'open', '2026-11-29 00:00', null],
      ['2026-11-28 23:30', 'closing_soon', '2026-11-29 00:00', null],
      ['2026-11-28 23:59', 'closing_soon', '2026-11-29 00:00', null],
      ['2026-11-29 00:00', 'closed', null, '2026-11-30 00:00'],
      ['2026-11-29 00:01', 'closed', null, '2026-11-30 00:00'],
      ['2026-11-29 23:59', 'closed', null, '2026-11-30 00:00'],
      ['2026-11-30 00:00', 'open', '2026-12-06 00:00', null],
      ['2026-11-30 00:01', 'open', '2026-12-06 00:00', null],
    ]);
  });

  it('the first and the last day of a date exception', () => {
    // Open every day 08:00–20:00, closed 2026-12-01 to 12-02, special hours 10:00–14:00 on 12-03.
    const h = hours(everyDay([span('08:00', '20:00')]), [
      { from: '2026-12-01', to: '2026-12-02', intervals: [], reason: '停电' },
      { from: '2026-12-03', to: '2026-12-03', intervals: [span('10:00', '14:00')] },
    ]);
    check(h, null, [
      ['2026-11-30 19:59', 'closing_soon', '2026-11-30 20:00', null],
      ['2026-11-30 23:59', 'closed', null, '2026-12-03 10:00'],
      ['2026-12-01 00:00', 'closed', null, '2026-12-03 10:00'],
      ['2026-12-01 08:00', 'closed', null, '2026-12-03 10:00'],
      ['2026-12-02 23:59', 'closed', null, '2026-12-03 10:00'],
      ['2026-12-03 00:00', 'closed', null, '2026-12-03 10:00'],
      ['2026-12-03 08:00', 'closed', null, '2026-12-03 10:00'],
      ['2026-12-03 09:59', 'closed', null, '2026-12-03 10:00'],
      ['2026-12-03 10:00', 'open', '2026-12-03 14:00', null],
      ['2026-12-03 13:59', 'closing_soon', '2026-12-03 14:00', null],
      ['2026-12-03 14:00', 'closed', null, '2026-12-04 08:00'],
      ['2026-12-03 23:59', 'closed', null, '2026-12-04 08:00'],
      ['2026-12-04 00:00', 'closed', null, '2026-12-04 08:00'],
      ['2026-12-04 07:59', 'closed', null, '2026-12-04 08:00'],
      ['2026-12-04 08:00', 'open', '2026-12-04 20:00', null],
      ['2026-12-04 08:01', 'open', '2026-12-04 20:00', null],
    ]);
  });

  it('an exception day whose own night runs past its last day', () => {
    const h = hours({}, [{ from: '2026-12-24', to: '2026-12-24', intervals: [span('18:00', '02:00', true)], reason: '平安夜' }]);
    check(h, null, [
      ['2026-12-24 17:59', 'closed', null, '2026-12-24 18:00'],
      ['2026-12-24 18:00', 'open', '2026-12-25 02:00', null],
      ['2026-12-25 00:00', 'open', '2026-12-25 02:00', null],
      ['2026-12-25 01:59', 'closing_soon', '2026-12-25 02:00', null],
      ['2026-12-25 02:00', 'closed', null, null],
      ['2026-12-25 02:01', 'closed', null, null],
    ]);
  });

  it('the start and end of a temporary closure inside opening hours', () => {
    // Monday 09:00–17:00; closed for disinfection 11:00–13:30.
    const closure = { reason: '临时消杀', since: '2026-11-23T11:00:00+08:00', until: '2026-11-23T13:30:00+08:00' };
    check(office(), closure, [
      ['2026-11-23 10:29', 'open', '2026-11-23 11:00', null],
      ['2026-11-23 10:30', 'closing_soon', '2026-11-23 11:00', null],
      ['2026-11-23 10:59', 'closing_soon', '2026-11-23 11:00', null],
      ['2026-11-23 11:00', 'closed', null, '2026-11-23 13:30'],
      ['2026-11-23 11:01', 'closed', null, '2026-11-23 13:30'],
      ['2026-11-23 13:29', 'closed', null, '2026-11-23 13:30'],
      ['2026-11-23 13:30', 'open', '2026-11-23 17:00', null],
      ['2026-11-23 13:31', 'open', '2026-11-23 17:00', null],
    ]);
    expect(status(office(), at('2026-11-23 11:00'), closure).closure).toEqual(closure);
    expect(status(office(), at('2026-11-23 10:59'), closure).closure).toBeNull();
    expect(status(office(), at('2026-11-23 13:30'), closure).closure).toBeNull();
  });

  it('a closure announced for the night does not move the next opening when it ends before it', () => {
    const closure = { reason: '检修', since: '2026-11-23T20:00:00+08:00', until: '2026-11-24T08:00:00+08:00' };
    check(office(), closure, [
      ['2026-11-23 19:59', 'closed', null, '2026-11-24 09:00'],
      ['2026-11-23 20:00', 'closed', null, '2026-11-24 09:00'],
    ]);
  });

  it('a closure without an end closes the station from its start, and hours unknown do not hide it', () => {
    const closure = { reason: '装修', since: '2026-11-23T12:00:00+08:00', until: null };
    check(office(), closure, [
      ['2026-11-23 11:29', 'open', '2026-11-23 12:00', null],
      ['2026-11-23 11:30', 'closing_soon', '2026-11-23 12:00', null],
      ['2026-11-23 11:59', 'closing_soon', '2026-11-23 12:00', null],
      ['2026-11-23 12:00', 'closed', null, null],
      ['2026-11-23 12:01', 'closed', null, null],
    ]);
    check(null, closure, [
      ['2026-11-23 11:59', 'unknown', null, null],
      ['2026-11-23 12:00', 'closed', null, null],
    ]);
  });
});

describe('days nobody has given', () => {
  const office = [{ open: '08:30', close: '17:30' }];
  // Monday to Friday known, Saturday unknown, Sunday closed.
  const partial: OpeningHours = { weekly: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: null, sun: [] }, exceptions: [] };
  const at2 = (iso: string) => new Date(iso);

  it('are unknown, never closed; a day set to 休息 is closed', () => {
    expect(OpeningHours.safeParse(partial).success).toBe(true);
    const saturday = openStatus({ hours: partial, closure: null }, at2('2026-12-05T10:00:00+08:00'));
    expect(saturday.state).toBe('unknown');
    expect(todayHoursText(saturday)).toBe('今日开放时间未知');
    const sunday = openStatus({ hours: partial, closure: null }, at2('2026-12-06T10:00:00+08:00'));
    expect(sunday.state).toBe('closed');
    expect(todayHoursText(sunday)).toBe('今日休息');
    expect(openStatus({ hours: partial, closure: null }, at2('2026-12-04T10:00:00+08:00')).state).toBe('open');
    expect(unknownWeekdays(partial)).toEqual(['sat']);
    expect(intervalsText(null)).toBe('未知');
  });

  it('a temporary closure reads with its reason and expected reopening', () => {
    const now = at2('2026-12-05T10:00:00+08:00');
    expect(closureText({ reason: '装修', since: '2026-12-01T00:00:00+08:00', until: '2026-12-20T08:00:00+08:00' }, now)).toBe('暂停开放：装修 · 预计 12月20日 08:00 恢复');
    expect(closureText({ reason: '停电', since: '2026-12-05T08:00:00+08:00', until: '2026-12-06T09:00:00+08:00' }, now)).toBe('暂停开放：停电 · 预计 明天 09:00 恢复');
    expect(closureText({ reason: '搬迁', since: '2026-12-01T00:00:00+08:00', until: null }, now)).toBe('暂停开放：搬迁 · 恢复时间待定');
  });
});
