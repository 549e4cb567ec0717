import Taro from '@tarojs/taro';
import { commonMessages, NearbyQuery, type LatLng } from '@yz/shared';
import { TileClient, type TileFetch, type TileSearchResult } from '@yz/shared/tile-client';
import { api, ApiError, onStationWrite } from './api';
import { tileStore } from './tile-store';

/**
 * The finder's search, on the phone: station tiles from the edge (TILES_BASE_URL), kept on the phone
 * (tile-store), searched with the same code as the nearby API (shared/src/tile-client.ts). The
 * worker's position never leaves the phone; after a search from the phone's location only a coarse,
 * anonymous beacon does (geohash-6 cell, found or not).
 */

const TIMEOUT_MS = 10_000;

const fetchTile: TileFetch = async (path, etag) => {
  let res: Taro.request.SuccessCallbackResult<string>;
  try {
    res = await Taro.request<string>({
      url: `${TILES_BASE_URL}${path}`,
      method: 'GET',
      header: etag ? { 'if-none-match': etag } : {},
      dataType: 'text',
      responseType: 'text',
      timeout: TIMEOUT_MS,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', commonMessages.NETWORK);
  }
  if (res.statusCode === 304) return { status: 304 };
  if (res.statusCode === 404) return { status: 404 };
  if (res.statusCode !== 200) throw new ApiError(res.statusCode, `HTTP_${res.statusCode}`, commonMessages.INTERNAL);
  const headers = (res.header ?? {}) as Record<string, string>;
  return {
    status: 200,
    text: typeof res.data === 'string' ? res.data : JSON.stringify(res.data),
    etag: headers.ETag ?? headers.Etag ?? headers.etag ?? null,
  };
};

let client: TileClient | null = null;
const tiles = () => (client ??= new TileClient(fetchTile, tileStore()));

/**
 * A new client over a new store, as on a phone that never searched: what the old one held in memory is
 * gone (in a browser without IndexedDB, everything). For tests of the paths without tiles.
 */
export function resetTileClient(): void {
  client = null;
}

// A worker's confirmation or a host's edit should show in this phone's next searches as soon as the
// edge has the rebuilt tiles, not after the manifest's usual 30 s.
onStationWrite(() => void tiles().expectChange().catch(() => undefined));

/** Checked like the API checks its query, so a bad filter gets the same Chinese message. */
export type FinderSearch = { lat: number; lng: number; radius: number } & Record<string, unknown>;

export async function searchNearby(input: FinderSearch, now: Date): Promise<TileSearchResult> {
  const parsed = NearbyQuery.safeParse(input);
  if (!parsed.success) throw new ApiError(400, 'VALIDATION_FAILED', parsed.error.issues[0]?.message ?? commonMessages.INTERNAL);
  return tiles().search(parsed.data, now);
}

/** After a search from the worker's own location: feeds the coverage-gap counts, never blocks the list. */
export function reportCoverage(point: LatLng, now: Date): void {
  void tiles()
    .coverageBeacon(point, now)
    .then((body) => api.coverageBeacon({ body }))
    .catch(() => undefined);
}
