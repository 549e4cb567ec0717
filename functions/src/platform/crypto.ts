import { createHmac } from 'node:crypto';
import {
  AlgorithmSuiteIdentifier,
  buildClient,
  CommitmentPolicy,
  KmsKeyringNode,
  RawAesKeyringNode,
  RawAesWrappingSuiteIdentifier,
  type KeyringNode,
} from '@aws-crypto/client-node';
import type { Config } from './config';

export { maskIdNumber, maskMobile } from '@yz/shared';

/**
 * Personal data at rest (PIPL): envelope encryption with the AWS Encryption SDK. In AWS a KMS key wraps
 * each message's data key; off AWS a fixed development AES key does, through the very same code path.
 * A keyed hash (HMAC-SHA256 with its own key) lets us find and de-duplicate an ID number without
 * storing it: without the key the hash cannot be brute-forced over the small space of ID numbers.
 */
export interface PiiCipher {
  /** Base64 of an Encryption SDK message, bound to its context (which is authenticated, not secret). */
  encrypt(plaintext: string, context: Record<string, string>): Promise<string>;
  /** Refuses a ciphertext whose context differs from the one given. */
  decrypt(ciphertext: string, context: Record<string, string>): Promise<string>;
  /** Hex HMAC-SHA256 of a normalised value, for uniqueness and lookup. */
  hash(value: string): Promise<string>;
}

// No ECDSA signature: writer and reader are the same service, and signing would cost a P-384 key pair
// per message. Key commitment stays required.
const SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;

export function createPiiCipher(pii: Config['pii']): PiiCipher {
  const { encrypt, decrypt } = buildClient(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
  let keyring: KeyringNode;
  if (pii.kmsKeyArn) {
    keyring = new KmsKeyringNode({ generatorKeyId: pii.kmsKeyArn });
  } else if (pii.localDataKey) {
    const key = Buffer.from(pii.localDataKey, 'base64');
    if (key.length !== 32) throw new Error('the local personal-data key must be 32 bytes (base64)');
    keyring = new RawAesKeyringNode({
      keyName: 'yizhan-local-pii',
      keyNamespace: 'yizhan',
      unencryptedMasterKey: new Uint8Array(key),
      wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
    });
  } else {
    throw new Error('personal data needs a KMS key (YZ_KMS_KEY_ARN) or, off AWS, a local key');
  }
  const hashKey = pii.hashKey;

  return {
    async encrypt(plaintext, context) {
      const { result } = await encrypt(keyring, plaintext, { encryptionContext: context, suiteId: SUITE });
      return result.toString('base64');
    },
    async decrypt(ciphertext, context) {
      const { plaintext, messageHeader } = await decrypt(keyring, Buffer.from(ciphertext, 'base64'));
      for (const [key, value] of Object.entries(context)) {
        if (messageHeader.encryptionContext[key] !== value) throw new Error('encryption context mismatch');
      }
      return plaintext.toString('utf8');
    },
    async hash(value) {
      return createHmac('sha256', await hashKey()).update(value, 'utf8').digest('hex');
    },
  };
}
