import fc from 'fast-check';
import { hoursProblems, WEEKDAYS, weekOf, type Interval, type OpeningHours } from '@yz/shared';
import { formatHoursText, parseHoursText } from '../../../functions/src/stations/import/hours-text';

/** Opening hours as Chinese station lists write them: read exactly, or refused with the reason. */

const weekdays = (intervals: Interval[], weekend: Interval[] = []) => weekOf(intervals, weekend);
const every = (intervals: Interval[]) => weekOf(intervals, intervals);

function parsed(text: string): OpeningHours {
  const result = parseHoursText(text);
  if (!result.ok) throw new Error(`expected “${text}” to parse, got: ${result.reason}`);
  return result.hours;
}

describe('parseHoursText reads the common ways', () => {
  it.each([
    ['周一至周五 08:30-12:00,13:00-17:30', weekdays([{ open: '08:30', close: '12:00' }, { open: '13:00', close: '17:30' }])],
    ['周一到周五 08:30-12:00、13:00-17:30', weekdays([{ open: '08:30', close: '12:00' }, { open: '13:00', close: '17:30' }])],
    ['工作日 8:30-17:30', weekdays([{ open: '08:30', close: '17:30' }])],
    ['07:30-22:30', every([{ open: '07:30', close: '22:30' }])],
    ['每天 7:30—22:30', every([{ open: '07:30', close: '22:30' }])],
    ['24小时', every([{ open: '00:00', close: '24:00' }])],
    ['全天', every([{ open: '00:00', close: '24:00' }])],
    ['全天24小时开放', every([{ open: '00:00', close: '24:00' }])],
    ['22:00-次日06:00', every([{ open: '22:00', close: '06:00', overnight: true }])],
    ['周一至周五 ０８：３０－１２：００，１３：００－１７：３０', weekdays([{ open: '08:30', close: '12:00' }, { open: '13:00', close: '17:30' }])],
    ['周一至五 8点-17点半', weekdays([{ open: '08:00', close: '17:30' }])],
    ['周一至周五 上午8:00-12:00 下午2:00-5:30', weekdays([{ open: '08:00', close: '12:00' }, { open: '14:00', close: '17:30' }])],
    ['开放时间：08:00～20:00', every([{ open: '08:00', close: '20:00' }])],
  ])('%s', (text, weekly) => {
    expect(parsed(text)).toEqual({ weekly, exceptions: [] });
  });

  it('weekends, lists of days, ranges over the weekend', () => {
    expect(parsed('周一至周五 08:00-18:00；周末 09:00-12:00').weekly).toEqual(weekdays([{ open: '08:00', close: '18:00' }], [{ open: '09:00', close: '12:00' }]));
    expect(parsed('周一、三、五 09:00-12:00').weekly.wed).toEqual([{ open: '09:00', close: '12:00' }]);
    expect(parsed('周一、三、五 09:00-12:00').weekly.tue).toEqual([]);
    expect(parsed('周五至周一 10:00-22:00').weekly.sun).toEqual([{ open: '10:00', close: '22:00' }]);
    expect(parsed('周五至周一 10:00-22:00').weekly.wed).toEqual([]);
    expect(parsed('周一至周六 09:00-18:00 周日休息').weekly.sun).toEqual([]);
  });

  it('a later, specific day replaces "every day"', () => {
    const h = parsed('每天 08:00-20:00；周日 休息');
    expect(h.weekly.sat).toEqual([{ open: '08:00', close: '20:00' }]);
    expect(h.weekly.sun).toEqual([]);
  });

  it('dates with a reason become exceptions', () => {
    const h = parsed('周一至周五 08:30-17:30；2026-10-01至2026-10-07 休息（国庆节）；2026年2月17日 09:00-12:00');
    expect(h.exceptions).toEqual([
      { from: '2026-10-01', to: '2026-10-07', intervals: [], reason: '国庆节' },
      { from: '2026-02-17', to: '2026-02-17', intervals: [{ open: '09:00', close: '12:00' }] },
    ]);
  });

  it('reads 22:00-06:00 as overnight and says so', () => {
    const result = parseHoursText('22:00-06:00');
    expect(result).toEqual({ ok: true, hours: { weekly: every([{ open: '22:00', close: '06:00', overnight: true }]), exceptions: [] }, notes: ['“22:00-06:00”按跨夜理解（次日 06:00 结束）'] });
  });
});

describe('parseHoursText never guesses', () => {
  it.each([
    ['工作日开放', '没有写具体的开放时间'],
    ['节假日休息', '无法识别'],
    ['周一至周五 08:30-17:30（法定节假日除外）', '无法换算'],
    ['10月1日至7日休息', '无法识别'],
    ['周六、日休息', '只写了休息日'],
    ['2026-10-01 休息', '只写了特殊日期'],
    ['周一至周五 08:00-12:00 09:00-10:00', '周一第 2 段与周一第 1 段时间重叠'],
    ['8-17', '无法识别'],
    ['2026-02-30 休息；每天 08:00-18:00', '日期“2026-02-30”不存在'],
    ['', '开放时间为空'],
  ])('%s', (text, reason) => {
    const result = parseHoursText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe('formatHoursText writes what parseHoursText reads back', () => {
  it('in the usual forms', () => {
    expect(formatHoursText({ weekly: every([{ open: '00:00', close: '24:00' }]), exceptions: [] })).toBe('24小时');
    expect(formatHoursText({ weekly: every([{ open: '07:30', close: '22:30' }]), exceptions: [] })).toBe('每天 07:30-22:30');
    expect(
      formatHoursText({
        weekly: weekdays([{ open: '08:30', close: '12:00' }, { open: '13:00', close: '17:30' }], [{ open: '22:00', close: '06:00', overnight: true }]),
        exceptions: [{ from: '2026-10-01', to: '2026-10-07', intervals: [], reason: '国庆节' }],
      }),
    ).toBe('周一至周五 08:30-12:00,13:00-17:30；周六、周日 22:00-次日06:00；2026-10-01至2026-10-07 休息（国庆节）');
  });

  // Any valid hours a host can save survive being written out and read back. Built valid rather than
  // filtered: sorted half-hour boundaries per day, an overnight last interval now and then.
  const hhmm = (half: number) => (half === 48 ? '24:00' : `${String(Math.floor(half / 2)).padStart(2, '0')}:${half % 2 ? '30' : '00'}`);
  const dayHours = fc
    .record({ cuts: fc.uniqueArray(fc.integer({ min: 0, max: 48 }), { maxLength: 4 }), overnight: fc.integer({ min: 0, max: 12 }), night: fc.boolean() })
    .map(({ cuts, overnight, night }) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const intervals: Interval[] = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push({ open: hhmm(sorted[i]!), close: hhmm(sorted[i + 1]!) });
      const last = sorted[sorted.length - 1];
      if (night && sorted.length % 2 === 1 && last !== undefined && last < 48 && overnight < last) {
        intervals.push({ open: hhmm(last), close: hhmm(overnight), overnight: true });
      }
      return intervals;
    });
  const exceptions = fc
    .uniqueArray(fc.integer({ min: 0, max: 100 }), { maxLength: 3 })
    .chain((starts) =>
      fc.tuple(
        ...[...starts].sort((a, b) => a - b).map((start) =>
          fc.record({ start: fc.constant(start * 7), length: fc.integer({ min: 0, max: 5 }), intervals: dayHours, reason: fc.option(fc.constantFrom('国庆节', '春节', '设备检修', '停电'), { nil: undefined }) }),
        ),
      ),
    )
    .map((list) =>
      list.map(({ start, length, intervals, reason }) => ({
        from: new Date(Date.UTC(2026, 0, 1) + start * 86_400_000).toISOString().slice(0, 10),
        to: new Date(Date.UTC(2026, 0, 1) + (start + length) * 86_400_000).toISOString().slice(0, 10),
        intervals,
        ...(reason ? { reason } : {}),
      })),
    );
  const hours = fc
    .record({ weekly: fc.record(Object.fromEntries(WEEKDAYS.map((d) => [d, dayHours])) as Record<(typeof WEEKDAYS)[number], typeof dayHours>), exceptions })
    .filter((h) => hoursProblems(h).length === 0 && WEEKDAYS.some((d) => h.weekly[d].length > 0));

  it('for any valid hours', () => {
    fc.assert(
      fc.property(hours, (h) => {
        const text = formatHoursText(h);
        const back = parseHoursText(text);
        if (!back.ok) throw new Error(`${text}: ${back.reason}`);
        expect(back.hours).toEqual(h);
      }),
      { numRuns: 300 },
    );
  });
});
