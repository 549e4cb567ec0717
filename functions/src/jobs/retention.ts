import type { Context } from 'aws-lambda';
import { eraseDeclinedSelfApplications } from '../hardship/ports';
import { eraseClosedApplications } from '../membership/ports';
import type { Platform } from '../platform';
import { platformFromEnv } from '../platform';
import { correlate, createLogger } from '../platform/logger';
import { retentionPolicy } from '../platform/retention';
import { eraseClosedWishes, eraseIdleVolunteers } from '../wishes/ports';
import type { JobResult, ScheduledJobEvent } from './schedule';

/**
 * Entry of the `retention` job (EventBridge Scheduler, daily): personal data no longer needed is erased
 * once older than its region's period (PIPL art. 19; periods in platform/retention.ts). Each domain
 * erases its own items; the audit log expires by DynamoDB TTL and needs no run.
 */
const logger = createLogger('job-retention');

export interface RetentionReport {
  applications: number;
  hardshipApplications: number;
  wishes: number;
  volunteers: number;
}

export interface RetentionJob {
  run(now: Date): Promise<RetentionReport>;
}

export function createRetentionJob(platform: Platform): RetentionJob {
  const { db } = platform;
  const policy = retentionPolicy(platform.config.retentionDays);
  return {
    async run(now) {
      return {
        applications: await eraseClosedApplications(db, policy, now),
        hardshipApplications: await eraseDeclinedSelfApplications(db, policy, now),
        wishes: await eraseClosedWishes(db, policy, now),
        volunteers: await eraseIdleVolunteers(db, policy, now),
      };
    },
  };
}

let job: RetentionJob | null = null;

export const handler = async (event: ScheduledJobEvent, context?: Context): Promise<JobResult & RetentionReport> => {
  correlate(logger, context);
  job ??= createRetentionJob(platformFromEnv());
  const report = await job.run(new Date());
  const handled = report.applications + report.hardshipApplications + report.wishes + report.volunteers;
  if (handled > 0) logger.info('retention run', { scheduledTime: event.scheduledTime, ...report });
  return { job: 'retention', handled, ...report };
};
