import { combineNeeds } from '../platform/aws-access';
import { stationTileNeeds } from '../stations/ports';

/**
 * The tile builder: the rows on the map through the stations port, and the files under tiles/ of
 * the public bucket (it reads the manifest and its shards, writes tiles, shards and the manifest).
 * The stream it is invoked from is granted by the event source mapping, not here.
 */
export const tilesAccess = combineNeeds(stationTileNeeds, { photos: { 'tiles/': ['GetObject', 'PutObject'] } });
