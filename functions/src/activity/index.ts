import { boardFiguresReader } from '../board/ports';
import type { Platform } from '../platform';
import { routerBasics } from '../platform/guard';
import { activityResolvers } from './resolver';
import type { LambdaHandler } from '../platform/http';
import { WechatClient } from '../platform/wechat';
import { stationReader } from '../stations/ports';
import { createActivityHandler } from './handler';
import { SearchCounter } from './search-counts';
import { ActivityService } from './service';
import { DynamoReporterRecords, DynamoReportStore, DynamoVisitStore } from './store';

export function activityFunction(platform: Platform): LambdaHandler {
  const { db, config } = platform;
  return createActivityHandler({
    service: new ActivityService({
      stations: stationReader(db),
      reports: new DynamoReportStore(db),
      reporters: new DynamoReporterRecords(db),
      visits: new DynamoVisitStore(db),
      searches: new SearchCounter(db, config.searchCountFlushMs),
      wechat: new WechatClient({ apiBase: config.wechat.apiBase, credentials: config.secrets.wechatCredentials }),
      stage: config.stage,
      boardFigures: boardFiguresReader(db),
      memberPassPublicKey: config.memberPassPublicKey,
    }),
    ...routerBasics(platform, 'activity', activityResolvers(platform.db)),
  });
}
