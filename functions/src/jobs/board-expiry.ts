import { boardExpiryOn, type BoardExpiry, type BoardExpiryReport } from '../board/ports';
import type { Platform } from '../platform';
import { platformFromEnv } from '../platform';
import { createLogger } from '../platform/logger';
import type { JobResult, ScheduledJobEvent } from './schedule';

/**
 * Entry of the `board-expiry` job (EventBridge Scheduler, hourly): finished events and expired job
 * posts of the notice board (公告栏) leave the lists by themselves, as lapsed wish claims do.
 */
const logger = createLogger('job-board-expiry');

export function createBoardExpiryJob(platform: Platform): BoardExpiry {
  return boardExpiryOn(platform.db);
}

let job: BoardExpiry | null = null;

export const handler = async (event: ScheduledJobEvent): Promise<JobResult & BoardExpiryReport> => {
  job ??= createBoardExpiryJob(platformFromEnv());
  const report = await job.run(new Date());
  if (report.unlisted > 0) logger.info('board-expiry run', { scheduledTime: event.scheduledTime, ...report });
  return { job: 'board-expiry', handled: report.unlisted, ...report };
};
