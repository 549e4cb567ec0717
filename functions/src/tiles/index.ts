import type { DynamoDBStreamEvent } from 'aws-lambda';
import type { Platform } from '../platform';
import { createLogger } from '../platform/logger';
import { stationTileSource } from '../stations/ports';
import { TileBuilder, type BuildReport } from './builder';
import { createTileFiles } from './files';
import { touchedCells, touchedDistricts } from './stream';

export { TileBuilder, type BuildReport } from './builder';
export { cacheControl, DiskTileFiles, MANIFEST_MAX_AGE_SECONDS, TILE_PREFIX, tileDir, type TileFiles } from './files';
export { touchedCells, touchedDistricts } from './stream';

export function tileBuilder(platform: Platform): TileBuilder {
  return new TileBuilder(stationTileSource(platform.db), createTileFiles(platform.config.photos, platform.config.region));
}

/** The stations table's stream → the cells and districts it touched → their tiles and indexes, manifest last. */
export function tileStreamHandler(platform: Platform): (event: DynamoDBStreamEvent) => Promise<BuildReport> {
  const builder = tileBuilder(platform);
  const logger = createLogger('tiles');
  return async (event) => {
    const report = await builder.rebuildCells(touchedCells(event), new Date(), touchedDistricts(event));
    logger.info('tiles rebuilt', { records: event.Records.length, ...report });
    return report;
  };
}
