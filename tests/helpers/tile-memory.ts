import { encodeGeohash } from '@yz/shared/geohash';
import type { Station, StationRow } from '@yz/shared';
import type { TileFiles } from '../../functions/src/tiles';
import type { StationTileSource } from '../../functions/src/stations/ports';
import { nearbyRowOf } from '../../functions/src/stations/store';
import { summaryOf } from '../../functions/src/stations/summary';

/**
 * The tile builder's inputs in memory, for unit tests of the real builder: its station source and its
 * files. (Apart from helpers/tiles.ts, which the app-side tests load: this one loads the stations store.)
 */

/** Stations in memory: the builder's source answers from them as the stations domain would. */
export function memorySource(stations: () => Station[]): StationTileSource {
  const onMap = () => stations().filter((s) => s.status === 'active' && s.location);
  const rows = (list: Station[]): StationRow[] => list.map((s) => nearbyRowOf({ ...s, location: s.location! }));
  return {
    rowsInCell: async (cell) => rows(onMap().filter((s) => encodeGeohash(s.location!, 5) === cell)),
    async *allRows() {
      yield rows(onMap());
    },
    districtRows: async (code) => stations().filter((s) => s.district.code === code && s.status !== 'inactive').map(summaryOf),
    async *unlocatedRows() {
      yield stations().filter((s) => s.status === 'needs_location').map(summaryOf);
    },
  };
}

export function memoryFiles(): TileFiles & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return { files, read: async (name) => files.get(name) ?? null, write: async (name, text) => void files.set(name, text) };
}
