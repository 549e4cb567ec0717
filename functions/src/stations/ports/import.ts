// The importer's public face, for the stationBulk function: kept apart from ../ports.ts so that the
// stations function's bundle never carries the CSV/GBK decoding.
export { StationImporter, stationsCsv, stationsGeoJson } from '../import';
