import { bindingCodeIssueNeeds } from '../accounts/ports';
import { auditWriteNeeds, combineNeeds, piiNeeds, userFlagsNeeds } from '../platform/aws-access';

/**
 * The hardship function (困难职工档案): files and their ID-number claims (one table), the binding flag
 * on users, the binding codes it issues, audited reads and reveals, and the QR card (signed with a key
 * derived from the session-token secret the router already reads).
 */
export const hardshipAccess = combineNeeds(
  { tables: { hardshipFiles: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'] } },
  userFlagsNeeds,
  bindingCodeIssueNeeds,
  auditWriteNeeds,
  piiNeeds,
);
