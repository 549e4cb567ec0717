import { createPublicKey, generateKeyPairSync, verify as cryptoVerify } from 'node:crypto';
import {
  checkMemberPass,
  fromBase64Url,
  LOCAL_MEMBER_PASS_PUBLIC_KEY,
  MEMBER_PASS_CLOCK_SKEW_SECONDS,
  MEMBER_PASS_MAX_AGE_SECONDS,
  MEMBER_PASS_PREFIX,
  toBase64Url,
} from '@yz/shared';
import { verifyEd25519, verifyMemberPass } from '@yz/shared/member-pass-verify';
import { ed25519KeyFromSeed, MemberPassSigner } from '../../../functions/src/membership/member-pass';
import { configFromEnv, LOCAL_MEMBER_PASS_KEY, localSecrets } from '../../../functions/src/platform/config';
import { deployedEnv } from '../../helpers/deploy-settings';

/**
 * The member card's code: signed by the server (node:crypto through jose), checked by the pure-JS
 * verifier the host's app runs. node:crypto is the independent oracle for the signature itself.
 */

// Pure-JS curve arithmetic: milliseconds on a quiet machine, seconds on a loaded 2-core one.
jest.setTimeout(60_000);

const T0 = new Date('2026-12-05T08:00:00Z');
const member = { memberNo: '3604281234567890', maskedName: '王**' };
const signer = new MemberPassSigner(async () => LOCAL_MEMBER_PASS_KEY, LOCAL_MEMBER_PASS_PUBLIC_KEY);
const at = (seconds: number) => T0.getTime() + seconds * 1000;

function otherKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { seed: String(privateKey.export({ format: 'jwk' }).d), publicKey: String(publicKey.export({ format: 'jwk' }).x) };
}

describe('member pass', () => {
  it("the development seed's public key is the one the app is built with", () => {
    expect(ed25519KeyFromSeed(LOCAL_MEMBER_PASS_KEY).publicKey).toBe(LOCAL_MEMBER_PASS_PUBLIC_KEY);
  });

  it('signs the member number and masked name, nothing else, valid for two minutes', async () => {
    const pass = await signer.issue(member, T0);
    expect(pass.content.startsWith(MEMBER_PASS_PREFIX)).toBe(true);
    expect(pass.image).toMatch(/^data:image\/png;base64,/);
    expect(pass.issuedAt).toBe('2026-12-05T16:00:00+08:00');
    expect(pass.expiresAt).toBe('2026-12-05T16:02:00+08:00');
    expect(pass.refreshSeconds).toBe(60);
    const payload = pass.content.slice(MEMBER_PASS_PREFIX.length).split('.')[1]!;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('latin1')) as Record<string, unknown>;
    expect(claims).toEqual({ no: member.memberNo, nm: '王**', iat: T0.getTime() / 1000, exp: T0.getTime() / 1000 + MEMBER_PASS_MAX_AGE_SECONDS });
    // ASCII only: the name travels as \u escapes, so the phone needs no UTF-8 decoder.
    expect(Buffer.from(payload, 'base64url').every((b) => b < 0x80)).toBe(true);
  });

  it('verifies offline up to two minutes, then refuses in Chinese; a clock a little behind is allowed', async () => {
    const { content } = await signer.issue(member, T0);
    const ok = verifyMemberPass(content, LOCAL_MEMBER_PASS_PUBLIC_KEY, at(0));
    expect(ok).toEqual({ ok: true, claims: expect.objectContaining({ no: member.memberNo, nm: '王**' }) });
    expect(verifyMemberPass(content, LOCAL_MEMBER_PASS_PUBLIC_KEY, at(MEMBER_PASS_MAX_AGE_SECONDS)).ok).toBe(true);
    const late = verifyMemberPass(content, LOCAL_MEMBER_PASS_PUBLIC_KEY, at(MEMBER_PASS_MAX_AGE_SECONDS + 1));
    expect(late).toEqual({ ok: false, reason: 'expired', message: expect.stringContaining('已过期') });
    expect(verifyMemberPass(content, LOCAL_MEMBER_PASS_PUBLIC_KEY, at(-MEMBER_PASS_CLOCK_SKEW_SECONDS)).ok).toBe(true);
    expect(verifyMemberPass(content, LOCAL_MEMBER_PASS_PUBLIC_KEY, at(-MEMBER_PASS_CLOCK_SKEW_SECONDS - 1))).toMatchObject({ ok: false, reason: 'future' });
  });

  it('refuses a changed member number or name, a signature of another key, and garbage', async () => {
    const { content } = await signer.issue(member, T0);
    const [header, payload, signature] = content.slice(MEMBER_PASS_PREFIX.length).split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('latin1')) as Record<string, unknown>;
    const forged = (changes: Record<string, unknown>) =>
      `${MEMBER_PASS_PREFIX}${header}.${Buffer.from(JSON.stringify({ ...claims, ...changes })).toString('base64url')}.${signature}`;
    for (const tampered of [forged({ no: '3604280000000001' }), forged({ nm: '李**' }), forged({ iat: Number(claims.iat) + 600, exp: Number(claims.exp) + 600 })]) {
      expect(verifyMemberPass(tampered, LOCAL_MEMBER_PASS_PUBLIC_KEY, at(0))).toMatchObject({ ok: false, reason: 'signature', message: expect.stringContaining('签名校验失败') });
    }
    // One flipped bit of the signature.
    const sig = fromBase64Url(signature)!;
    sig[10] = sig[10]! ^ 1;
    expect(verifyMemberPass(`${MEMBER_PASS_PREFIX}${header}.${payload}.${toBase64Url(sig)}`, LOCAL_MEMBER_PASS_PUBLIC_KEY, at(0))).toMatchObject({ reason: 'signature' });
    // Signed by a key the app does not carry.
    const other = otherKeyPair();
    const foreign = await new MemberPassSigner(async () => other.seed, other.publicKey).issue(member, T0);
    expect(verifyMemberPass(foreign.content, LOCAL_MEMBER_PASS_PUBLIC_KEY, at(0))).toMatchObject({ reason: 'signature' });
    expect(verifyMemberPass(foreign.content, other.publicKey, at(0)).ok).toBe(true);
    for (const junk of ['', 'hello', 'YZCARD:abc', `${MEMBER_PASS_PREFIX}a.b`, `${MEMBER_PASS_PREFIX}!!.??.##`, `${MEMBER_PASS_PREFIX}${header}.${payload}.${signature.slice(2)}`]) {
      expect(verifyMemberPass(junk, LOCAL_MEMBER_PASS_PUBLIC_KEY, at(0))).toMatchObject({ ok: false, reason: 'malformed', message: expect.stringContaining('不是工会会员码') });
    }
  });

  it('the pure-JS signature check agrees with node:crypto, and runs before the age check', async () => {
    const { content } = await signer.issue(member, T0);
    const [header, payload, signature] = content.slice(MEMBER_PASS_PREFIX.length).split('.') as [string, string, string];
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: LOCAL_MEMBER_PASS_PUBLIC_KEY }, format: 'jwk' });
    for (const message of [`${header}.${payload}`, `${header}.${payload}x`, `${header}x.${payload}`]) {
      const bytes = Buffer.from(message, 'latin1');
      const node = cryptoVerify(null, bytes, publicKey, Buffer.from(signature, 'base64url'));
      expect(verifyEd25519(fromBase64Url(signature)!, new Uint8Array(bytes), fromBase64Url(LOCAL_MEMBER_PASS_PUBLIC_KEY)!)).toBe(node);
    }
    // An old code with a bad signature is called forged, not old.
    let calls = 0;
    const result = checkMemberPass(content, LOCAL_MEMBER_PASS_PUBLIC_KEY, at(3600), () => {
      calls += 1;
      return false;
    });
    expect(result).toMatchObject({ reason: 'signature' });
    expect(calls).toBe(1);
  });

  it('base64url round-trips every length', () => {
    for (let n = 0; n < 40; n += 1) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      expect(toBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      expect(Array.from(fromBase64Url(toBase64Url(bytes))!)).toEqual(Array.from(bytes));
    }
  });

  it('refuses to sign with a private key that does not match the configured public key', async () => {
    const other = otherKeyPair();
    await expect(new MemberPassSigner(async () => other.seed, LOCAL_MEMBER_PASS_PUBLIC_KEY).issue(member, T0)).rejects.toThrow(/does not match YZ_MEMBER_PASS_PUBLIC_KEY/);
    await expect(new MemberPassSigner(async () => 'short', LOCAL_MEMBER_PASS_PUBLIC_KEY).issue(member, T0)).rejects.toThrow(/32-byte Ed25519 seed/);
  });

  it('in a deployed stage takes the key from Secrets Manager only, and refuses the development key as the public key', async () => {
    const env = deployedEnv('prod');
    await expect(configFromEnv({ ...env, YZ_MEMBER_PASS_KEY: LOCAL_MEMBER_PASS_KEY }).secrets.memberPassKey()).rejects.toThrow(/Secrets Manager/);
    expect(() => configFromEnv({ ...env, YZ_MEMBER_PASS_PUBLIC_KEY: LOCAL_MEMBER_PASS_PUBLIC_KEY })).toThrow(/YZ_MEMBER_PASS_PUBLIC_KEY/);
    await expect(localSecrets().memberPassKey()).resolves.toBe(LOCAL_MEMBER_PASS_KEY);
  });
});
