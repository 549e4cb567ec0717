import { BatchGetCommand, type BatchGetCommandOutput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { tooManyRequests } from './errors';

/**
 * A sliding one-minute window, strict: in ANY 60 seconds at most `limit` hits on a key pass. (A fixed
 * window let 2 × limit through across a window edge: a burst at 0:59 and another at 1:00.)
 *
 * The minute is cut into SLICES slices of 10 s, each a counter item bumped with an atomic ADD. A hit
 * counts against the slice it falls in plus the SLICES slices before it: those cover the whole of the
 * last minute and up to one slice more, so the check errs on the side of refusing (a client may wait
 * up to 10 s longer than a perfect log would make it), never on letting more through. Old slices never
 * change, and concurrent hits on the current slice each get their own count from the ADD, so
 * concurrency cannot overshoot either. A refused hit takes its count back, so refusals do not lengthen
 * the wait. Each item expires by TTL once no window can reach it. Two calls per hit: the ADD and one
 * BatchGet of the older slices.
 */
const WINDOW_SECONDS = 60;
const SLICES = 6;
const SLICE_SECONDS = WINDOW_SECONDS / SLICES;

export class RateLimiter {
  constructor(private readonly db: Db) {}

  private get table() {
    return this.db.table('rateLimits');
  }

  private async add(key: string, sliceStart: number, delta: number): Promise<number> {
    const out = await this.db.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { key: `${key}#${sliceStart}` },
        UpdateExpression: 'ADD hits :d SET expiresAtEpoch = :expires',
        ExpressionAttributeValues: { ':d': delta, ':expires': sliceStart + WINDOW_SECONDS + SLICE_SECONDS * 2 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.hits ?? 0);
  }

  /** Hits in the SLICES slices before `sliceStart`, oldest first. */
  private async earlier(key: string, sliceStart: number): Promise<number[]> {
    const starts = Array.from({ length: SLICES }, (_, i) => sliceStart - (SLICES - i) * SLICE_SECONDS);
    const found = new Map<string, number>();
    let keys: Record<string, unknown>[] | undefined = starts.map((s) => ({ key: `${key}#${s}` }));
    for (let attempt = 0; keys && keys.length > 0; attempt += 1) {
      // Unread slices would undercount: after a few tries the request fails rather than pass unchecked.
      if (attempt === 4) throw new Error('rate limit: slices left unread');
      const out: BatchGetCommandOutput = await this.db.doc.send(new BatchGetCommand({ RequestItems: { [this.table]: { Keys: keys, ProjectionExpression: '#k, hits', ExpressionAttributeNames: { '#k': 'key' } } } }));
      for (const item of out.Responses?.[this.table] ?? []) found.set(String(item.key), Number(item.hits ?? 0));
      keys = out.UnprocessedKeys?.[this.table]?.Keys;
    }
    return starts.map((s) => found.get(`${key}#${s}`) ?? 0);
  }

  /** Counts one hit on `key`; throws 429 with Retry-After when it would pass `limit` in the sliding minute. */
  async hit(key: string, limit: number, now: Date): Promise<void> {
    const epoch = Math.floor(now.getTime() / 1000);
    const sliceStart = epoch - (epoch % SLICE_SECONDS);
    const [current, older] = await Promise.all([this.add(key, sliceStart, 1), this.earlier(key, sliceStart)]);
    const total = older.reduce((a, b) => a + b, 0) + current;
    if (total <= limit) return;
    await this.add(key, sliceStart, -1);
    // The wait: until enough of the oldest slices have left the window for one more hit to fit.
    let left = total - 1;
    let wait = sliceStart + SLICE_SECONDS - epoch;
    for (const hits of older) {
      if (left < limit) break;
      left -= hits;
      wait += SLICE_SECONDS;
    }
    throw tooManyRequests(Math.max(1, wait - SLICE_SECONDS));
  }
}
