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
  /** Where station photos go: a folder on disk (local runs, tests) or an S3 bucket (AWS). */
  YZ_PHOTO_STORE: z.enum(['disk', 's3']).default('disk'),
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
  tokenSecret: string;
  wechat: { appId: string; secret: string; apiBase: string };
  devLogin: boolean;
  /** Rate limits, requests per minute. */
  limits: { loginPerAddress: number; writesPerUser: number; writesPerAddress: number };
  photos: PhotoConfig;
};

export type PhotoConfig = { kind: 'disk'; dir: string; baseUrl: string } | { kind: 's3'; bucket: string; baseUrl: string };

/** Only ever used off AWS: a deployed stage must bring its own key. */
const LOCAL_TOKEN_SECRET = 'yizhan-local-development-token-key-not-for-production';

export const isDeployed = (stage: Stage) => stage === 'dev' || stage === 'prod';

export const DEFAULT_LIMITS = { loginPerAddress: 30, writesPerUser: 60, writesPerAddress: 300 };

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.parse(env);
  const deployed = isDeployed(parsed.YZ_STAGE);
  if (deployed && parsed.YZ_DEV_LOGIN === '1') {
    throw new Error('YZ_DEV_LOGIN=1 is refused in a deployed stage: the development login must never run in AWS');
  }
  if (deployed && !parsed.YZ_TOKEN_SECRET) throw new Error('YZ_TOKEN_SECRET is required in a deployed stage');
  if (parsed.YZ_PHOTO_STORE === 's3' && !parsed.YZ_PHOTO_BUCKET) throw new Error('YZ_PHOTO_BUCKET is required when YZ_PHOTO_STORE=s3');
  // A Lambda's disk is scratch space: photos kept there would vanish with the instance.
  if (deployed && parsed.YZ_PHOTO_STORE !== 's3') throw new Error('YZ_PHOTO_STORE=s3 is required in a deployed stage');
  const photos: PhotoConfig =
    parsed.YZ_PHOTO_STORE === 's3'
      ? { kind: 's3', bucket: parsed.YZ_PHOTO_BUCKET ?? '', baseUrl: parsed.YZ_PHOTO_BASE_URL }
      : { kind: 'disk', dir: parsed.YZ_PHOTO_DIR, baseUrl: parsed.YZ_PHOTO_BASE_URL };
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
    photos,
  };
}

export function localSecrets(): Pick<Config, 'tokenSecret'> {
  return { tokenSecret: LOCAL_TOKEN_SECRET };
}
