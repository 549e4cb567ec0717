import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { CompactSign } from 'jose';
import QRCode from 'qrcode';
import { asciiJson, MEMBER_PASS_MAX_AGE_SECONDS, MEMBER_PASS_PREFIX, MEMBER_PASS_REFRESH_SECONDS, toShanghaiIso, type MemberPass } from '@yz/shared';

/**
 * Signs the member card's rotating code (shared/src/member-pass.ts) with the stage's Ed25519 private
 * key. The key is a 32-byte seed, base64url: Secrets Manager's `member-pass-key` in AWS, a fixed
 * development seed off AWS (platform/config.ts). Hosts' apps verify with the public key built into
 * them, so a private key that does not match the configured public key would make every card fail at
 * the door: the signer refuses to sign with it instead.
 */

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410): node:crypto imports keys, not bare seeds.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function ed25519KeyFromSeed(seed: string): { privateKey: KeyObject; publicKey: string } {
  const raw = Buffer.from(seed, 'base64url');
  if (raw.length !== 32 || raw.toString('base64url') !== seed) throw new Error('member-pass-key: privateKey must be a 32-byte Ed25519 seed in base64url (43 characters)');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, raw]), format: 'der', type: 'pkcs8' });
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return { privateKey, publicKey: String(jwk.x) };
}

export class MemberPassSigner {
  private key: Promise<KeyObject> | null = null;

  constructor(
    private readonly seed: () => Promise<string>,
    private readonly expectedPublicKey: string,
  ) {}

  private getKey(): Promise<KeyObject> {
    this.key ??= this.seed().then((seed) => {
      const { privateKey, publicKey } = ed25519KeyFromSeed(seed);
      if (publicKey !== this.expectedPublicKey) {
        throw new Error(`member-pass-key does not match YZ_MEMBER_PASS_PUBLIC_KEY (its public key is ${publicKey}): hosts' apps would refuse every card`);
      }
      return privateKey;
    });
    // A failed read is retried on the next call rather than kept.
    this.key.catch(() => (this.key = null));
    return this.key;
  }

  /** The code for this member at `now`: its text, its QR image, and when it stops being accepted. */
  async issue(member: { memberNo: string; maskedName: string }, now: Date): Promise<MemberPass> {
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + MEMBER_PASS_MAX_AGE_SECONDS;
    const payload = new TextEncoder().encode(asciiJson({ no: member.memberNo, nm: member.maskedName, iat, exp }));
    const jws = await new CompactSign(payload).setProtectedHeader({ alg: 'EdDSA' }).sign(await this.getKey());
    const content = `${MEMBER_PASS_PREFIX}${jws}`;
    const image = await QRCode.toDataURL(content, { errorCorrectionLevel: 'M', margin: 2, width: 480 });
    return {
      content,
      image,
      issuedAt: toShanghaiIso(new Date(iat * 1000)),
      expiresAt: toShanghaiIso(new Date(exp * 1000)),
      refreshSeconds: MEMBER_PASS_REFRESH_SECONDS,
    };
  }
}
