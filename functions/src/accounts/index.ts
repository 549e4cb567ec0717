import type { Platform } from '../platform';
import { AuditLog } from '../platform/audit';
import { routerBasics } from '../platform/guard';
import { accountsResolvers } from './resolver';
import type { LambdaHandler } from '../platform/http';
import { SubscriptionGrants } from '../platform/subscriptions';
import { SessionTokens } from '../platform/tokens';
import { WechatClient } from '../platform/wechat';
import { boardRecords, forgetBoardPerson } from '../board/ports';
import { membershipRecords, withdrawOpenApplications } from '../membership/ports';
import { DynamoReporterRecords } from '../activity/ports';
import { hardshipRecords, unbindHardshipFile } from '../hardship/ports';
import { confirmationRecords, forgetConfirmations } from '../confirmations/ports';
import { forgetVolunteer, wishRecords } from '../wishes/ports';
import { wishesPorts } from '../wishes';
import { createAccountsHandler } from './handler';
import { AccountService } from './service';
import { DynamoBindingCodeStore, DynamoSessionStore, DynamoUserStore, stationDistrict } from './store';

export function accountsFunction(platform: Platform): LambdaHandler {
  const { db, config } = platform;
  const wishes = wishesPorts(platform);
  return createAccountsHandler({
    service: new AccountService({
      users: new DynamoUserStore(db),
      sessions: new DynamoSessionStore(db),
      codes: new DynamoBindingCodeStore(db),
      audit: new AuditLog(db),
      tokens: new SessionTokens(config.secrets.tokenKey),
      wechat: new WechatClient({ apiBase: config.wechat.apiBase, credentials: config.secrets.wechatCredentials }),
      stationDistrict: (stationId) => stationDistrict(db, stationId),
      hardship: {
        records: (fileId, userId) => hardshipRecords(db, fileId, userId),
        unbind: (fileId, userId) => unbindHardshipFile(db, fileId, userId),
      },
      records: async (userId, now) => ({
        ...(await membershipRecords(db, userId)),
        ...(await wishRecords(db, userId)),
        ...(await confirmationRecords(db, userId)),
        ...(await boardRecords(db, userId, now)),
      }),
      // What other domains hold of a person that goes with the account: the wishes it claimed (open
      // again for others), the volunteer registration, and the open membership applications
      // (withdrawn, their ID numbers freed), the answers confirming stations, and on the notice board
      // the follows (deleted), reservations (places of events not started given back) and reports (unlinked).
      forget: async (userId, now) => {
        await wishes.releaseClaimsOf(userId, now);
        await forgetVolunteer(db, userId);
        await withdrawOpenApplications(db, userId, now);
        await forgetConfirmations(db, userId);
        await forgetBoardPerson(db, userId, now);
        // The consents to subscribe messages (a follow's among them) are the person's too.
        await new SubscriptionGrants(db).forget(userId);
      },
      reports: new DynamoReporterRecords(db),
    }),
    ...routerBasics(platform, 'accounts', accountsResolvers(platform.db)),
  });
}
