import type { Platform } from '../platform';
import { AuditLog } from '../platform/audit';
import { createPiiCipher } from '../platform/crypto';
import { createGuard } from '../platform/guard';
import type { LambdaHandler } from '../platform/http';
import { createLogger } from '../platform/logger';
import { Outbox } from '../platform/outbox';
import { SubscriptionGrants } from '../platform/subscriptions';
import { createPhotoStore } from '../platform/photos';
import { createWishesHandler } from './handler';
import { WishesService } from './service';
import { WishStore } from './store';

export function wishesService(platform: Platform): WishesService {
  const { db, config } = platform;
  return new WishesService({
    db,
    store: new WishStore(db),
    cipher: createPiiCipher(config.pii),
    audit: new AuditLog(db),
    outbox: new Outbox(db),
    grants: new SubscriptionGrants(db),
    photos: createPhotoStore(config.photos, config.region),
    templates: config.wechatTemplates,
    settings: config.wishes,
  });
}

export function wishesFunction(platform: Platform): LambdaHandler {
  const { config } = platform;
  return createWishesHandler({
    service: wishesService(platform),
    logger: createLogger('wishes'),
    validateResponses: config.validateResponses,
    guard: createGuard(platform),
  });
}
