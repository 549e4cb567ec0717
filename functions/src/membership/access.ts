import { auditWriteNeeds, combineNeeds, outboxQueueNeeds, piiNeeds, userFlagsNeeds } from '../platform/aws-access';

/**
 * The membership function (网上入会): applications, the one-open-application claims, members, the
 * member flag and subscribe grants on users, queued notifications, and audited reveals.
 */
export const membershipAccess = combineNeeds(
  {
    tables: {
      applications: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      idClaims: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'],
      members: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
    },
    // The member card's signing key (member-pass.ts).
    secrets: ['memberPassKey'],
  },
  userFlagsNeeds,
  outboxQueueNeeds,
  auditWriteNeeds,
  piiNeeds,
);
