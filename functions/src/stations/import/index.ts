// The importer's own face (its folder's index): service and export, for stations/ports/import.ts.
export { StationImporter } from './service';
export { stationsCsv, stationsGeoJson } from './export';
