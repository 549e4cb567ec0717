import { fileRefNeeds } from '../hardship/ports';
import { auditWriteNeeds, combineNeeds, outboxQueueNeeds, userFlagsNeeds } from '../platform/aws-access';
import { stationResolverNeeds, stationSummaryNeeds } from '../stations/ports';

/**
 * The wishes function (微心愿): wishes (replaced whole under a status-and-version condition; the quota
 * items are counters), volunteers (encrypted contact), the bound file reference, handover stations'
 * names, subscribe grants and queued notifications, audited reveals, delivery photos under wishes/.
 */
export const wishesAccess = combineNeeds(
  {
    tables: { wishes: ['GetItem', 'Query', 'PutItem', 'UpdateItem'], volunteers: ['GetItem', 'BatchGetItem', 'PutItem'] },
    envelopeKey: true,
    // Delivery photos: put, read back through presigned GET URLs, deleted when the wish write fails.
    photos: { 'wishes/': ['PutObject', 'GetObject', 'DeleteObject'] },
  },
  userFlagsNeeds,
  fileRefNeeds,
  stationSummaryNeeds,
  stationResolverNeeds,
  outboxQueueNeeds,
  auditWriteNeeds,
);
