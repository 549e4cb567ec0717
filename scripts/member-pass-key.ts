import { generateKeyPairSync } from 'node:crypto';

/**
 * `npm run member-pass-key`: a new Ed25519 key pair for a stage's member cards. The public key goes
 * into infra/stages/<stage>.json (`memberPassPublicKey`, built into the mini-program at release); the
 * private key into Secrets Manager, `yizhan/<stage>/member-pass-key`, field `privateKey`. Printed once,
 * kept nowhere else.
 */
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const seed = String(privateKey.export({ format: 'jwk' }).d);
const pub = String(publicKey.export({ format: 'jwk' }).x);
process.stdout.write(
  [
    `memberPassPublicKey (infra/stages/<stage>.json): ${pub}`,
    `privateKey (Secrets Manager yizhan/<stage>/member-pass-key):`,
    `  aws secretsmanager put-secret-value --secret-id yizhan/<stage>/member-pass-key --secret-string '{"privateKey":"${seed}"}'`,
    '',
  ].join('\n'),
);
