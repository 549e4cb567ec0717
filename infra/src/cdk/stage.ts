import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { DeploySettings } from './settings';

/**
 * What differs between the deployed stages. Only `dev` and `prod` exist in AWS: `local` and `test`
 * are the one-machine stack, where (and only where) the development sign-in may be switched on.
 */
export const DEPLOYED_STAGES = ['dev', 'prod'] as const;
export type DeployedStage = (typeof DEPLOYED_STAGES)[number];

export interface StageSettings {
  stage: DeployedStage;
  production: boolean;
  /** Physical names of tables, functions and log groups start with this: `yizhan-dev-stations`. */
  prefix: string;
  /** Log groups of functions and of the API's access log. */
  logRetention: RetentionDays;
  /**
   * Tables, keys, secrets, log groups and buckets outlive a deleted stack in production, but not a
   * failed first create (RetainExceptOnCreate): otherwise the named resources a rolled-back first
   * deploy leaves behind make the retry fail with "already exists".
   */
  removalPolicy: RemovalPolicy;
  /** The operator's choices for this stage (infra/stages/<stage>.json). */
  deploy: DeploySettings;
  /** Requests per second across the API, and the burst above it. */
  apiThrottle: { rateLimit: number; burstLimit: number };
  alarms: {
    /** Share of API requests answered 5xx, in percent, over five minutes. */
    api5xxPercent: number;
    /** Below this many requests in five minutes the 5xx share is not judged (one error in two requests is noise). */
    api5xxMinRequests: number;
    /** p99 duration of an API function. */
    apiP99: Duration;
  };
}

export function isDeployedStage(stage: unknown): stage is DeployedStage {
  return (DEPLOYED_STAGES as readonly unknown[]).includes(stage);
}

export function stageSettings(stage: unknown, deploy: DeploySettings): StageSettings {
  if (!isDeployedStage(stage)) {
    throw new Error(`stage must be one of ${DEPLOYED_STAGES.join(', ')} (-c stage=dev|prod), got ${JSON.stringify(stage)}`);
  }
  const production = stage === 'prod';
  return {
    stage,
    production,
    prefix: `yizhan-${stage}-`,
    logRetention: production ? RetentionDays.THREE_MONTHS : RetentionDays.TWO_WEEKS,
    removalPolicy: production ? RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE : RemovalPolicy.DESTROY,
    deploy,
    apiThrottle: production ? { rateLimit: 500, burstLimit: 1000 } : { rateLimit: 50, burstLimit: 100 },
    alarms: {
      api5xxPercent: production ? 1 : 5,
      api5xxMinRequests: 20,
      apiP99: Duration.seconds(1),
    },
  };
}
