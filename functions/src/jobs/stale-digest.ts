import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { HEALTH_STALE_DAYS, regionName, toShanghaiIso } from '@yz/shared';
import type { Platform } from '../platform';
import { platformFromEnv } from '../platform';
import type { WechatTemplates } from '../platform/config';
import type { Db } from '../platform/db';
import { createLogger } from '../platform/logger';
import { Outbox } from '../platform/outbox';
import { WECHAT_SUBSCRIBE, type WechatSubscribePayload } from '../platform/subscriptions';
import { districtStaff } from '../accounts/ports';
import { stationHealthFacts, type StationHealthFacts } from '../stations/ports';
import { verifiedAt } from '../stationBulk/ports';
import type { JobResult, ScheduledJobEvent } from './schedule';

/**
 * Entry of the `stale-digest` job (EventBridge Scheduler, weekly): each district's staff get one
 * subscribe message naming the stations of their district that went stale since the last run, i.e.
 * whose last verification (the host's 信息无误 or a worker's confirmation) crossed the 90-day line in the
 * past week. Stations never verified are not news every week: data health lists them.
 */
const logger = createLogger('job-stale-digest');

const DAY_MS = 86_400_000;
/** The job runs weekly; this is the window a run looks back over. */
export const DIGEST_WINDOW_DAYS = 7;

export interface DigestReport {
  districts: number;
  staleStations: number;
  messages: number;
}

export interface StaleDigest {
  run(now: Date): Promise<DigestReport>;
}

/** Went stale in the window: verified, and the verification turned 90 days old during the last week. */
export function wentStale(s: Pick<StationHealthFacts, 'status' | 'lastVerifiedAt' | 'workerConfirmedAt'>, now: Date): boolean {
  if (s.status === 'inactive') return false;
  const at = verifiedAt(s);
  if (at === null) return false;
  const age = now.getTime() - Date.parse(at);
  return age > HEALTH_STALE_DAYS * DAY_MS && age <= (HEALTH_STALE_DAYS + DIGEST_WINDOW_DAYS) * DAY_MS;
}

/** The week a run belongs to (the Shanghai date of the window's start), so a retried run queues nothing twice. */
const weekOf = (now: Date) => toShanghaiIso(new Date(now.getTime() - DIGEST_WINDOW_DAYS * DAY_MS)).slice(0, 10);

export function createStaleDigest(deps: { db: Db; templates: Pick<WechatTemplates, 'staleDigest'> }): StaleDigest {
  const { db, templates } = deps;
  const outbox = new Outbox(db);

  /** One message per person per district per week: the id says which, and the put is conditional on it. */
  async function queue(userId: string, districtCode: string, stale: StationHealthFacts[], now: Date): Promise<boolean> {
    const names = stale.map((s) => s.name);
    const payload: WechatSubscribePayload = {
      userId,
      templateId: templates.staleDigest,
      page: `pkg-staff/health/index?region=${districtCode}`,
      data: {
        thing1: `${regionName(districtCode) ?? districtCode}${stale.length}个驿站超过${HEALTH_STALE_DAYS}天未核实`.slice(0, 20),
        thing2: (names.length > 1 ? `${names[0]}等${names.length}个` : (names[0] ?? '')).slice(0, 20),
        time3: toShanghaiIso(now).slice(0, 16).replace('T', ' '),
        thing4: '请联系负责人确认信息无误'.slice(0, 20),
      },
    };
    const item = { ...outbox.item(WECHAT_SUBSCRIBE, payload, now), id: `ob_stale_${districtCode}_${weekOf(now)}_${userId}` };
    try {
      await db.doc.send(new PutCommand({ TableName: db.table('outbox'), Item: item, ConditionExpression: 'attribute_not_exists(id)' }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  return {
    async run(now) {
      const report: DigestReport = { districts: 0, staleStations: 0, messages: 0 };
      // Only districts someone looks after are read: the staff list decides, not the map.
      for (const [districtCode, staff] of await districtStaff(db)) {
        report.districts += 1;
        const stale: StationHealthFacts[] = [];
        for await (const page of stationHealthFacts(db, districtCode)) stale.push(...page.filter((s) => wentStale(s, now)));
        if (stale.length === 0) continue;
        stale.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
        report.staleStations += stale.length;
        for (const userId of staff) if (await queue(userId, districtCode, stale, now)) report.messages += 1;
      }
      return report;
    },
  };
}

export function createStaleDigestJob(platform: Platform): StaleDigest {
  return createStaleDigest({ db: platform.db, templates: platform.config.wechatTemplates });
}

let job: StaleDigest | null = null;

export const handler = async (event: ScheduledJobEvent): Promise<JobResult & DigestReport> => {
  job ??= createStaleDigestJob(platformFromEnv());
  const report = await job.run(new Date());
  logger.info('stale-digest run', { scheduledTime: event.scheduledTime, ...report });
  return { job: 'stale-digest', handled: report.messages, ...report };
};
