import { searchCountNeeds } from '../activity/ports';
import { combineNeeds } from '../platform/aws-access';
import { stationReadNeeds, stationResolverNeeds, stationWriteNeeds } from './ports';

/**
 * The stations function: the station reads and versioned writes (ports.ts), each station's change
 * history, photos under stations/, and the per-cell search counts behind coverage (activity's port).
 */
export const stationsAccess = combineNeeds(
  stationReadNeeds,
  stationWriteNeeds,
  stationResolverNeeds,
  { tables: { stationHistory: ['Query'] }, photos: { 'stations/': ['PutObject', 'DeleteObject'] } },
  searchCountNeeds,
);
