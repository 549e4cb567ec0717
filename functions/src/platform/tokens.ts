import { jwtVerify, SignJWT } from 'jose';

/**
 * Session tokens: HS256 JWTs naming a user and a session. The token alone is never enough: the
 * session it names must still exist (logout and account deletion delete it), so revocation is at once.
 */
const ISSUER = 'yizhan';
const AUDIENCE = 'yizhan-api';

export const SESSION_DAYS = 30;

export class SessionTokens {
  private key: Promise<Uint8Array> | null = null;

  /** The key is fetched when first needed (a cold start serving public routes never reads it). */
  constructor(private readonly secret: () => Promise<string>) {}

  private getKey(): Promise<Uint8Array> {
    this.key ??= this.secret().then((s) => new TextEncoder().encode(s));
    // A failed read is retried on the next call rather than kept.
    this.key.catch(() => (this.key = null));
    return this.key;
  }

  async sign(claims: { userId: string; sessionId: string; expiresAt: Date }): Promise<string> {
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
      .sign(await this.getKey());
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  async verify(token: string, now: Date = new Date()): Promise<{ userId: string; sessionId: string } | null> {
    try {
      const { payload } = await jwtVerify(token, await this.getKey(), {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: now,
      });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
      return { userId: payload.sub, sessionId: payload.sid };
    } catch {
      return null;
    }
  }
}
