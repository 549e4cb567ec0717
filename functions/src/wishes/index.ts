import type { Platform } from '../platform';
import { AuditLog } from '../platform/audit';
import { createPiiCipher } from '../platform/crypto';
import { routerBasics } from '../platform/guard';
import { wishesResolvers } from './resolver';
import type { LambdaHandler } from '../platform/http';
import { SubscriptionGrants } from '../platform/subscriptions';
import { hardshipPorts } from '../hardship';
import { getFileRef } from '../hardship/ports';
import { createPrivatePhotoStore } from '../platform/photos';
import { createWishesHandler } from './handler';
import { createLifecycle } from './lifecycle';
import { releaseClaimsOf } from './release';
import { WishesService } from './service';
import { DynamoWishStore } from './store';

export function wishesService(platform: Platform): WishesService {
  const { db, config } = platform;
  return new WishesService({
    store: new DynamoWishStore(db),
    cipher: createPiiCipher(config.pii),
    audit: new AuditLog(db),
    grants: new SubscriptionGrants(db),
    photos: createPrivatePhotoStore(config.photos, config.region, config.secrets),
    templates: config.wechatTemplates,
    settings: config.wishes,
    personalTerms: hardshipPorts(platform).personalTermsOf,
    fileRef: (fileId) => getFileRef(db, fileId),
  });
}

export function wishesFunction(platform: Platform): LambdaHandler {
  return createWishesHandler({
    service: wishesService(platform),
    ...routerBasics(platform, 'wishes', wishesResolvers(platform.db)),
  });
}

/** What other domains may ask of the wishes domain. */
export interface WishesPorts {
  /** A deleted account lets go of the wishes it claimed (back to open; see release.ts). Returns how many. */
  releaseClaimsOf(userId: string, now: Date): Promise<number>;
}

export function wishesPorts(platform: Platform): WishesPorts {
  const { db, config } = platform;
  const store = new DynamoWishStore(db);
  const deps = { store, lifecycle: createLifecycle(store), photos: createPrivatePhotoStore(config.photos, config.region, config.secrets) };
  return { releaseClaimsOf: (userId, now) => releaseClaimsOf(deps, userId, now) };
}
