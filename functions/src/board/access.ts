import { combineNeeds, outboxQueueNeeds } from '../platform/aws-access';
import { stationResolverNeeds } from '../stations/ports';

/**
 * The board function (公告栏): posts and their reservations, codes and reports in one table (written
 * with conditional updates and transactions), follows (关注驿站, deleted on unfollow), the sliding-window
 * limit on phone reveals, the new-post messages queued for followers with their subscribe grants,
 * and the posting station read by id through the stations port.
 */
export const boardAccess = combineNeeds(
  {
    tables: {
      boardPosts: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem'],
      // platform/rate-limit.ts: the ADD on the current slice, one BatchGet of the older ones.
      rateLimits: ['UpdateItem', 'BatchGetItem'],
    },
  },
  // The posting station is read by id (StationService.find), nothing else of the stations.
  stationResolverNeeds,
  outboxQueueNeeds,
  // A follow's accepted subscribe consent: one ADD on the grant counter in the users table
  // (platform/subscriptions.ts grant); the board never reads it back.
  { tables: { users: ['UpdateItem'] } },
);
