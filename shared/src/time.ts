/**
 * The Shanghai clock, in one place. China has kept UTC+8 without daylight saving since 1991, so the
 * offset is a constant rather than a time-zone database lookup.
 */
export const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

const shanghaiWallClock = (date: Date) => new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString();

/** Timestamps are ISO-8601 on the Shanghai clock with their offset: 2026-11-25T21:41:12+08:00. */
export function toShanghaiIso(date: Date = new Date()): string {
  return `${shanghaiWallClock(date).slice(0, 19)}+08:00`;
}

/** The same to the millisecond, for sort keys where events of one second must keep their order. */
export function toShanghaiIsoMs(date: Date): string {
  return `${shanghaiWallClock(date).slice(0, 23)}+08:00`;
}

/** Today's date on the Shanghai clock, YYYY-MM-DD. */
export function shanghaiDate(now: Date = new Date()): string {
  return shanghaiWallClock(now).slice(0, 10);
}

/** 2026-11-25 21:41 from an ISO time on the Shanghai clock (as the server writes them), for display. */
export function shortTime(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}
