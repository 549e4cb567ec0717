import Taro from '@tarojs/taro';
import { commonMessages, NearbyQuery, type LatLng, type StationFilters, type StationSummary } from '@yz/shared';
import { TileClient, type TileFetch, type TileSearchResult } from '@yz/shared/tile-client';
import { api, ApiError, onStationWrite } from './api';
import { tileStore } from './tile-store';
import { registerTileClient } from './tile-registry';

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
/** The one client of the app: its store, its memory and its byte budget are shared by every page. */
export const tiles = () => (client ??= new TileClient(fetchTile, tileStore()));
registerTileClient(tiles);

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

export interface DistrictPage {
  items: StationSummary[];
  nextCursor: string | null;
  /** When the data was built, when the answer came from the phone without a network. */
  offlineSince: string | null;
}

/**
 * A district's stations by name (按区县浏览): from the district's tiles (kept on the phone, searched
 * with the shared ranking code, in the API's order; all of them at once, no cursor), or from the API
 * a page at a time when tiles cannot be had (no network and none kept, or the edge is down).
 */
export async function districtPage(input: { districtCode: string } & StationFilters, cursor: string | null, now: Date): Promise<DistrictPage> {
  if (!cursor) {
    try {
      // The filters come from the finder's bar (finder-filters.ts), which keeps them valid.
      const result = await tiles().browseDistrict(input, now);
      return { items: result.items, nextCursor: null, offlineSince: result.offline ? result.builtAt : null };
    } catch {
      // No tiles to be had: the API.
    }
  }
  const page = await api.districtStations({ query: { ...input, ...(cursor ? { cursor } : {}) } });
  return { ...page, offlineSince: null };
}

/** After a search from the worker's own location: feeds the coverage-gap counts, never blocks the list. */
export function reportCoverage(point: LatLng, now: Date): void {
  void tiles()
    .coverageBeacon(point, now)
    .then((body) => api.coverageBeacon({ body }))
    .catch(() => undefined);
}
