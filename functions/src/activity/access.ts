import { boardFiguresNeeds } from '../board/ports';
import { combineNeeds } from '../platform/aws-access';
import { stationReadNeeds, stationResolverNeeds } from '../stations/ports';

/**
 * The activity function: problem reports, QR visits and their counts, station QR codes (WeChat's
 * wxacode), coverage gaps (read through the stations' search), and the notice board's per-station
 * figures beside the region's visits (read through the board's port).
 */
export const activityAccess = combineNeeds(
  {
    tables: {
      reports: ['PutItem', 'Query', 'UpdateItem'],
      // UpdateItem: counted visits; PutItem: every scan remembered for confirmations (store.ts).
      visits: ['UpdateItem', 'Query', 'PutItem'],
      // Coverage reads the counts; the app's coverage beacon (POST /coverage/beacons) adds to them.
      searchCounts: ['Query', 'UpdateItem'],
    },
    secrets: ['wechat'],
  },
  stationReadNeeds,
  stationResolverNeeds,
  boardFiguresNeeds,
);
