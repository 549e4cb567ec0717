import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Config } from './config';
import { recordAwsCall } from './aws-calls';
import { lazy } from './lazy';

export { maskIdNumber, maskMobile } from '@yz/shared';

/**
 * Personal data at rest (PIPL): envelope encryption. Each message gets a fresh 256-bit data key that
 * encrypts it with AES-256-GCM; the data key is stored beside the message, wrapped by a key that never
 * leaves its keeper: in AWS a KMS key (GenerateDataKey / Decrypt), off AWS a fixed development AES key,
 * through the very same code path. The encryption context (which record, which purpose) is bound to
 * both layers: it is KMS's encryption context for the wrapped key and the AES-GCM additional data for
 * the message, so a ciphertext copied onto another record does not decrypt.
 *
 * A keyed hash (HMAC-SHA256 with its own key) lets us find and de-duplicate an ID number without
 * storing it: without the key the hash cannot be brute-forced over the small space of ID numbers.
 *
 * This is the envelope pattern of the AWS KMS documentation, written out with node:crypto rather than
 * the AWS Encryption SDK: the SDK brought ~400 KB (asn1.js, bn.js, streams) into every function that
 * holds personal data, for features these records do not use (signatures, streaming, multi-keyrings).
 */
export interface PiiCipher {
  /** Base64 of a sealed message, bound to its context (which is authenticated, not secret). */
  encrypt(plaintext: string, context: Record<string, string>): Promise<string>;
  /** Refuses a ciphertext whose context differs from the one given, or that was altered. */
  decrypt(ciphertext: string, context: Record<string, string>): Promise<string>;
  /** Hex HMAC-SHA256 of a normalised value, for uniqueness and lookup. */
  hash(value: string): Promise<string>;
}

/** Who wraps and unwraps data keys. */
interface KeyKeeper {
  newDataKey(context: Record<string, string>): Promise<{ plaintext: Buffer; wrapped: Buffer }>;
  unwrap(wrapped: Buffer, context: Record<string, string>): Promise<Buffer>;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The context as bytes, the same whatever the order of its keys. */
function contextBytes(context: Record<string, string>): Buffer {
  return Buffer.from(JSON.stringify(Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))), 'utf8');
}

function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('ciphertext too short');
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
}

function kmsKeeper(keyId: string): KeyKeeper {
  // Loaded on first use rather than at cold start (most invocations touch no personal data).
  const client = lazy(() => {
    const sdk = require('@aws-sdk/client-kms') as typeof import('@aws-sdk/client-kms');
    return { sdk, kms: new sdk.KMSClient({}) };
  });
  return {
    async newDataKey(context) {
      const { kms, sdk } = client();
      const out = await kms.send(new sdk.GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }));
      if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS returned no data key');
      return { plaintext: Buffer.from(out.Plaintext), wrapped: Buffer.from(out.CiphertextBlob) };
    },
    async unwrap(wrapped, context) {
      const { kms, sdk } = client();
      const out = await kms.send(new sdk.DecryptCommand({ KeyId: keyId, CiphertextBlob: wrapped, EncryptionContext: context }));
      if (!out.Plaintext) throw new Error('KMS returned no data key');
      return Buffer.from(out.Plaintext);
    },
  };
}

function localKeeper(base64Key: string): KeyKeeper {
  const key = Buffer.from(base64Key, 'base64');
  if (key.length !== 32) throw new Error('the local personal-data key must be 32 bytes (base64)');
  return {
    async newDataKey(context) {
      const plaintext = randomBytes(32);
      return { plaintext, wrapped: seal(key, plaintext, contextBytes(context)) };
    },
    async unwrap(wrapped, context) {
      return open(key, wrapped, contextBytes(context));
    },
  };
}

/**
 * Message layout: version (1 byte) | wrapped data key length (2 bytes, big-endian) | wrapped data key |
 * IV (12) | AES-256-GCM ciphertext | tag (16). The additional data is the version byte and the context.
 */
export function createPiiCipher(pii: Config['pii']): PiiCipher {
  let keeper: KeyKeeper;
  if (pii.kmsKeyArn) keeper = kmsKeeper(pii.kmsKeyArn);
  else if (pii.localDataKey) keeper = localKeeper(pii.localDataKey);
  else throw new Error('personal data needs a KMS key (YZ_KMS_KEY_ARN) or, off AWS, a local key');
  const hashKey = pii.hashKey;
  const aadOf = (context: Record<string, string>) => Buffer.concat([Buffer.from([VERSION]), contextBytes(context)]);

  return {
    async encrypt(plaintext, context) {
      // Locally the development key stands in for KMS: note the call KMS would get (IAM check).
      recordAwsCall('kms', 'GenerateDataKey', 'key/envelope');
      const { plaintext: dataKey, wrapped } = await keeper.newDataKey(context);
      try {
        const head = Buffer.alloc(3);
        head.writeUInt8(VERSION, 0);
        head.writeUInt16BE(wrapped.length, 1);
        return Buffer.concat([head, wrapped, seal(dataKey, Buffer.from(plaintext, 'utf8'), aadOf(context))]).toString('base64');
      } finally {
        dataKey.fill(0);
      }
    },
    async decrypt(ciphertext, context) {
      const bytes = Buffer.from(ciphertext, 'base64');
      if (bytes.length < 3 || bytes.readUInt8(0) !== VERSION) throw new Error('unknown ciphertext format');
      const wrappedLength = bytes.readUInt16BE(1);
      const wrapped = bytes.subarray(3, 3 + wrappedLength);
      recordAwsCall('kms', 'Decrypt', 'key/envelope');
      const dataKey = await keeper.unwrap(wrapped, context);
      try {
        return open(dataKey, bytes.subarray(3 + wrappedLength), aadOf(context)).toString('utf8');
      } finally {
        dataKey.fill(0);
      }
    },
    async hash(value) {
      recordAwsCall('secretsmanager', 'GetSecretValue', 'secret/piiHashKey');
      return createHmac('sha256', await hashKey()).update(value, 'utf8').digest('hex');
    },
  };
}
