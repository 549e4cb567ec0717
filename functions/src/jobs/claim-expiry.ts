import { createLogger } from '../platform/logger';
import type { JobResult, ScheduledJobEvent } from './schedule';

/**
 * Entry of the `claim-expiry` job (EventBridge Scheduler, every few minutes): release micro-wishes
 * (微心愿) whose claim was never fulfilled in time. The wishes domain is not built yet, so for now a
 * run only records that it happened; the schedule, retries and dead-letter queue are already live.
 */
const logger = createLogger('job-claim-expiry');

export const handler = async (event: ScheduledJobEvent): Promise<JobResult> => {
  logger.info('claim-expiry run', { scheduledTime: event.scheduledTime, handled: 0 });
  return { job: 'claim-expiry', handled: 0 };
};
