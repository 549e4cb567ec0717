import { combineNeeds } from '../platform/aws-access';
import { stationImportNeeds, stationWriteNeeds } from '../stations/ports';

/** Bulk import and export of station lists: the stations' own versioned writes and the importer's look-up. */
export const stationBulkAccess = combineNeeds(stationWriteNeeds, stationImportNeeds);
