import { enumField } from './fields';
import { LatLng } from './geo';
import { openStatus, shanghaiClock } from './opening-hours';
import {
  AMENITIES,
  AMENITY_LABELS,
  ConfirmationSummary,
  type Amenity,
  type AmenityAvailability,
  type Station,
  type WorkerAmenityState,
} from './station';
import './zod-config';
import * as z from 'zod';

/**
 * Workers confirm what they see (师傅确认): one-tap answers from people at the station, and the one
 * rule that folds them into what a station shows. The server folds with `summarizeAnswers`; the app
 * and the server read the result with the helpers below, so a list row, a station page and the
 * "open now" filter never disagree. docs/data-model.md describes the rule.
 */

/** Within this distance of the station (device position), a worker counts as being there. */
export const CONFIRM_RADIUS_METERS = 300;
/** Or they scanned the station's QR code this recently. */
export const CONFIRM_SCAN_HOURS = 2;
/** One answer per person per station per question in this window. */
export const CONFIRM_REPEAT_HOURS = 2;
/** "Open now" counts a station confirmed open this recently as open (when the host's hours are unknown). */
export const CONFIRMED_OPEN_MINUTES = 60;
/** 开着 / 关着 answers this recent are weighed against each other; the latest older one is shown alone. */
export const OPEN_EVIDENCE_HOURS = 2;
/** Amenity answers older than this no longer count; those older than FULL_WEIGHT_DAYS count half. */
export const AMENITY_EVIDENCE_DAYS = 90;
export const AMENITY_FULL_WEIGHT_DAYS = 30;
/** An amenity verdict needs this much weight on its side (two people at full weight)… */
export const AMENITY_MIN_WEIGHT = 2;
/** …and at least this many times the weight on the other side. */
export const AMENITY_AGREEMENT_RATIO = 2;
/** Answers per minute: per person, and per device (the app's install id). */
export const CONFIRMATIONS_PER_MINUTE_PER_PERSON = 12;
export const CONFIRMATIONS_PER_MINUTE_PER_DEVICE = 12;
/** A person's weight never drops below this, however often they disagreed. */
export const MIN_PERSON_WEIGHT = 0.25;

export const CONFIRMATION_QUESTIONS = ['open', ...AMENITIES] as const;
export type ConfirmationQuestion = (typeof CONFIRMATION_QUESTIONS)[number];
export type ConfirmationAnswer = 'yes' | 'no';

/** 现在开着吗？ / 有热水吗？ */
export function questionText(question: ConfirmationQuestion): string {
  return question === 'open' ? '现在开着吗？' : `有${AMENITY_LABELS[question]}吗？`;
}

/** The two buttons: 开着 / 关着, or 有 / 没有. */
export function answerLabels(question: ConfirmationQuestion): Record<ConfirmationAnswer, string> {
  return question === 'open' ? { yes: '开着', no: '关着' } : { yes: '有', no: '没有' };
}

export const ConfirmationBody = z.strictObject({
  question: enumField('问题', CONFIRMATION_QUESTIONS),
  answer: enumField('回答', ['yes', 'no']),
  /**
   * The device's position (GCJ-02), sent only to show the worker is at the station: the server checks
   * the distance and forgets it (never stored, never logged). Absent: a recent QR scan must show it.
   */
  position: LatLng.optional(),
  /** A random id the app keeps for its install: answers are limited per device as well as per person. */
  deviceId: z.string({ error: '缺少设备标识' }).regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '设备标识格式不正确' }),
});
export type ConfirmationBody = z.infer<typeof ConfirmationBody>;

export const ConfirmationReceipt = z.object({
  question: z.enum(CONFIRMATION_QUESTIONS),
  answer: z.enum(['yes', 'no']),
  /** How presence was shown: by position or by a recent scan of the station's code. */
  presence: z.enum(['position', 'scan']),
  /** The station's summary with this answer folded in. */
  confirmations: ConfirmationSummary,
});
export type ConfirmationReceipt = z.infer<typeof ConfirmationReceipt>;

export const ConfirmationErrorCode = {
  NOT_AT_STATION: 'NOT_AT_STATION',
  TOO_FAR_FROM_STATION: 'TOO_FAR_FROM_STATION',
  ALREADY_CONFIRMED: 'ALREADY_CONFIRMED',
} as const;

// ---------------------------------------------------------------------------------------------------
// The rule.

/** One person's latest answer to one question at one station, as the rule reads it. */
export interface StoredAnswer {
  question: ConfirmationQuestion;
  answer: ConfirmationAnswer;
  /** ISO time with offset. */
  at: string;
  /** The person's weight when they answered (`personWeight`). */
  weight: number;
}

/**
 * How much a person's answers count: 1 for anyone new, less for someone whose answers keep disagreeing
 * with what the others at the same stations had settled: (agreed + 2) / (agreed + disagreed + 2), so
 * three disagreements and no agreement make 0.4, and agreeing earns weight back. At least 0.25.
 */
export function personWeight(record: { agreed: number; disagreed: number }): number {
  const w = (record.agreed + 2) / (record.agreed + record.disagreed + 2);
  return Math.max(MIN_PERSON_WEIGHT, Math.min(1, w));
}

/** The amenity verdict from the weights on each side: 有 / 没有 only with enough weight and agreement. */
export function amenityVerdict(yes: number, no: number): AmenityAvailability {
  if (yes >= AMENITY_MIN_WEIGHT && yes >= AMENITY_AGREEMENT_RATIO * no) return 'yes';
  if (no >= AMENITY_MIN_WEIGHT && no >= AMENITY_AGREEMENT_RATIO * yes) return 'no';
  return 'unknown';
}

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Folds every person's latest answer on a station into its summary, as of `now`. Amenities: answers in
 * the last 90 days, weighted by the person's weight and halved after 30 days, give a verdict by
 * `amenityVerdict`. Open: the weightier side of the last two hours' answers (the later on a tie), or
 * failing those the latest answer alone.
 */
export function summarizeAnswers(answers: StoredAnswer[], now: Date, revision: number): ConfirmationSummary {
  const t = now.getTime();
  const amenities: ConfirmationSummary['amenities'] = {};
  for (const amenity of AMENITIES) {
    const mine = answers.filter((a) => a.question === amenity && t - Date.parse(a.at) <= AMENITY_EVIDENCE_DAYS * DAY_MS);
    if (mine.length === 0) continue;
    let yes = 0;
    let no = 0;
    for (const a of mine) {
      const w = a.weight * (t - Date.parse(a.at) > AMENITY_FULL_WEIGHT_DAYS * DAY_MS ? 0.5 : 1);
      if (a.answer === 'yes') yes += w;
      else no += w;
    }
    const state = amenityVerdict(yes, no);
    const yesPeople = mine.filter((a) => a.answer === 'yes').length;
    const noPeople = mine.length - yesPeople;
    amenities[amenity] = {
      state,
      yes: yesPeople,
      no: noPeople,
      disputed: state === 'unknown' && yesPeople > 0 && noPeople > 0,
      at: latest(mine).at,
    };
  }
  const openAnswers = answers.filter((a) => a.question === 'open');
  let open: ConfirmationSummary['open'] = null;
  if (openAnswers.length > 0) {
    const recent = openAnswers.filter((a) => t - Date.parse(a.at) <= OPEN_EVIDENCE_HOURS * HOUR_MS);
    if (recent.length === 0) {
      const last = latest(openAnswers);
      open = { state: last.answer === 'yes' ? 'open' : 'closed', at: last.at, people: 1 };
    } else {
      const weightOf = (answer: ConfirmationAnswer) => recent.filter((a) => a.answer === answer).reduce((s, a) => s + a.weight, 0);
      const [y, n] = [weightOf('yes'), weightOf('no')];
      const side: ConfirmationAnswer = y > n ? 'yes' : n > y ? 'no' : latest(recent).answer;
      const agreeing = recent.filter((a) => a.answer === side);
      open = { state: side === 'yes' ? 'open' : 'closed', at: latest(agreeing).at, people: agreeing.length };
    }
  }
  return { revision, open, amenities };
}

function latest<T extends { at: string }>(list: T[]): T {
  return list.reduce((a, b) => (Date.parse(b.at) > Date.parse(a.at) ? b : a));
}

// ---------------------------------------------------------------------------------------------------
// Reading a summary (server filters, list rows, the station page).

type WithConfirmations = { confirmations?: ConfirmationSummary | null };

/** What a worker is told about an amenity: the host's (or the list's) 有 / 没有 wins; else the workers'. */
export function effectiveAmenity(station: Pick<Station, 'amenities'> & WithConfirmations, amenity: Amenity): AmenityAvailability {
  const own = station.amenities[amenity];
  if (own !== 'unknown') return own;
  return station.confirmations?.amenities[amenity]?.state ?? 'unknown';
}

/** Confirmed open by workers within the last hour (the latest verdict), for hours nobody has given. */
export function confirmedOpenAt(station: WithConfirmations, now: Date): boolean {
  const open = station.confirmations?.open;
  if (!open || open.state !== 'open') return false;
  const age = now.getTime() - Date.parse(open.at);
  return age >= 0 && age <= CONFIRMED_OPEN_MINUTES * 60_000;
}

/** Where workers' verdicts contradict the host's own setting: the flag "师傅反馈和登记的不一致". */
export interface WorkerDisagreement {
  /** Amenities the host set to 有 / 没有 that workers agree are the other way. */
  amenities: Amenity[];
  /** Workers found it closed while the hours say open, or open while they say closed. */
  hours: boolean;
}

export function workerDisagreement(station: Pick<Station, 'amenities' | 'hours' | 'closure'> & WithConfirmations): WorkerDisagreement | null {
  const summary = station.confirmations;
  if (!summary) return null;
  const amenities = AMENITIES.filter((a) => {
    const own = station.amenities[a];
    const workers = summary.amenities[a]?.state;
    return own !== 'unknown' && workers !== undefined && workers !== 'unknown' && workers !== own;
  });
  let hours = false;
  if (summary.open && station.hours) {
    const state = openStatus(station, new Date(summary.open.at)).state;
    const hoursSayOpen = state === 'open' || state === 'closing_soon';
    hours = state !== 'unknown' && hoursSayOpen !== (summary.open.state === 'open');
  }
  return amenities.length > 0 || hours ? { amenities, hours } : null;
}

export function disagreementText(d: WorkerDisagreement): string {
  const parts = [...(d.hours ? ['开放时间'] : []), ...d.amenities.map((a) => AMENITY_LABELS[a])];
  return `师傅反馈和登记的不一致：${parts.join('、')}`;
}

/**
 * The questions a worker at the station is asked: always 现在开着吗？, then amenities nobody has settled
 * (unknown, or disputed among workers), then, to catch a wrong registration, those the host set that no
 * worker has answered yet. At most `max` amenity questions.
 */
export function confirmationQuestions(station: Pick<Station, 'amenities'> & WithConfirmations, max = 4): ConfirmationQuestion[] {
  const workers = station.confirmations?.amenities ?? {};
  const unsettled = AMENITIES.filter((a) => effectiveAmenity(station, a) === 'unknown' || workers[a]?.disputed === true);
  const unchecked = AMENITIES.filter((a) => !unsettled.includes(a) && station.amenities[a] === 'yes' && workers[a] === undefined);
  return ['open', ...[...unsettled, ...unchecked].slice(0, max)];
}

/** "今天 10:20", "昨天 18:05", "12月3日 09:00". */
export function whenText(iso: string, now: Date): string {
  const at = shanghaiClock(new Date(iso));
  const days = shanghaiClock(now).dayIndex - at.dayIndex;
  const hhmm = iso.slice(11, 16);
  if (days === 0) return `今天 ${hhmm}`;
  if (days === 1) return `昨天 ${hhmm}`;
  return `${Number(at.date.slice(5, 7))}月${Number(at.date.slice(8, 10))}日 ${hhmm}`;
}

/** "今天 10:20 有师傅确认开着" (or "3 位师傅确认开着"). */
export function openEvidenceText(open: NonNullable<ConfirmationSummary['open']>, now: Date): string {
  const who = open.people > 1 ? `${open.people} 位师傅` : '有师傅';
  return `${whenText(open.at, now)} ${who}确认${open.state === 'open' ? '开着' : '关着'}`;
}

/** "20 分钟前", "3 小时前", "2 天前": how old a confirmation is. */
export function ageText(iso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 60_000));
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  if (minutes < 24 * 60) return `${Math.floor(minutes / 60)} 小时前`;
  return `${Math.floor(minutes / (24 * 60))} 天前`;
}

/** "3 位师傅确认有热水" / "2 位师傅说没有热水" / "师傅说法不一：热水"; null without answers. */
export function amenityEvidenceText(amenity: Amenity, state: WorkerAmenityState | undefined): string | null {
  if (!state) return null;
  const label = AMENITY_LABELS[amenity];
  if (state.state === 'yes') return `${state.yes} 位师傅确认有${label}`;
  if (state.state === 'no') return `${state.no} 位师傅确认没有${label}`;
  if (state.disputed) return `师傅说法不一：${label}`;
  return `${state.yes + state.no} 位师傅说${state.yes > 0 ? '有' : '没有'}${label}，待更多确认`;
}
