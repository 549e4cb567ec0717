import type { Platform } from '../platform';
import { BindingCodeStore } from '../accounts/store';
import { AuditLog } from '../platform/audit';
import { createPiiCipher } from '../platform/crypto';
import { createGuard } from '../platform/guard';
import type { LambdaHandler } from '../platform/http';
import { IdConflictGuard } from '../platform/id-conflicts';
import { createLogger } from '../platform/logger';
import { CardTokens } from './card';
import { createHardshipHandler } from './handler';
import { HardshipService } from './service';
import { HardshipStore } from './store';

export function hardshipFunction(platform: Platform): LambdaHandler {
  const { db, config } = platform;
  const audit = new AuditLog(db);
  return createHardshipHandler({
    service: new HardshipService({
      store: new HardshipStore(db),
      cipher: createPiiCipher(config.pii),
      audit,
      idConflicts: new IdConflictGuard(db, audit),
      cards: new CardTokens(config.secrets.tokenKey),
      codes: new BindingCodeStore(db),
    }),
    logger: createLogger('hardship'),
    validateResponses: config.validateResponses,
    guard: createGuard(platform),
  });
}
