import { combineNeeds } from '../platform/aws-access';
import { stationResolverNeeds } from '../stations/ports';

/**
 * The board function (公告栏): posts and their reservations, codes and reports in one table (written
 * with conditional updates and transactions), the sliding-window limit on phone reveals, and the
 * posting station read by id through the stations port.
 */
export const boardAccess = combineNeeds(
  {
    tables: {
      boardPosts: ['GetItem', 'Query', 'PutItem', 'UpdateItem'],
      // platform/rate-limit.ts: the ADD on the current slice, one BatchGet of the older ones.
      rateLimits: ['UpdateItem', 'BatchGetItem'],
    },
  },
  // The posting station is read by id (StationService.find), nothing else of the stations.
  stationResolverNeeds,
);
