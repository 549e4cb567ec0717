import { AppError } from '../../functions/src/platform/errors';
import { idNumberUnavailable, type IdConflictGuard } from '../../functions/src/platform/id-conflicts';
import type { Principal } from '../../functions/src/platform/users';

/** What the unit tests of a service's rules (on in-memory stores) share: the clock, callers, refusals. */

export const NOW = new Date('2026-12-05T02:00:00Z');
export const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

/** A signed-in caller: a worker unless `extra` says otherwise. */
export const principal = (userId: string, extra: Partial<Principal> = {}): Principal => ({
  userId,
  sessionId: 's',
  roles: ['worker'],
  staffScopes: [],
  hostStations: [],
  isAdmin: false,
  ...extra,
});

/** The error code a service call is refused with; fails when it succeeds or throws something else. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** An ID-conflict guard that admits every caller and writes down whose ID number a refusal protected. */
export function recordingIdConflicts(refusals: string[]): Pick<IdConflictGuard, 'admit' | 'refuse'> {
  return {
    admit: async () => undefined,
    refuse: async (conflict) => {
      refusals.push(conflict.holderId);
      return idNumberUnavailable();
    },
  };
}
