import { recentScanNeeds } from '../activity/ports';
import { combineNeeds } from '../platform/aws-access';
import { stationConfirmationNeeds, stationResolverNeeds } from '../stations/ports';

/**
 * The confirmations function (师傅确认): its answers and people's weights (store.ts), the sliding-window
 * limits per person and per device, the station read by id and its summary folded in (stations' port),
 * and the person's latest QR scan (activity's port).
 */
export const confirmationsAccess = combineNeeds(
  {
    tables: {
      confirmations: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      // platform/rate-limit.ts: the ADD on the current slice, one BatchGet of the older ones.
      rateLimits: ['UpdateItem', 'BatchGetItem'],
    },
  },
  stationResolverNeeds,
  stationConfirmationNeeds,
  recentScanNeeds,
);
