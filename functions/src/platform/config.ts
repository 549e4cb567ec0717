import { DEFAULT_WISH_MAX_VALUE_FEN } from '@yz/shared';
import * as z from 'zod';
import { createSecretReader } from './secrets';

/**
 * Everything a function reads from its environment, parsed once at start-up. A missing or malformed
 * variable fails the cold start loudly instead of failing a request later.
 */
const Env = z.object({
  YZ_STAGE: z.enum(['local', 'test', 'dev', 'prod']).default('local'),
  YZ_TABLE_PREFIX: z.string().default('yz-local-'),
  /** Set for DynamoDB Local; absent in AWS. */
  YZ_DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().default('cn-north-1'),
  /** Off AWS only: the token signing key and WeChat credentials (in AWS they come from Secrets Manager). */
  YZ_TOKEN_SIGNING_KEY: z.string().min(32).optional(),
  YZ_WECHAT_APPID: z.string().optional(),
  YZ_WECHAT_APPSECRET: z.string().optional(),
  /** WeChat's API; locally the fake WeChat server. */
  YZ_WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  /** Development login with demo personas. Refused outright in a deployed stage. */
  YZ_DEV_LOGIN: z.enum(['0', '1']).default('0'),
  /** KMS key that wraps the data keys of personal data (AWS). Absent locally: a raw AES key is used. */
  YZ_KMS_KEY_ARN: z.string().startsWith('arn:').optional(),
  /** HMAC key for lookups of personal data (the keyed hash of an ID number); at least 32 characters. */
  YZ_PII_HASH_KEY: z.string().min(32).optional(),
  /** Subscribe-message template: the result of a membership application (入会审核结果通知). */
  YZ_WECHAT_TEMPLATE_MEMBERSHIP: z.string().default('local-tmpl-membership-result'),
  /** Subscribe-message templates of micro-wishes: progress for the worker (认领、送达), the claim reminder for the volunteer. */
  YZ_WECHAT_TEMPLATE_WISH_PROGRESS: z.string().default('local-tmpl-wish-progress'),
  YZ_WECHAT_TEMPLATE_WISH_CLAIM: z.string().default('local-tmpl-wish-claim'),
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
  YZ_PHOTO_BASE_URL: z.string().default('/photos/'),
});

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
  /** How often search counts (coverage) are written from memory; 0 writes each search at once. */
  searchCountFlushMs: number;
  photos: PhotoConfig;
};

export interface WechatTemplates {
  membershipResult: string;
  /** To the worker: their wish was claimed, delivered. */
  wishProgress: string;
  /** To the volunteer: the claim's deadline is near, or it lapsed. */
  wishClaim: string;
}

export interface WishSettings {
  maxValueFen: number;
  claimDays: number;
  reminderDays: number;
}

export const DEFAULT_WISH_SETTINGS: WishSettings = { maxValueFen: DEFAULT_WISH_MAX_VALUE_FEN, claimDays: 14, reminderDays: 2 };
export const LOCAL_WECHAT_TEMPLATES: WechatTemplates = {
  membershipResult: 'local-tmpl-membership-result',
  wishProgress: 'local-tmpl-wish-progress',
  wishClaim: 'local-tmpl-wish-claim',
};

export type PhotoConfig = { kind: 'disk'; dir: string; baseUrl: string } | { kind: 's3'; bucket: string; baseUrl: string };

export interface Secrets {
  /** The key that signs session tokens. */
  tokenKey(): Promise<string>;
  /** The mini-program's AppID and AppSecret. */
  wechatCredentials(): Promise<{ appId: string; secret: string }>;
}

/** Only ever used off AWS: a deployed stage reads its own from Secrets Manager. */
const LOCAL_TOKEN_KEY = 'yizhan-local-development-token-key-not-for-production';
export const LOCAL_WECHAT = { appId: 'wx-local-appid', secret: 'local-secret' };

/** Secrets for the local stack and tests: fixed values, never used in a deployed stage. */
export function localSecrets(wechat: { appId: string; secret: string } = LOCAL_WECHAT, tokenKey = LOCAL_TOKEN_KEY): Secrets {
  return { tokenKey: async () => tokenKey, wechatCredentials: async () => wechat };
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
  const read = createSecretReader({ env });
  const secrets: Secrets = deployed
    ? {
        tokenKey: async () => (await read('tokenSigningKey')).key,
        wechatCredentials: async () => {
          const { appId, appSecret } = await read('wechat');
          return { appId, secret: appSecret };
        },
      }
    : localSecrets(
        { appId: parsed.YZ_WECHAT_APPID ?? LOCAL_WECHAT.appId, secret: parsed.YZ_WECHAT_APPSECRET ?? LOCAL_WECHAT.secret },
        parsed.YZ_TOKEN_SIGNING_KEY ?? LOCAL_TOKEN_KEY,
      );
  // In AWS photos go to S3 (a Lambda's disk is scratch space that vanishes with the instance); only the
  // stations function is given a bucket, and the photo store refuses to work without one.
  const photoStore = parsed.YZ_PHOTO_STORE ?? (deployed ? 's3' : 'disk');
  if (deployed && photoStore !== 's3') throw new Error('YZ_PHOTO_STORE=s3 is required in a deployed stage');
  const photos: PhotoConfig =
    photoStore === 's3'
      ? { kind: 's3', bucket: parsed.YZ_PHOTO_BUCKET ?? '', baseUrl: parsed.YZ_PHOTO_BASE_URL }
      : { kind: 'disk', dir: parsed.YZ_PHOTO_DIR, baseUrl: parsed.YZ_PHOTO_BASE_URL };
  return {
    stage: parsed.YZ_STAGE,
    tablePrefix: parsed.YZ_TABLE_PREFIX,
    dynamodbEndpoint: parsed.YZ_DYNAMODB_ENDPOINT,
    region: parsed.AWS_REGION,
    validateResponses: !deployed,
    secrets,
    wechat: { apiBase: parsed.YZ_WECHAT_API_BASE },
    devLogin: parsed.YZ_DEV_LOGIN === '1',
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
      membershipResult: parsed.YZ_WECHAT_TEMPLATE_MEMBERSHIP,
      wishProgress: parsed.YZ_WECHAT_TEMPLATE_WISH_PROGRESS,
      wishClaim: parsed.YZ_WECHAT_TEMPLATE_WISH_CLAIM,
    },
    wishes: {
      maxValueFen: parsed.YZ_WISH_MAX_VALUE_FEN ?? DEFAULT_WISH_MAX_VALUE_FEN,
      claimDays: parsed.YZ_WISH_CLAIM_DAYS,
      reminderDays: parsed.YZ_WISH_REMINDER_DAYS,
    },
    searchCountFlushMs: DEFAULT_SEARCH_COUNT_FLUSH_MS,
    photos,
  };
}
