import type { Platform } from '../platform';
import { routerBasics } from '../platform/guard';
import type { LambdaHandler } from '../platform/http';
import { stationServices } from '../stations';
import { StationImporter } from '../stations/ports/import';
import { createStationBulkHandler } from './handler';

/** The importer over the station services: stationBulk, the local stack and the import CLI. */
export function stationImporter(platform: Platform) {
  const { store, keeping } = stationServices(platform);
  return { store, importer: new StationImporter({ store, keeping }) };
}

export function stationBulkFunction(platform: Platform): LambdaHandler {
  const { importer, store } = stationImporter(platform);
  return createStationBulkHandler({
    importer,
    store,
    ...routerBasics(platform, 'stationBulk'),
  });
}
