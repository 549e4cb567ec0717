import type { Context } from 'aws-lambda';
import type { Platform } from '../platform';
import { platformFromEnv } from '../platform';
import { correlate, createLogger } from '../platform/logger';
import { createMetrics, METRIC, type AppMetrics } from '../platform/metrics';
import { claimExpiryOn, type ClaimExpiry, type ExpiryReport } from '../wishes/ports';
import type { JobResult, ScheduledJobEvent } from './schedule';

/**
 * Entry of the `claim-expiry` job (EventBridge Scheduler, every few minutes): micro-wish (微心愿)
 * claims past their deadline go back to open, and volunteers whose deadline is near are reminded
 * once; both notify through the outbox. Under `npm start` the local stack runs it on an interval.
 */
const logger = createLogger('job-claim-expiry');

export function createClaimExpiryJob(platform: Platform): ClaimExpiry {
  const { db, config } = platform;
  return claimExpiryOn({ db, templates: config.wechatTemplates });
}

let job: ClaimExpiry | null = null;
let metrics: AppMetrics | null = null;

export const handler = async (event: ScheduledJobEvent, context?: Context): Promise<JobResult & ExpiryReport> => {
  correlate(logger, context);
  if (!job) {
    const platform = platformFromEnv();
    job = createClaimExpiryJob(platform);
    metrics = createMetrics('job-claim-expiry', platform.config.stage);
  }
  const report = await job.run(new Date());
  metrics?.emit({ [METRIC.claimLapses]: report.lapsed });
  if (report.lapsed + report.reminded + report.raced > 0) logger.info('claim-expiry run', { scheduledTime: event.scheduledTime, ...report });
  return { job: 'claim-expiry', handled: report.lapsed + report.reminded, ...report };
};
