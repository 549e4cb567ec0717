import { combineNeeds } from '../platform/aws-access';
import { stationReadNeeds, stationResolverNeeds } from '../stations/ports';

/**
 * The activity function: problem reports, QR visits and their counts, station QR codes (WeChat's
 * wxacode), coverage gaps (read through the stations' search).
 */
export const activityAccess = combineNeeds(
  {
    tables: {
      reports: ['PutItem', 'Query', 'UpdateItem'],
      visits: ['UpdateItem', 'Query'],
      // Coverage reads the counts; the nearby searches that write them run in the stations function.
      searchCounts: ['Query'],
    },
    secrets: ['wechat'],
  },
  stationReadNeeds,
  stationResolverNeeds,
);
