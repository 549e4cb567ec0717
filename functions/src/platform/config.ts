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
});

export type Config = {
  stage: 'local' | 'test' | 'dev' | 'prod';
  tablePrefix: string;
  dynamodbEndpoint?: string;
  region: string;
  /** Check every response against the contract (off in AWS, where it would only cost time). */
  validateResponses: boolean;
};

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.parse(env);
  const deployed = parsed.YZ_STAGE === 'dev' || parsed.YZ_STAGE === 'prod';
  return {
    stage: parsed.YZ_STAGE,
    tablePrefix: parsed.YZ_TABLE_PREFIX,
    dynamodbEndpoint: parsed.YZ_DYNAMODB_ENDPOINT,
    region: parsed.AWS_REGION,
    validateResponses: !deployed,
  };
}
