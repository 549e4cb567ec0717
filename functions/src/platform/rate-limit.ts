import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { tooManyRequests } from './errors';

/**
 * Fixed one-minute windows counted with an atomic ADD: concurrent requests never lose a count. The
 * window's item expires by TTL soon after the window closes.
 */
const WINDOW_SECONDS = 60;

export class RateLimiter {
  constructor(private readonly db: Db) {}

  /** Counts one hit on `key`; throws 429 with Retry-After when the window's limit is passed. */
  async hit(key: string, limit: number, now: Date): Promise<void> {
    const epoch = Math.floor(now.getTime() / 1000);
    const windowStart = epoch - (epoch % WINDOW_SECONDS);
    const out = await this.db.doc.send(
      new UpdateCommand({
        TableName: this.db.table('rateLimits'),
        Key: { key: `${key}#${windowStart}` },
        UpdateExpression: 'ADD hits :one SET expiresAtEpoch = :expires',
        ExpressionAttributeValues: { ':one': 1, ':expires': windowStart + WINDOW_SECONDS * 2 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const hits = Number(out.Attributes?.hits ?? 0);
    if (hits > limit) throw tooManyRequests(Math.max(1, windowStart + WINDOW_SECONDS - epoch));
  }
}
