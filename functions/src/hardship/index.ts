import type { Platform } from '../platform';
import { DynamoBindingCodeStore } from '../accounts/ports';
import { AuditLog } from '../platform/audit';
import { createPiiCipher } from '../platform/crypto';
import { routerBasics } from '../platform/guard';
import { hardshipResolvers } from './resolver';
import type { LambdaHandler } from '../platform/http';
import { IdConflictGuard } from '../platform/id-conflicts';
import { CardTokens } from './card';
import { createHardshipHandler } from './handler';
import { HardshipService } from './service';
import { DynamoHardshipStore } from './store';
import { personalTermsOfFile, type PersonalTerms } from './terms';

export type { PersonalTerms };

/** The hardship service on a platform: the function's, and the local stack's demo loader. */
export function hardshipService(platform: Platform): HardshipService {
  const { db, config } = platform;
  const audit = new AuditLog(db);
  const codes = new DynamoBindingCodeStore(db);
  return new HardshipService({
    store: new DynamoHardshipStore(db),
    cipher: createPiiCipher(config.pii),
    audit,
    idConflicts: new IdConflictGuard(db, audit),
    cards: new CardTokens(config.secrets.tokenKey),
    issueCode: (input, entry, now) => codes.issue(input, { log: audit, entry }, now),
  });
}

export function hardshipFunction(platform: Platform): LambdaHandler {
  return createHardshipHandler({
    service: hardshipService(platform),
    ...routerBasics(platform, 'hardship', hardshipResolvers(platform.db)),
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
