import {
  alwaysOpenHours,
  amenityEvidenceText,
  amenityVerdict,
  confirmationQuestions,
  confirmedOpenAt,
  effectiveAmenity,
  failedFilters,
  isOpenAt,
  openEvidenceText,
  personWeight,
  prepareFilters,
  summarizeAnswers,
  unknownAmenities,
  workerDisagreement,
  type StoredAnswer,
} from '@yz/shared';
import { makeStation } from '../../helpers/stations';

/** The rule that folds workers' answers into what a station shows (shared/src/confirmation.ts). */

const NOW = new Date('2026-11-25T10:20:00+08:00');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString().replace('Z', '+00:00');
const DAY = 24 * 60;

function answers(question: StoredAnswer['question'], list: [answer: 'yes' | 'no', minutesAgo: number, weight?: number][]): StoredAnswer[] {
  return list.map(([answer, minutes, weight]) => ({ question, answer, at: ago(minutes), weight: weight ?? 1 }));
}

describe('amenity verdicts: count, agreement, recency', () => {
  test.each([
    [1, 0, 'unknown'], // one person never settles anything
    [2, 0, 'yes'],
    [2, 1, 'yes'], // one dissenter against two does not flip it
    [3, 2, 'unknown'], // a real conflict: back to 不确定
    [4, 2, 'yes'],
    [0, 2, 'no'],
    [1.4, 0, 'unknown'], // two people, one of whom keeps disagreeing elsewhere (0.4)
  ] as const)('%s weight on 有 against %s on 没有: %s', (yes, no, state) => {
    expect(amenityVerdict(yes, no)).toBe(state);
  });

  test('answers older than 30 days count half, older than 90 not at all', () => {
    const recent = summarizeAnswers(answers('hot_water', [['yes', 10], ['yes', 20 * DAY]]), NOW, 1);
    expect(recent.amenities.hot_water).toMatchObject({ state: 'yes', yes: 2 });
    const halfOld = summarizeAnswers(answers('hot_water', [['yes', 10], ['yes', 40 * DAY]]), NOW, 1);
    expect(halfOld.amenities.hot_water).toMatchObject({ state: 'unknown', yes: 2, disputed: false });
    const gone = summarizeAnswers(answers('hot_water', [['yes', 91 * DAY], ['yes', 92 * DAY]]), NOW, 1);
    expect(gone.amenities.hot_water).toBeUndefined();
  });

  test('a conflict is marked disputed, so the question is asked again', () => {
    const summary = summarizeAnswers(answers('toilet', [['yes', 5], ['yes', 6], ['no', 7], ['no', 8]]), NOW, 3);
    expect(summary).toMatchObject({ revision: 3, amenities: { toilet: { state: 'unknown', yes: 2, no: 2, disputed: true, at: ago(5) } } });
    const station = makeStation({ amenities: { ...unknownAmenities(), toilet: 'yes' }, confirmations: summary });
    expect(confirmationQuestions(station)).toContain('toilet');
  });
});

describe('open / closed', () => {
  test('the weightier side of the last two hours wins; a tie goes to the latest', () => {
    expect(summarizeAnswers(answers('open', [['yes', 30], ['yes', 40], ['no', 10]]), NOW, 1).open).toEqual({ state: 'open', at: ago(30), people: 2 });
    expect(summarizeAnswers(answers('open', [['yes', 30], ['no', 10]]), NOW, 1).open).toEqual({ state: 'closed', at: ago(10), people: 1 });
    // A troll at 0.4 against one honest answer.
    expect(summarizeAnswers(answers('open', [['no', 10, 0.4], ['yes', 30]]), NOW, 1).open).toEqual({ state: 'open', at: ago(30), people: 1 });
    // Nothing in the last two hours: the latest answer alone.
    expect(summarizeAnswers(answers('open', [['yes', 200], ['no', 300]]), NOW, 1).open).toEqual({ state: 'open', at: ago(200), people: 1 });
  });

  test('"open now" counts a station confirmed open within the hour, only where the hours say nothing', () => {
    const confirmations = summarizeAnswers(answers('open', [['yes', 20]]), NOW, 1);
    const unknownHours = makeStation({ hours: null, confirmations });
    expect(confirmedOpenAt(unknownHours, NOW)).toBe(true);
    expect(isOpenAt(unknownHours, NOW)).toBe(true);
    expect(isOpenAt(unknownHours, new Date(NOW.getTime() + 41 * 60_000))).toBe(false); // 61 minutes later
    // The host's hours win: closed on a day the hours say closed, whatever workers said.
    const closedToday = makeStation({
      hours: { weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, exceptions: [] },
      confirmations,
    });
    expect(isOpenAt(closedToday, NOW)).toBe(false);
    // A temporary closure wins too.
    const closure = { reason: '装修', since: ago(60 * 24), until: null };
    expect(isOpenAt(makeStation({ hours: null, closure, confirmations }), NOW)).toBe(false);
  });

  test('evidence in words', () => {
    expect(openEvidenceText({ state: 'open', at: '2026-11-25T10:20:00+08:00', people: 1 }, NOW)).toBe('今天 10:20 有师傅确认开着');
    expect(openEvidenceText({ state: 'closed', at: '2026-11-24T18:05:00+08:00', people: 3 }, NOW)).toBe('昨天 18:05 3 位师傅确认关着');
    expect(amenityEvidenceText('hot_water', { state: 'yes', yes: 3, no: 0, disputed: false, at: ago(1) })).toBe('3 位师傅确认有热水');
    expect(amenityEvidenceText('hot_water', { state: 'unknown', yes: 1, no: 1, disputed: true, at: ago(1) })).toBe('师傅说法不一：热水');
    expect(amenityEvidenceText('toilet', { state: 'unknown', yes: 1, no: 0, disputed: false, at: ago(1) })).toBe('1 位师傅说有卫生间，待更多确认');
  });
});

describe('the host’s setting wins, and disagreement is flagged', () => {
  const workersSayNo = summarizeAnswers(answers('hot_water', [['no', 5], ['no', 6]]), NOW, 1);

  test('the host’s 有 stays what workers are told and what the filter uses', () => {
    const station = makeStation({ amenities: { ...unknownAmenities(), hot_water: 'yes' }, confirmations: workersSayNo });
    expect(effectiveAmenity(station, 'hot_water')).toBe('yes');
    expect(failedFilters({ ...station, confirmations: workersSayNo }, prepareFilters({ amenities: ['hot_water'] }, NOW))).toEqual([]);
    expect(workerDisagreement(station)).toEqual({ amenities: ['hot_water'], hours: false });
  });

  test('where the host has not said, workers’ verdict is what workers are told', () => {
    const station = makeStation({ confirmations: workersSayNo });
    expect(effectiveAmenity(station, 'hot_water')).toBe('no');
    expect(workerDisagreement(station)).toBeNull();
  });

  test('workers finding it closed while the hours say open flag the hours', () => {
    const closed = summarizeAnswers(answers('open', [['no', 5], ['no', 6]]), NOW, 1);
    expect(workerDisagreement(makeStation({ hours: alwaysOpenHours(), confirmations: closed }))).toEqual({ amenities: [], hours: true });
    expect(workerDisagreement(makeStation({ hours: null, confirmations: closed }))).toBeNull();
  });
});

test('a person’s weight: full for anyone new, less for someone who keeps disagreeing, never below a quarter', () => {
  expect(personWeight({ agreed: 0, disagreed: 0 })).toBe(1);
  expect(personWeight({ agreed: 5, disagreed: 1 })).toBeCloseTo(0.875);
  expect(personWeight({ agreed: 0, disagreed: 3 })).toBeCloseTo(0.4);
  expect(personWeight({ agreed: 0, disagreed: 100 })).toBe(0.25);
});

test('the questions: always 现在开着吗？, then unsettled amenities, then host-set ones no worker has checked', () => {
  const station = makeStation({ amenities: { ...unknownAmenities(), hot_water: 'yes', toilet: 'no', wifi: 'yes' } });
  const all = confirmationQuestions(station, 20);
  expect(all[0]).toBe('open');
  expect(all.slice(-2)).toEqual(['hot_water', 'wifi']); // the host's 有, to be checked last
  expect(all).not.toContain('toilet'); // the host's 没有 is not asked about
  expect(confirmationQuestions(station)).toHaveLength(5);
});
