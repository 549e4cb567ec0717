
import { batchGetTables } from './batch';
import type { Db } from './db';
import { unauthenticated } from './errors';
import { SessionTokens } from './tokens';
import { principalOf, userKey, type Principal, type UserItem } from './users';

export interface SessionItem {
  id: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  /** Epoch seconds: DynamoDB's TTL removes the item after it. */
  expiresAtEpoch: number;
}

/**
 * Turns an Authorization header into a Principal. The user is read on every request, so a role
 * granted or revoked takes effect on the next call; the session is read too, so logout and account
 * deletion end a token at once. Both come back in one BatchGet.
 */
export class Authenticator {
  constructor(
    private readonly db: Db,
    readonly tokens: SessionTokens,
  ) {}

  /**
   * null: no credentials were sent. Throws 401 when credentials were sent but are not (or no longer)
   * valid, so a client can tell "log in" from "log in again".
   */
  async principal(authorization: string | undefined, now: Date): Promise<Principal | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('SESSION_INVALID', '登录状态无效，请重新登录');
    const claims = await this.tokens.verify(match[1]!, now);
    if (!claims) throw unauthenticated('SESSION_EXPIRED', '登录已过期，请重新登录');
    const sessions = this.db.table('sessions');
    const users = this.db.table('users');
    const out = await batchGetTables(this.db.doc, {
      [sessions]: { keys: [{ id: claims.sessionId }] },
      [users]: { keys: [userKey(claims.userId)] },
    });
    const session = out[sessions]?.[0] as SessionItem | undefined;
    const user = out[users]?.[0] as UserItem | undefined;
    if (!session || session.userId !== claims.userId || Date.parse(session.expiresAt) <= now.getTime() || !user) {
      throw unauthenticated('SESSION_EXPIRED', '登录已过期，请重新登录');
    }
    return principalOf(user, session.id);
  }
}
