import { boardPersonNeeds } from '../board/ports';
import { hardshipRecordNeeds } from '../hardship/ports';
import { membershipRecordNeeds } from '../membership/ports';
import { reporterRecordNeeds } from '../activity/ports';
import { confirmationRecordNeeds } from '../confirmations/ports';
import { auditReadNeeds, auditWriteNeeds, combineNeeds } from '../platform/aws-access';
import { stationHostNeeds, stationResolverNeeds } from '../stations/ports';
import { claimReleaseNeeds, wishRecordNeeds } from '../wishes/ports';

/**
 * The accounts function: login (WeChat jscode2session), sessions, roles, binding codes and the audit
 * log; and, through the other domains' ports, the person's data export and account deletion (which
 * releases the person's wish claims and reservations of board events, deletes their answers confirming
 * stations and their follows of stations, and unlinks their reports of board posts).
 */
export const accountsAccess = combineNeeds(
  {
    tables: {
      users: ['GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
      sessions: ['BatchGetItem', 'Query', 'PutItem', 'DeleteItem', 'BatchWriteItem'],
      bindingCodes: ['GetItem', 'PutItem', 'UpdateItem'],
    },
    secrets: ['wechat'],
  },
  auditWriteNeeds,
  auditReadNeeds,
  membershipRecordNeeds,
  reporterRecordNeeds,
  confirmationRecordNeeds,
  stationHostNeeds,
  stationResolverNeeds,
  hardshipRecordNeeds,
  wishRecordNeeds,
  claimReleaseNeeds,
  boardPersonNeeds,
);
