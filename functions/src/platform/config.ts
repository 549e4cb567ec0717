import { z } from '@yz/shared';

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
  /** HMAC key for session tokens (at least 32 characters). Locally a fixed development key. */
  YZ_TOKEN_SECRET: z.string().min(32).optional(),
  YZ_WECHAT_APPID: z.string().default('wx-local-appid'),
  YZ_WECHAT_SECRET: z.string().default('local-secret'),
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
});

export type Stage = 'local' | 'test' | 'dev' | 'prod';

export type Config = {
  stage: Stage;
  tablePrefix: string;
  dynamodbEndpoint?: string;
  region: string;
  /** Check every response against the contract (off in AWS, where it would only cost time). */
  validateResponses: boolean;
  tokenSecret: string;
  wechat: { appId: string; secret: string; apiBase: string };
  devLogin: boolean;
  /** Rate limits, requests per minute. */
  limits: { loginPerAddress: number; writesPerUser: number; writesPerAddress: number };
  /**
   * Personal data at rest: a KMS key in AWS, a fixed raw AES key (base64, 32 bytes) off AWS; the
   * same envelope-encryption code path either way (platform/crypto.ts).
   */
  pii: { kmsKeyArn?: string; localDataKey?: string; hashKey: string };
  /** WeChat subscribe-message template ids, by what they announce. */
  wechatTemplates: { membershipResult: string };
};

/** Only ever used off AWS: a deployed stage must bring its own key. */
const LOCAL_TOKEN_SECRET = 'yizhan-local-development-token-key-not-for-production';
/** Development keys for personal data: never used in a deployed stage (configFromEnv refuses). */
const LOCAL_PII_DATA_KEY = Buffer.from('yizhan-local-pii-data-key-32byte').toString('base64');
const LOCAL_PII_HASH_KEY = 'yizhan-local-development-pii-hash-key-not-for-production';

export const isDeployed = (stage: Stage) => stage === 'dev' || stage === 'prod';

export const DEFAULT_LIMITS = { loginPerAddress: 30, writesPerUser: 60, writesPerAddress: 300 };

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.parse(env);
  const deployed = isDeployed(parsed.YZ_STAGE);
  if (deployed && parsed.YZ_DEV_LOGIN === '1') {
    throw new Error('YZ_DEV_LOGIN=1 is refused in a deployed stage: the development login must never run in AWS');
  }
  if (deployed && !parsed.YZ_TOKEN_SECRET) throw new Error('YZ_TOKEN_SECRET is required in a deployed stage');
  if (deployed && (!parsed.YZ_KMS_KEY_ARN || !parsed.YZ_PII_HASH_KEY)) {
    throw new Error('YZ_KMS_KEY_ARN and YZ_PII_HASH_KEY are required in a deployed stage: personal data is never protected by development keys');
  }
  return {
    stage: parsed.YZ_STAGE,
    tablePrefix: parsed.YZ_TABLE_PREFIX,
    dynamodbEndpoint: parsed.YZ_DYNAMODB_ENDPOINT,
    region: parsed.AWS_REGION,
    validateResponses: !deployed,
    tokenSecret: parsed.YZ_TOKEN_SECRET ?? LOCAL_TOKEN_SECRET,
    wechat: { appId: parsed.YZ_WECHAT_APPID, secret: parsed.YZ_WECHAT_SECRET, apiBase: parsed.YZ_WECHAT_API_BASE },
    devLogin: parsed.YZ_DEV_LOGIN === '1',
    limits: DEFAULT_LIMITS,
    pii: parsed.YZ_KMS_KEY_ARN
      ? { kmsKeyArn: parsed.YZ_KMS_KEY_ARN, hashKey: parsed.YZ_PII_HASH_KEY ?? LOCAL_PII_HASH_KEY }
      : { localDataKey: LOCAL_PII_DATA_KEY, hashKey: parsed.YZ_PII_HASH_KEY ?? LOCAL_PII_HASH_KEY },
    wechatTemplates: { membershipResult: parsed.YZ_WECHAT_TEMPLATE_MEMBERSHIP },
  };
}

export function localSecrets(): Pick<Config, 'tokenSecret' | 'pii'> {
  return { tokenSecret: LOCAL_TOKEN_SECRET, pii: { localDataKey: LOCAL_PII_DATA_KEY, hashKey: LOCAL_PII_HASH_KEY } };
}
