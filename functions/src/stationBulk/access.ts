import { combineNeeds } from '../platform/aws-access';
import { stationWriteNeeds } from '../stations/ports';

/** Bulk import and export of station lists: the stations' own versioned writes, nothing more. */
export const stationBulkAccess = combineNeeds(stationWriteNeeds);
