import { combineNeeds } from '../platform/aws-access';
import { openReportNeeds } from '../activity/ports';
import { stationHealthNeeds } from '../stations/ports';

// What other parts may call: data health's rules, for the weekly stale digest (jobs/stale-digest.ts).

/** Reading a region's data health (its stations and open reports). */
export const dataHealthNeeds = combineNeeds(stationHealthNeeds, openReportNeeds);

export { tallyRegion, verifiedAt, type HealthSources } from './health';
