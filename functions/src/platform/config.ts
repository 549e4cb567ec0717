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
  /** Sign in without WeChat, for the local stack and tests only. */
  YZ_DEV_LOGIN: z.enum(['0', '1']).optional(),
});

export type Stage = 'local' | 'test' | 'dev' | 'prod';

export type Config = {
  stage: Stage;
  tablePrefix: string;
  dynamodbEndpoint?: string;
  region: string;
  /** Check every response against the contract (off in AWS, where it would only cost time). */
  validateResponses: boolean;
  /** The development sign-in is allowed (never in a deployed stage). */
  devLogin: boolean;
};

/** Stages that run in AWS. */
export const isDeployedStage = (stage: string | undefined): boolean => stage === 'dev' || stage === 'prod';

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.parse(env);
  const deployed = isDeployedStage(parsed.YZ_STAGE);
  const devLogin = parsed.YZ_DEV_LOGIN === '1';
  // A sign-in that skips WeChat must never be reachable in AWS, whatever a deploy sets by mistake.
  if (devLogin && deployed) {
    throw new Error(`YZ_DEV_LOGIN=1 is for the local stack only; refusing to start with YZ_STAGE=${parsed.YZ_STAGE}`);
  }
  return {
    stage: parsed.YZ_STAGE,
    tablePrefix: parsed.YZ_TABLE_PREFIX,
    dynamodbEndpoint: parsed.YZ_DYNAMODB_ENDPOINT,
    region: parsed.AWS_REGION,
    validateResponses: !deployed,
    devLogin,
  };
}
