import { openReportNeeds } from '../activity/ports';
import { combineNeeds } from '../platform/aws-access';
import { stationHealthNeeds, stationWriteNeeds } from '../stations/ports';

/**
 * Bulk import and export of station lists (the stations' own versioned writes), and data health: a
 * region's stations and its open problem reports.
 */
export const stationBulkAccess = combineNeeds(stationWriteNeeds, stationHealthNeeds, openReportNeeds);
