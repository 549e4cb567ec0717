import { ed25519 } from '@noble/curves/ed25519';
import { checkMemberPass, type MemberPassCheck, type VerifySignature } from './member-pass';

/**
 * The member code's signature check in pure JavaScript (no crypto.subtle in WeChat), so a host's phone
 * checks a card with no network. Kept out of the package index: only the host's subpackage and the
 * server import it (`@yz/shared/member-pass-verify`), and the curve code stays out of the main package.
 */
export const verifyEd25519: VerifySignature = (signature, message, publicKey) => ed25519.verify(signature, message, publicKey);

export function verifyMemberPass(scanned: string, publicKey: string, nowMs: number): MemberPassCheck {
  return checkMemberPass(scanned, publicKey, nowMs, verifyEd25519);
}
