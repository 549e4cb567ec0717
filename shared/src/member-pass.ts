import './zod-config';
import * as z from 'zod';
import { IsoDateTime } from './fields';

/**
 * The member card's rotating QR code (会员码): a short-lived Ed25519-signed token that a station host
 * or partner checks OFFLINE with the public key shipped in the app. It names the member number, the
 * masked name (what a host must see) and its issue and expiry times: nothing else personal.
 *
 * Format: `YZMEMBER:` + a compact JWS (`header.payload.signature`, base64url, alg EdDSA). The payload
 * is ASCII-only JSON (non-ASCII as \uXXXX escapes), so a verifier needs no UTF-8 decoder, which
 * WeChat's JS engines do not all have.
 *
 * This file has no crypto: the signature check is passed in (member-pass-verify.ts), so the main
 * package, which imports the schemas, never carries the curve code.
 */
export const MEMBER_PASS_PREFIX = 'YZMEMBER:';
/** The card asks for a new code this often. */
export const MEMBER_PASS_REFRESH_SECONDS = 60;
/** A code older than this is refused: a screenshot stops working after two minutes. */
export const MEMBER_PASS_MAX_AGE_SECONDS = 120;
/**
 * The checking phone's clock may be this far behind the server's: a code issued up to this many
 * seconds "in the future" still passes. A clock that is ahead shortens the two minutes by as much.
 */
export const MEMBER_PASS_CLOCK_SKEW_SECONDS = 30;
/** A scan checked offline is reported (and counted) when the phone is next online, within this time. */
export const MEMBER_SCAN_REPORT_HOURS = 24;

/**
 * The development key pair's public half (base64url, 32 bytes). Release builds replace it with the
 * stage's key (TARO_APP_MEMBER_PASS_PUBLIC_KEY from infra/stages/<stage>.json, `memberPassPublicKey`);
 * deployed stages refuse it. The private half is in functions/src/platform/config.ts.
 */
export const LOCAL_MEMBER_PASS_PUBLIC_KEY = 'xKImkJ7qwiy-3gI2cj20gQdudi36yLoNF6Tqi_hA0eo';

export const MemberPassClaims = z.object({
  /** Member number. */
  no: z.string().min(1).max(32),
  /** Masked name (王**). */
  nm: z.string().min(1).max(40),
  /** Issued at and expires at, Unix seconds. */
  iat: z.number().int(),
  exp: z.number().int(),
});
export type MemberPassClaims = z.infer<typeof MemberPassClaims>;

/** What the card page shows: the QR code's text and image, and when to fetch the next one. */
export const MemberPass = z.object({
  content: z.string(),
  /** The QR code as a PNG data URL. */
  image: z.string(),
  issuedAt: IsoDateTime,
  expiresAt: IsoDateTime,
  refreshSeconds: z.number().int().min(1),
});
export type MemberPass = z.infer<typeof MemberPass>;

export type MemberPassCheck =
  | { ok: true; claims: MemberPassClaims }
  | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'future'; message: string };

const MESSAGES = {
  malformed: '这不是工会会员码，请让会员打开电子会员证重新出示',
  signature: '会员码无效：签名校验失败，可能是伪造或被改动过的二维码',
  expired: '会员码已过期（超过 2 分钟），请让会员刷新电子会员证后重新出示，截图无效',
  future: '会员码的时间晚于本机时间，请检查手机时间是否准确',
} as const;

const fail = (reason: keyof typeof MESSAGES): MemberPassCheck => ({ ok: false, reason, message: MESSAGES[reason] });

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding to bytes; null for anything else. (No atob in WeChat's engines.) */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const ch of text) {
    value = (value << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let c = 0; c < chars; c += 1) out += B64[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const asciiBytes = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));

/** JSON with every non-ASCII character escaped: the payload's bytes are its characters. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Verifies an Ed25519 signature of `message` under the public key (both raw bytes). */
export type VerifySignature = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

/**
 * Checks a scanned member code: its shape, its signature under `publicKey` (base64url), and its age
 * on `nowMs` (the checking phone's clock). The order matters: a forged code is called forged even
 * when it is also old.
 */
export function checkMemberPass(scanned: string, publicKey: string, nowMs: number, verify: VerifySignature): MemberPassCheck {
  const text = scanned.trim();
  if (!text.startsWith(MEMBER_PASS_PREFIX)) return fail('malformed');
  const parts = text.slice(MEMBER_PASS_PREFIX.length).split('.');
  if (parts.length !== 3) return fail('malformed');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = fromBase64Url(headerPart);
  const payload = fromBase64Url(payloadPart);
  const signature = fromBase64Url(signaturePart);
  const key = fromBase64Url(publicKey);
  if (!header || !payload || !signature || signature.length !== 64 || !key || key.length !== 32) return fail('malformed');
  let claims: MemberPassClaims;
  try {
    const head = JSON.parse(ascii(header)) as { alg?: unknown };
    if (head.alg !== 'EdDSA') return fail('malformed');
    const parsed = MemberPassClaims.safeParse(JSON.parse(ascii(payload)));
    if (!parsed.success) return fail('malformed');
    claims = parsed.data;
  } catch {
    return fail('malformed');
  }
  let valid = false;
  try {
    valid = verify(signature, asciiBytes(`${headerPart}.${payloadPart}`), key);
  } catch {
    valid = false;
  }
  if (!valid) return fail('signature');
  const now = Math.floor(nowMs / 1000);
  if (claims.iat > now + MEMBER_PASS_CLOCK_SKEW_SECONDS) return fail('future');
  if (now - claims.iat > MEMBER_PASS_MAX_AGE_SECONDS || now > claims.exp) return fail('expired');
  return { ok: true, claims };
}
