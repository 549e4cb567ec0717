// The importer's public face, for the stationBulk function: kept apart from ../ports so that the
// stations function's bundle never carries the CSV/GBK decoding.
export { StationImporter } from './service';
export { stationsCsv, stationsGeoJson } from './export';
