import type { Platform } from '../platform';
import { AuditLog } from '../platform/audit';
import { createPiiCipher } from '../platform/crypto';
import { createGuard } from '../platform/guard';
import { applicationResolver, membershipResolvers } from './resolver';
import type { LambdaHandler } from '../platform/http';
import { IdConflictGuard } from '../platform/id-conflicts';
import { createLogger } from '../platform/logger';
import { SubscriptionGrants } from '../platform/subscriptions';
import { createMembershipHandler } from './handler';
import { MembershipService } from './service';
import { DynamoMembershipStore } from './store';
import { MemberPassSigner } from './member-pass';

export function membershipFunction(platform: Platform): LambdaHandler {
  const { db, config } = platform;
  const guard = createGuard(platform, membershipResolvers(platform.db));
  const audit = new AuditLog(db);
  return createMembershipHandler({
    service: new MembershipService({
      store: new DynamoMembershipStore(db),
      cipher: createPiiCipher(config.pii),
      audit,
      idConflicts: new IdConflictGuard(db, audit),
      grants: new SubscriptionGrants(db),
      resolveApplication: applicationResolver(db),
      templates: config.wechatTemplates,
      passes: new MemberPassSigner(config.secrets.memberPassKey, config.memberPassPublicKey),
    }),
    logger: createLogger('membership'),
    validateResponses: config.validateResponses,
    guard,
  });
}
