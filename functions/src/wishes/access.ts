import { fileRefNeeds } from '../hardship/ports';
import { auditWriteNeeds, combineNeeds, outboxQueueNeeds, userFlagsNeeds } from '../platform/aws-access';
import { stationSummaryNeeds } from '../stations/ports';

/**
 * The wishes function (微心愿): wishes (replaced whole under a status-and-version condition; the quota
 * items are counters), volunteers (encrypted contact), the bound file reference, handover stations'
 * names, subscribe grants and queued notifications, audited reveals, delivery photos under wishes/.
 */
export const wishesAccess = combineNeeds(
  {
    tables: { wishes: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], volunteers: ['GetItem', 'BatchGetItem', 'PutItem'] },
    envelopeKey: true,
    photoPrefixes: ['wishes/'],
  },
  userFlagsNeeds,
  fileRefNeeds,
  stationSummaryNeeds,
  outboxQueueNeeds,
  auditWriteNeeds,
);
