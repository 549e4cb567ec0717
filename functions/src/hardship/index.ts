import type { Platform } from '../platform';
import { BindingCodeStore } from '../accounts/store';
import { AuditLog } from '../platform/audit';
import { createPiiCipher } from '../platform/crypto';
import { createGuard } from '../platform/guard';
import type { LambdaHandler } from '../platform/http';
import { createLogger } from '../platform/logger';
import { CardTokens } from './card';
import { createHardshipHandler } from './handler';
import { HardshipService } from './service';
import { HardshipStore } from './store';
import { personalTermsOfFile, type PersonalTerms } from './terms';

export type { PersonalTerms };

export function hardshipFunction(platform: Platform): LambdaHandler {
  const { db, config } = platform;
  return createHardshipHandler({
    service: new HardshipService({
      store: new HardshipStore(db),
      cipher: createPiiCipher(config.pii),
      audit: new AuditLog(db),
      cards: new CardTokens(config.secrets.tokenKey),
      codes: new BindingCodeStore(db),
    }),
    logger: createLogger('hardship'),
    validateResponses: config.validateResponses,
    guard: createGuard(platform),
  });
}

/** What other domains may ask of the hardship domain. */
export interface HardshipPorts {
  /**
   * The worker's own name, ID number, mobile and address from the file, decrypted (never log them):
   * the wishes domain refuses public text that contains any (functions/src/wishes/own-data.ts).
   */
  personalTermsOf(fileId: string): Promise<PersonalTerms | null>;
}

export function hardshipPorts(platform: Platform): HardshipPorts {
  const cipher = createPiiCipher(platform.config.pii);
  return { personalTermsOf: (fileId) => personalTermsOfFile(platform.db, cipher, fileId) };
}
