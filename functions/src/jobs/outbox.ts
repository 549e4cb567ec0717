import type { Context } from 'aws-lambda';
import type { Platform } from '../platform';
import { platformFromEnv } from '../platform';
import { correlate, createLogger } from '../platform/logger';
import { createMetrics, METRIC, type AppMetrics } from '../platform/metrics';
import { Outbox, type DrainReport, type OutboxSender } from '../platform/outbox';
import { SubscriptionGrants, WECHAT_SUBSCRIBE, wechatSubscribeSender } from '../platform/subscriptions';
import { AccessTokenCache } from '../platform/wechat';
import type { JobResult, ScheduledJobEvent } from './schedule';

/**
 * The outbox job: sends what features queued in the outbox (functions/src/platform/outbox.ts). In AWS
 * an EventBridge Scheduler rule invokes `handler` every minute; under `npm start` the local stack
 * calls `drain` every few seconds in-process. A feature with a new kind of message adds its sender
 * to `senders` below.
 */

export interface OutboxJob {
  /** Rounds until nothing due is left (bounded), so one invocation empties a backlog. */
  drain(now?: Date): Promise<DrainReport>;
  /** Shared with the senders: tests look at how often a token was fetched. */
  tokens: AccessTokenCache;
  outbox: Outbox;
}

export function createOutboxJob(platform: Platform): OutboxJob {
  const { db, config } = platform;
  const outbox = new Outbox(db);
  const tokens = new AccessTokenCache({ apiBase: config.wechat.apiBase, credentials: config.secrets.wechatCredentials });
  const senders: Record<string, OutboxSender> = {
    [WECHAT_SUBSCRIBE]: wechatSubscribeSender({
      db,
      grants: new SubscriptionGrants(db),
      tokens,
      apiBase: config.wechat.apiBase,
      miniprogramState: config.stage === 'prod' ? 'formal' : config.stage === 'dev' ? 'trial' : 'developer',
    }),
  };
  return {
    tokens,
    outbox,
    async drain(now = new Date()) {
      const total: DrainReport = { claimed: 0, sent: 0, retried: 0, dead: 0, skipped: 0 };
      for (let round = 0; round < 20; round += 1) {
        const report = await outbox.drain(senders, now);
        for (const key of Object.keys(total) as (keyof DrainReport)[]) total[key] += report[key];
        if (report.claimed === 0) break;
      }
      return total;
    },
  };
}

let job: OutboxJob | null = null;
let metrics: AppMetrics | null = null;
const logger = createLogger('outbox');

/** Seconds the oldest message still due has waited past its due time (0: nothing waiting). */
export async function backlogAgeSeconds(outbox: Outbox, now: Date): Promise<number> {
  const [oldest] = await outbox.due(now, 1);
  return oldest ? Math.max(0, Math.round((now.getTime() - Date.parse(oldest.dueAt)) / 1000)) : 0;
}

/** The scheduled Lambda's entry (the job is made on the first invocation, reused while the container lives). */
export const handler = async (event: ScheduledJobEvent, context?: Context): Promise<JobResult & DrainReport> => {
  correlate(logger, context);
  if (!job) {
    const platform = platformFromEnv();
    job = createOutboxJob(platform);
    // The alarms in infra/src/cdk/observability.ts name this service: yizhan-job-outbox.
    metrics = createMetrics('job-outbox', platform.config.stage);
  }
  const now = new Date();
  const report = await job.drain(now);
  metrics?.emit({ [METRIC.outboxSent]: report.sent, [METRIC.outboxDead]: report.dead });
  metrics?.emit({ [METRIC.outboxBacklogAge]: await backlogAgeSeconds(job.outbox, now) }, 'Seconds');
  if (report.claimed > 0) logger.info('outbox drained', { scheduledTime: event.scheduledTime, ...report });
  return { job: 'outbox', handled: report.sent + report.dead + report.skipped, ...report };
};
