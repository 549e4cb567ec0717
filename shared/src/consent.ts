import './zod-config';
import * as z from 'zod';

/**
 * The separate consents (PIPL arts. 28–30) and the version of each notice now in force, declared once.
 * A body names the version its sender read; anything but the current one is refused by the schema, the
 * same way for every kind, so a stale or made-up version is never stored.
 */
export const CONSENT_VERSIONS = {
  membership: '2026-11-v1',
  hardship: '2026-12-v1',
  volunteer: '2026-12-v1',
} as const;
export type ConsentKind = keyof typeof CONSENT_VERSIONS;

/** 400 CONSENT_OUTDATED unless the version is the current one of `kind`: the client shows the notice again. */
export function consentVersionField(kind: ConsentKind) {
  const current = CONSENT_VERSIONS[kind];
  return z.string({ error: '缺少告知书版本' }).superRefine((value, ctx) => {
    if (value !== current) {
      ctx.addIssue({ code: 'custom', message: '告知书已更新，请重新阅读并勾选同意后再提交', params: { apiCode: 'CONSENT_OUTDATED' }, input: value });
    }
  }) as z.ZodType<typeof current, string>;
}
