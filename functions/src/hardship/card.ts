import { createHmac, randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import QRCode from 'qrcode';
import { CARD_PREFIX } from '@yz/shared';

/**
 * The personal QR card's token: an HS256 JWT that names only a random card id (`cid`) — no name, no
 * file id, nothing personal. The card id lives on the file (`cardTokenId`); reissuing draws a new one
 * and revoking removes it, so an old card stops working at once even though its signature still holds.
 *
 * The key is derived from the session-token secret (HMAC with a fixed label), so the card needs no
 * secret of its own, and a session token can never pass for a card or the other way round.
 */
const ISSUER = 'yizhan';
const AUDIENCE = 'yizhan-hardship-card';
const LABEL = 'yizhan-hardship-card-v1';

export const newCardId = () => randomBytes(18).toString('base64url');

export class CardTokens {
  private key: Promise<Uint8Array> | null = null;

  constructor(private readonly secret: () => Promise<string>) {}

  private getKey(): Promise<Uint8Array> {
    this.key ??= this.secret().then((s) => new Uint8Array(createHmac('sha256', s).update(LABEL).digest()));
    this.key.catch(() => (this.key = null));
    return this.key;
  }

  /** The same card id always gives the same token (no issue time), so the printed card stays valid. */
  async sign(cardId: string): Promise<string> {
    return new SignJWT({ cid: cardId })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .sign(await this.getKey());
  }

  /** The card id of a well-signed token; null for anything else. */
  async verify(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, await this.getKey(), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
      return typeof payload.cid === 'string' && payload.cid.length > 0 ? payload.cid : null;
    } catch {
      return null;
    }
  }

  /** What the card shows: the text the QR code carries and the QR code itself as a PNG data URL. */
  async card(cardId: string): Promise<{ content: string; image: string }> {
    const content = `${CARD_PREFIX}${await this.sign(cardId)}`;
    const image = await QRCode.toDataURL(content, { errorCorrectionLevel: 'M', margin: 2, width: 480 });
    return { content, image };
  }
}
