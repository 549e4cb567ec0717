/** Timestamps are ISO-8601 on the Shanghai clock with their offset: 2026-11-25T21:41:12+08:00. */
export function toShanghaiIso(date: Date = new Date()): string {
  const local = new Date(date.getTime() + 8 * 3600 * 1000);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}
