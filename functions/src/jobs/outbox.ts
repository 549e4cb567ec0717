import { createLogger } from '../platform/logger';
import type { JobResult, ScheduledJobEvent } from './schedule';

/**
 * Entry of the `outbox` job (EventBridge Scheduler, every minute): send the notifications (WeChat
 * subscribe messages) that other domains queue. Nothing queues any yet, so for now a run only records
 * that it happened; the schedule, retries and dead-letter queue are already live.
 */
const logger = createLogger('job-outbox');

export const handler = async (event: ScheduledJobEvent): Promise<JobResult> => {
  logger.info('outbox run', { scheduledTime: event.scheduledTime, handled: 0 });
  return { job: 'outbox', handled: 0 };
};
