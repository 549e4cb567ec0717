import {
  CONFIRM_RADIUS_METERS,
  CONFIRM_REPEAT_HOURS,
  CONFIRM_SCAN_HOURS,
  CONFIRMATIONS_PER_MINUTE_PER_DEVICE,
  CONFIRMATIONS_PER_MINUTE_PER_PERSON,
  OPEN_EVIDENCE_HOURS,
  distanceMeters,
  formatDistance,
  personWeight,
  summarizeAnswers,
  type ConfirmationBody,
  type ConfirmationReceipt,
  type ConfirmationSummary,
  type Station,
} from '@yz/shared';
import { AppError, conflict, notFound } from '../platform/errors';
import type { Principal } from '../platform/users';
import type { ConfirmationFold, StationConfirmations } from '../stations/ports';
import type { ConfirmationStore } from './store';

export interface ConfirmationDeps {
  stations: { find(id: string): Promise<Station | null> };
  fold: StationConfirmations;
  scans: { lastScan(stationId: string, userId: string): Promise<Date | null> };
  store: ConfirmationStore;
  limiter: { hit(key: string, limit: number, now: Date): Promise<void> };
}

/**
 * What the others at this station say now, on this question, before this answer: 'yes' / 'no' when they
 * agree, null when nobody has settled it. An answer against a settled verdict counts as disagreeing.
 */
function settled(summary: ConfirmationSummary | null | undefined, question: ConfirmationBody['question'], now: Date): 'yes' | 'no' | null {
  if (!summary) return null;
  if (question === 'open') {
    const open = summary.open;
    if (!open || open.people < 2 || now.getTime() - Date.parse(open.at) > OPEN_EVIDENCE_HOURS * 3600_000) return null;
    return open.state === 'open' ? 'yes' : 'no';
  }
  const state = summary.amenities[question]?.state;
  return state === 'yes' || state === 'no' ? state : null;
}

/** Workers confirm what they see at a station (师傅确认). Nothing about who answered is ever shown. */
export class ConfirmationService {
  constructor(private readonly deps: ConfirmationDeps) {}

  async confirm(principal: Principal, stationId: string, body: ConfirmationBody, now: Date): Promise<ConfirmationReceipt> {
    const station = await this.deps.stations.find(stationId);
    if (!station) throw notFound('STATION_NOT_FOUND', '没有找到这个驿站，它可能已被删除');
    if (station.status === 'inactive') throw conflict('STATION_INACTIVE', '这个驿站已经停用，不需要再确认');

    await this.deps.limiter.hit(`confirm:user:${principal.userId}`, CONFIRMATIONS_PER_MINUTE_PER_PERSON, now);
    await this.deps.limiter.hit(`confirm:device:${body.deviceId}`, CONFIRMATIONS_PER_MINUTE_PER_DEVICE, now);
    const presence = await this.presence(principal, station, body, now);

    const weight = personWeight(await this.deps.store.person(principal.userId));
    const before = settled(station.confirmations, body.question, now);
    const stored = await this.deps.store.record(stationId, principal.userId, { question: body.question, answer: body.answer, weight }, now);
    if (!stored) {
      throw conflict('ALREADY_CONFIRMED', `这个问题你 ${CONFIRM_REPEAT_HOURS} 小时内已经回答过了，谢谢！`, { question: body.question });
    }
    if (before !== null) await this.deps.store.tally(principal.userId, before === body.answer, now);

    const folded = await this.deps.fold.foldConfirmations(stationId, (current) => this.fold(current, now));
    if (!folded?.confirmations) throw notFound('STATION_NOT_FOUND', '没有找到这个驿站，它可能已被删除');
    return { question: body.question, answer: body.answer, presence, confirmations: folded.confirmations };
  }

  /**
   * At the station: the device within CONFIRM_RADIUS_METERS (the position is used for this check only,
   * never stored or logged), or a scan of the station's QR code in the last CONFIRM_SCAN_HOURS. Refused
   * with 422 rather than 403: the caller may confirm, only not from where they are (403 means no access).
   */
  private async presence(principal: Principal, station: Station, body: ConfirmationBody, now: Date): Promise<'position' | 'scan'> {
    let distance: number | null = null;
    if (body.position && station.location) {
      distance = distanceMeters(body.position, station.location);
      if (distance <= CONFIRM_RADIUS_METERS) return 'position';
    }
    const scanned = await this.deps.scans.lastScan(station.id, principal.userId);
    if (scanned && now.getTime() - scanned.getTime() <= CONFIRM_SCAN_HOURS * 3600_000) return 'scan';
    if (distance !== null) {
      throw new AppError(
        422,
        'TOO_FAR_FROM_STATION',
        `你离驿站还有 ${formatDistance(distance)}，到驿站 ${CONFIRM_RADIUS_METERS} 米以内（或扫驿站的二维码）再来确认`,
        { distanceMeters: Math.round(distance) },
      );
    }
    throw new AppError(422, 'NOT_AT_STATION', '请在驿站现场确认：打开定位，或扫驿站的二维码');
  }

  private async fold(station: Station, now: Date): Promise<ConfirmationFold> {
    const answers = await this.deps.store.answers(station.id);
    const confirmations = summarizeAnswers(answers, now, (station.confirmations?.revision ?? 0) + 1);
    const latest = answers.reduce((a, b) => (Date.parse(b.at) > Date.parse(a) ? b.at : a), answers[0]?.at ?? '');
    return { confirmations, workerConfirmedAt: latest };
  }
}
