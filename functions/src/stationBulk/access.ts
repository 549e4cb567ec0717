import { openReportNeeds } from '../activity/ports';
import { combineNeeds } from '../platform/aws-access';
import { stationHealthNeeds, stationImportNeeds, stationWriteNeeds } from '../stations/ports';

/**
 * Bulk import and export of station lists (the stations' own versioned writes and the importer's
 * look-up), and data health: a region's stations and its open problem reports.
 */
export const stationBulkAccess = combineNeeds(stationWriteNeeds, stationImportNeeds, stationHealthNeeds, openReportNeeds);
