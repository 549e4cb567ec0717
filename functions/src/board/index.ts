import type { Platform } from '../platform';
import { routerBasics } from '../platform/guard';
import type { LambdaHandler } from '../platform/http';
import { Outbox } from '../platform/outbox';
import { RateLimiter } from '../platform/rate-limit';
import { SubscriptionGrants } from '../platform/subscriptions';
import { coverCircle, encodeGeohash } from '../platform/geo';
import { stationReader } from '../stations/ports';
import { boardResolvers } from './resolver';
import { createBoardHandler } from './handler';
import { BoardService } from './service';
import { DynamoBoardStore } from './store';

export function boardService(platform: Platform): BoardService {
  const { db, config } = platform;
  return new BoardService({
    store: new DynamoBoardStore(db),
    stations: stationReader(db),
    cover: coverCircle,
    encode: encodeGeohash,
    limiter: new RateLimiter(db),
    outbox: new Outbox(db),
    grants: new SubscriptionGrants(db),
    templates: config.wechatTemplates,
  });
}

export function boardFunction(platform: Platform): LambdaHandler {
  return createBoardHandler({
    service: boardService(platform),
    ...routerBasics(platform, 'board', boardResolvers(platform.db)),
  });
}
