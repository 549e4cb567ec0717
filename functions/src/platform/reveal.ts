import type { AuditInput, AuditLog } from './audit';

/** What was revealed, of which record, in which region: the target of a `pii.reveal` audit entry. */
export interface RevealTarget {
  type: string;
  id: string;
  /** The record's district: staff of the region read the entry. */
  regionCode: string;
  detail: AuditInput['detail'];
}

/**
 * Records that staff saw personal data in the clear. Call it before the data is returned and let its
 * failure propagate: a reveal that could not be recorded is not made.
 */
export function recordReveal(audit: Pick<AuditLog, 'record'>, actorId: string, target: RevealTarget, now: Date): Promise<void> {
  const { type, id, regionCode, detail } = target;
  return audit.record({ actorId, action: 'pii.reveal', targetType: type, targetId: id, regionCode, detail }, now);
}
