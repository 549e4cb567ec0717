import * as z from 'zod';

/**
 * How long personal data no longer needed is kept (PIPL art. 19: no longer than the purpose needs).
 * Rejected and withdrawn membership applications, declined hardship self-applications, the personal
 * fields of withdrawn and closed wishes and volunteer registrations with no activity are erased by
 * the `retention` job (functions/src/jobs/retention.ts) once they are older than their region's
 * period. A region sets its own period with YZ_RETENTION_DAYS, a JSON map from a province, city or
 * district code to days (`{"45": 90, "450502": 365}`); the most specific code wins, then `default`.
 * The audit log is kept 3 years, by DynamoDB TTL on each entry.
 */
export const DEFAULT_RETENTION_DAYS = 180;
export const AUDIT_RETENTION_DAYS = 3 * 366;

export const RetentionSetting = z.record(z.union([z.literal('default'), z.string().regex(/^(\d{2}|\d{4}|\d{6})$/)]), z.number().int().min(1).max(3_650));
export type RetentionSetting = z.infer<typeof RetentionSetting>;

const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  /** Days kept for data of a district (6 digits); data without a region gets the default. */
  daysFor(districtCode?: string): number;
  /** Data of the district last changed before this instant is due for erasure. */
  cutoffFor(districtCode: string | undefined, now: Date): Date;
  /** The latest cutoff of any district in the province: a query bound that misses nothing due. */
  latestCutoffIn(provinceCode: string, now: Date): Date;
}

export function retentionPolicy(setting: RetentionSetting = {}): RetentionPolicy {
  const fallback = setting.default ?? DEFAULT_RETENTION_DAYS;
  const daysFor = (code?: string) =>
    (code && (setting[code] ?? setting[code.slice(0, 4)] ?? setting[code.slice(0, 2)])) || fallback;
  return {
    daysFor,
    cutoffFor: (code, now) => new Date(now.getTime() - daysFor(code) * DAY_MS),
    latestCutoffIn(provinceCode, now) {
      const days = Object.keys(setting)
        .filter((code) => code !== 'default' && (code.startsWith(provinceCode) || provinceCode.startsWith(code)))
        .map((code) => setting[code]!);
      return new Date(now.getTime() - Math.min(daysFor(provinceCode), ...days) * DAY_MS);
    },
  };
}

/** The TTL (epoch seconds) of an audit entry written now. */
export const auditExpiresAtEpoch = (now: Date): number => Math.floor(now.getTime() / 1000) + AUDIT_RETENTION_DAYS * 86_400;
