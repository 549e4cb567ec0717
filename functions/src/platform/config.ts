import { DEFAULT_WISH_MAX_VALUE_FEN, LOCAL_MEMBER_PASS_PUBLIC_KEY } from '@yz/shared';
import * as z from 'zod';
import { recordAwsCall } from './aws-calls';
import { RetentionSetting } from './retention';
import { createSecretReader } from './secrets';

/**
 * Everything a function reads from its environment, parsed once at start-up. A missing or malformed
 * variable fails the cold start loudly instead of failing a request later.
 */
const Env = z.object({
  YZ_STAGE: z.enum(['local', 'test', 'dev', 'prod']).default('local'),
  /** Variables with a local default (LOCAL_DEFAULTS): required, and no placeholder, in a deployed stage. */
  YZ_TABLE_PREFIX: z.string().optional(),
  /** Set for DynamoDB Local; absent in AWS. */
  YZ_DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('cn-north-1'),
  /** Off AWS only: the token signing key and WeChat credentials (in AWS they come from Secrets Manager). */
  YZ_TOKEN_SIGNING_KEY: z.string().min(32).optional(),
  YZ_WECHAT_APPID: z.string().optional(),
  YZ_WECHAT_APPSECRET: z.string().optional(),
  /** Off AWS only: the member card's Ed25519 signing seed (base64url); in AWS from Secrets Manager. */
  YZ_MEMBER_PASS_KEY: z.string().optional(),
  /** The member card's public key (base64url): checks scanned codes, and the signing key against it. */
  // Its shape is checked where it is used: a wrong key fails the signer's match and every check.
  YZ_MEMBER_PASS_PUBLIC_KEY: z.string().optional(),
  /** WeChat's API; locally the fake WeChat server. */
  YZ_WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  /** Development login with demo personas. Refused outright in a deployed stage. */
  YZ_DEV_LOGIN: z.enum(['0', '1']).default('0'),
  /** KMS key that wraps the data keys of personal data (AWS). Absent locally: a raw AES key is used. */
  YZ_KMS_KEY_ARN: z.string().startsWith('arn:').optional(),
  /** HMAC key for lookups of personal data (the keyed hash of an ID number); at least 32 characters. */
  YZ_PII_HASH_KEY: z.string().min(32).optional(),
  /** Subscribe-message template: the result of a membership application (入会审核结果通知). */
  YZ_WECHAT_TEMPLATE_MEMBERSHIP: z.string().optional(),
  /** Subscribe-message templates of micro-wishes: progress for the worker (认领、送达), the claim reminder for the volunteer. */
  YZ_WECHAT_TEMPLATE_WISH_PROGRESS: z.string().optional(),
  YZ_WECHAT_TEMPLATE_WISH_CLAIM: z.string().optional(),
  /** Subscribe-message template: a followed station posted a new event or job (关注驿站). */
  YZ_WECHAT_TEMPLATE_BOARD_POST: z.string().optional(),
  /** Subscribe-message template of the weekly stale-station digest to district staff (驿站信息待核实提醒). */
  YZ_WECHAT_TEMPLATE_STALE_DIGEST: z.string().optional(),
  /** The cap on a wish's estimated value, in fen (default 500 yuan). */
  YZ_WISH_MAX_VALUE_FEN: z.coerce.number().int().min(100).max(500_000).optional(),
  /** Days a volunteer has to deliver a claimed wish before the claim lapses; the reminder's lead in days. */
  YZ_WISH_CLAIM_DAYS: z.coerce.number().int().min(1).max(90).default(14),
  YZ_WISH_REMINDER_DAYS: z.coerce.number().int().min(0).max(30).default(2),
  /** Where station photos go: a folder on disk (local runs, tests) or an S3 bucket (AWS). */
  YZ_PHOTO_STORE: z.enum(['disk', 's3']).optional(),
  YZ_PHOTO_DIR: z.string().default('.data/photos'),
  YZ_PHOTO_BUCKET: z.string().optional(),
  /** Public base URL photos are read from (a CDN in front of the bucket); locally the server's /photos/. */
  YZ_PHOTO_BASE_URL: z.string().optional(),
  /** Internal read counters as response headers (benchmarks, tests); off AWS only. */
  YZ_DEBUG_COUNTERS: z.enum(['0', '1']).default('0'),
  /** Retention periods per region, JSON (platform/retention.ts): `{"default":180,"45":90}`. */
  YZ_RETENTION_DAYS: z.string().transform((text) => RetentionSetting.parse(JSON.parse(text))).optional(),
});

/**
 * Every setting that has a local default, with that default. Off AWS the default fills a missing
 * value; in a deployed stage a missing value or a placeholder stops the cold start, because a
 * default that works locally (`local-tmpl-*`) fails silently in production (WeChat refuses the message).
 */
export const LOCAL_DEFAULTS = {
  YZ_TABLE_PREFIX: 'yz-local-',
  YZ_WECHAT_TEMPLATE_MEMBERSHIP: 'local-tmpl-membership-result',
  YZ_WECHAT_TEMPLATE_WISH_PROGRESS: 'local-tmpl-wish-progress',
  YZ_WECHAT_TEMPLATE_WISH_CLAIM: 'local-tmpl-wish-claim',
  YZ_WECHAT_TEMPLATE_BOARD_POST: 'local-tmpl-board-post',
  YZ_WECHAT_TEMPLATE_STALE_DIGEST: 'local-tmpl-stale-digest',
  YZ_PHOTO_BASE_URL: '/photos/',
  YZ_MEMBER_PASS_PUBLIC_KEY: LOCAL_MEMBER_PASS_PUBLIC_KEY,
} as const;
type LocalDefaulted = keyof typeof LOCAL_DEFAULTS;

/** Values that stand for "not filled in yet": empty, a local default, TODO, or infra/stages/example.json's. */
export function isPlaceholder(value: string | undefined): boolean {
  if (value === undefined) return true;
  const v = value.trim();
  return v === '' || /^local-/i.test(v) || /todo/i.test(v) || /example/i.test(v);
}

function localDefaulted(parsed: z.infer<typeof Env>, deployed: boolean): Record<LocalDefaulted, string> {
  const names = Object.keys(LOCAL_DEFAULTS) as LocalDefaulted[];
  if (!deployed) return Object.fromEntries(names.map((n) => [n, parsed[n] ?? LOCAL_DEFAULTS[n]])) as Record<LocalDefaulted, string>;
  const bad = names.filter((n) => isPlaceholder(parsed[n]) || parsed[n]?.trim() === LOCAL_DEFAULTS[n]);
  if (bad.length > 0) {
    throw new Error(
      `refusing to start in stage ${parsed.YZ_STAGE}: ${bad.map((n) => `${n}=${JSON.stringify(parsed[n] ?? '')}`).join(', ')} ` +
        'missing or a placeholder (set them in infra/stages/<stage>.json and deploy again)',
    );
  }
  return Object.fromEntries(names.map((n) => [n, parsed[n] as string])) as Record<LocalDefaulted, string>;
}

export type Stage = 'local' | 'test' | 'dev' | 'prod';

export type Config = {
  stage: Stage;
  tablePrefix: string;
  dynamodbEndpoint?: string;
  region: string;
  /** Check every response against the contract (off in AWS, where it would only cost time). */
  validateResponses: boolean;
  /**
   * Secrets, read when first needed (a public request needs none) and cached for the process: from
   * Secrets Manager in AWS, from the environment or development defaults elsewhere.
   */
  secrets: Secrets;
  wechat: { apiBase: string };
  devLogin: boolean;
  /** The member card's public key (base64url): scans are checked with it, the signing key against it. */
  memberPassPublicKey: string;
  /** Rate limits, requests per minute. */
  limits: { loginPerAddress: number; writesPerUser: number; writesPerAddress: number };
  /**
   * Personal data at rest: a KMS key in AWS, a fixed raw AES key (base64, 32 bytes) off AWS; the
   * same envelope-encryption code path either way (platform/crypto.ts).
   */
  pii: { kmsKeyArn?: string; localDataKey?: string; hashKey: () => Promise<string> };
  /** WeChat subscribe-message template ids, by what they announce. */
  wechatTemplates: WechatTemplates;
  /** Micro-wishes: the value cap, how long a claim holds, how long before its end the volunteer is reminded. */
  wishes: WishSettings;
  /** Days personal data no longer needed is kept, per region (platform/retention.ts); absent: 180 everywhere. */
  retentionDays?: RetentionSetting;
  /** How often search counts (coverage) are written from memory; 0 writes each search at once. */
  searchCountFlushMs: number;
  photos: PhotoConfig;
  /** Send internal read counters (x-yz-items-read, x-yz-cells-read) as response headers: local stack only. */
  debugCounters: boolean;
};

export interface WechatTemplates {
  membershipResult: string;
  /** To the worker: their wish was claimed, delivered. */
  wishProgress: string;
  /** To the volunteer: the claim's deadline is near, or it lapsed. */
  wishClaim: string;
  /** To a station's followers: it posted a new event or job. */
  boardPost: string;
  /** To district staff: the stations that went stale this week. */
  staleDigest: string;
}

export interface WishSettings {
  maxValueFen: number;
  claimDays: number;
  reminderDays: number;
}

export const DEFAULT_WISH_SETTINGS: WishSettings = { maxValueFen: DEFAULT_WISH_MAX_VALUE_FEN, claimDays: 14, reminderDays: 2 };
export const LOCAL_WECHAT_TEMPLATES: WechatTemplates = {
  membershipResult: LOCAL_DEFAULTS.YZ_WECHAT_TEMPLATE_MEMBERSHIP,
  wishProgress: LOCAL_DEFAULTS.YZ_WECHAT_TEMPLATE_WISH_PROGRESS,
  wishClaim: LOCAL_DEFAULTS.YZ_WECHAT_TEMPLATE_WISH_CLAIM,
  boardPost: LOCAL_DEFAULTS.YZ_WECHAT_TEMPLATE_BOARD_POST,
  staleDigest: LOCAL_DEFAULTS.YZ_WECHAT_TEMPLATE_STALE_DIGEST,
};

export type PhotoConfig = { kind: 'disk'; dir: string; baseUrl: string } | { kind: 's3'; bucket: string; baseUrl: string };

export interface Secrets {
  /** The key that signs session tokens. */
  tokenKey(): Promise<string>;
  /** The mini-program's AppID and AppSecret. */
  wechatCredentials(): Promise<{ appId: string; secret: string }>;
  /** The member card's Ed25519 signing seed (base64url, 32 bytes). */
  memberPassKey(): Promise<string>;
}

/** Only ever used off AWS: a deployed stage reads its own from Secrets Manager. */
const LOCAL_TOKEN_KEY = 'yizhan-local-development-token-key-not-for-production';
export const LOCAL_WECHAT = { appId: 'wx-local-appid', secret: 'local-secret' };
/**
 * The development member-pass seed: sha256('yizhan-local-member-pass-key-not-for-production'). Its
 * public key is shared's LOCAL_MEMBER_PASS_PUBLIC_KEY (a unit test derives one from the other).
 */
export const LOCAL_MEMBER_PASS_KEY = 'YwzGqETNquNgL8eYSHIZO0kd2IcljOxnzDwtdduPnEI';

/** Secrets for the local stack and tests: fixed values, never used in a deployed stage. */
export function localSecrets(wechat: { appId: string; secret: string } = LOCAL_WECHAT, tokenKey = LOCAL_TOKEN_KEY, memberPassKey = LOCAL_MEMBER_PASS_KEY): Secrets {
  return recordedSecrets({ tokenKey: async () => tokenKey, wechatCredentials: async () => wechat, memberPassKey: async () => memberPassKey });
}

/**
 * Notes each read as the Secrets Manager call it is in AWS (platform/aws-calls.ts), wherever the value
 * comes from: locally the environment stands in for Secrets Manager, and the IAM check needs the call.
 */
function recordedSecrets(secrets: Secrets): Secrets {
  return {
    tokenKey: () => {
      recordAwsCall('secretsmanager', 'GetSecretValue', 'secret/tokenSigningKey');
      return secrets.tokenKey();
    },
    wechatCredentials: () => {
      recordAwsCall('secretsmanager', 'GetSecretValue', 'secret/wechat');
      return secrets.wechatCredentials();
    },
    memberPassKey: () => {
      recordAwsCall('secretsmanager', 'GetSecretValue', 'secret/memberPassKey');
      return secrets.memberPassKey();
    },
  };
}
/** Development keys for personal data: never used in a deployed stage. */
const LOCAL_PII_DATA_KEY = Buffer.from('yizhan-local-pii-data-key-32byte').toString('base64');
const LOCAL_PII_HASH_KEY = 'yizhan-local-development-pii-hash-key-not-for-production';

/** Personal-data keys for the local stack and tests: a raw AES key and a fixed hash key. */
export function localPii(): Config['pii'] {
  return { localDataKey: LOCAL_PII_DATA_KEY, hashKey: async () => LOCAL_PII_HASH_KEY };
}

export const isDeployed = (stage: Stage) => stage === 'dev' || stage === 'prod';
export { isDeployedStage } from './stage';

export const DEFAULT_SEARCH_COUNT_FLUSH_MS = 10_000;

export const DEFAULT_LIMITS = { loginPerAddress: 30, writesPerUser: 60, writesPerAddress: 300 };

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.parse(env);
  const deployed = isDeployed(parsed.YZ_STAGE);
  if (deployed && parsed.YZ_DEV_LOGIN === '1') {
    throw new Error('YZ_DEV_LOGIN=1 is refused in a deployed stage: the development login must never run in AWS');
  }
  if (deployed && parsed.YZ_DEBUG_COUNTERS === '1') {
    throw new Error('YZ_DEBUG_COUNTERS=1 is refused in a deployed stage: internal counters are not for the public');
  }
  const local = localDefaulted(parsed, deployed);
  const read = createSecretReader({ env });
  const secrets: Secrets = deployed
    ? recordedSecrets({
        tokenKey: async () => (await read('tokenSigningKey')).key,
        wechatCredentials: async () => {
          const { appId, appSecret } = await read('wechat');
          return { appId, secret: appSecret };
        },
        memberPassKey: async () => {
          const { privateKey } = await read('memberPassKey');
          if (privateKey === LOCAL_MEMBER_PASS_KEY) throw new Error('secret memberPassKey is the development key: refused in a deployed stage');
          return privateKey;
        },
      })
    : localSecrets(
        { appId: parsed.YZ_WECHAT_APPID ?? LOCAL_WECHAT.appId, secret: parsed.YZ_WECHAT_APPSECRET ?? LOCAL_WECHAT.secret },
        parsed.YZ_TOKEN_SIGNING_KEY ?? LOCAL_TOKEN_KEY,
        parsed.YZ_MEMBER_PASS_KEY ?? LOCAL_MEMBER_PASS_KEY,
      );
  // In AWS photos go to S3 (a Lambda's disk is scratch space that vanishes with the instance); only the
  // stations function is given a bucket, and the photo store refuses to work without one.
  const photoStore = parsed.YZ_PHOTO_STORE ?? (deployed ? 's3' : 'disk');
  if (deployed && photoStore !== 's3') throw new Error('YZ_PHOTO_STORE=s3 is required in a deployed stage');
  const photos: PhotoConfig =
    photoStore === 's3'
      ? { kind: 's3', bucket: parsed.YZ_PHOTO_BUCKET ?? '', baseUrl: local.YZ_PHOTO_BASE_URL }
      : { kind: 'disk', dir: parsed.YZ_PHOTO_DIR, baseUrl: local.YZ_PHOTO_BASE_URL };
  return {
    stage: parsed.YZ_STAGE,
    tablePrefix: local.YZ_TABLE_PREFIX,
    dynamodbEndpoint: parsed.YZ_DYNAMODB_ENDPOINT,
    region: parsed.AWS_REGION,
    validateResponses: !deployed,
    secrets,
    wechat: { apiBase: parsed.YZ_WECHAT_API_BASE },
    devLogin: parsed.YZ_DEV_LOGIN === '1',
    memberPassPublicKey: local.YZ_MEMBER_PASS_PUBLIC_KEY,
    limits: DEFAULT_LIMITS,
    // In AWS: the KMS key named by the stack and the hash key from Secrets Manager; a deployed stage
    // without the key ARN has no way to encrypt, and the cipher refuses to start (platform/crypto.ts).
    pii: deployed
      ? { ...(parsed.YZ_KMS_KEY_ARN ? { kmsKeyArn: parsed.YZ_KMS_KEY_ARN } : {}), hashKey: async () => (await read('piiHashKey')).key }
      : {
          ...(parsed.YZ_KMS_KEY_ARN ? { kmsKeyArn: parsed.YZ_KMS_KEY_ARN } : { localDataKey: LOCAL_PII_DATA_KEY }),
          hashKey: async () => parsed.YZ_PII_HASH_KEY ?? LOCAL_PII_HASH_KEY,
        },
    wechatTemplates: {
      membershipResult: local.YZ_WECHAT_TEMPLATE_MEMBERSHIP,
      wishProgress: local.YZ_WECHAT_TEMPLATE_WISH_PROGRESS,
      wishClaim: local.YZ_WECHAT_TEMPLATE_WISH_CLAIM,
      boardPost: local.YZ_WECHAT_TEMPLATE_BOARD_POST,
      staleDigest: local.YZ_WECHAT_TEMPLATE_STALE_DIGEST,
    },
    wishes: {
      maxValueFen: parsed.YZ_WISH_MAX_VALUE_FEN ?? DEFAULT_WISH_MAX_VALUE_FEN,
      claimDays: parsed.YZ_WISH_CLAIM_DAYS,
      reminderDays: parsed.YZ_WISH_REMINDER_DAYS,
    },
    ...(parsed.YZ_RETENTION_DAYS ? { retentionDays: parsed.YZ_RETENTION_DAYS } : {}),
    searchCountFlushMs: DEFAULT_SEARCH_COUNT_FLUSH_MS,
    photos,
    debugCounters: parsed.YZ_DEBUG_COUNTERS === '1',
  };
}
