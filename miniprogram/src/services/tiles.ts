import Taro from '@tarojs/taro';
import { commonMessages, DistrictStationsQuery, NearbyQuery, type LatLng, type StationSummary } from '@yz/shared';
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
/** The one client of the app: its store, its memory and its byte budget are shared by every page. */
export const tiles = () => (client ??= new TileClient(fetchTile, tileStore()));

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

function checked<T>(result: { success: true; data: T } | { success: false; error: { issues: { message: string }[] } }): T {
  if (!result.success) throw new ApiError(400, 'VALIDATION_FAILED', result.error.issues[0]?.message ?? commonMessages.INTERNAL);
  return result.data;
}

export async function searchNearby(input: FinderSearch, now: Date): Promise<TileSearchResult> {
  return tiles().search(checked(NearbyQuery.safeParse(input)), now);
}

export interface DistrictPage {
  items: StationSummary[];
  nextCursor: string | null;
  /** The district's whole count when read from tiles (the API's pages do not say). */
  total: number | null;
  /** When the data was built, when the answer came from the phone without a network. */
  offlineSince: string | null;
}

/** A district list read from tiles is shown this many rows at a time ("加载更多" shows the next). */
const TILE_PAGE = 40;
const TILE_CURSOR = 'tiles:';
let lastDistrictList: StationSummary[] = [];

function tilePage(items: StationSummary[], from: number, offlineSince: string | null): DistrictPage {
  const end = from + TILE_PAGE;
  return { items: items.slice(from, end), nextCursor: end < items.length ? `${TILE_CURSOR}${end}` : null, total: items.length, offlineSince };
}

/**
 * A district's stations by name (按区县浏览): from the district's tiles (kept on the phone, searched
 * with the shared ranking code, in the API's order), or from the API when tiles cannot be had (no
 * network and none kept). A cursor continues whichever answered the first page.
 */
export async function districtPage(input: { districtCode: string } & Record<string, unknown>, cursor: string | null, now: Date): Promise<DistrictPage> {
  if (cursor?.startsWith(TILE_CURSOR)) return tilePage(lastDistrictList, Number(cursor.slice(TILE_CURSOR.length)), null);
  const query = checked(DistrictStationsQuery.safeParse({ ...input, ...(cursor ? { cursor } : {}) }));
  if (!cursor) {
    try {
      const result = await tiles().browseDistrict(query, now);
      lastDistrictList = result.items;
      return tilePage(result.items, 0, result.offline ? result.builtAt : null);
    } catch {
      // No tiles to be had (nothing kept here and no network, or the edge is down): the API.
    }
  }
  const page = await api.districtStations({ query: { ...input, ...(cursor ? { cursor } : {}) } as DistrictStationsQuery });
  return { ...page, total: null, offlineSince: null };
}

/** How long ago a moment was, as the finder says it ("3 分钟前"). */
export function timeAgo(at: string | number, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - (typeof at === 'number' ? at : Date.parse(at))) / 60_000));
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.round(minutes / 60);
  return hours < 24 ? `${hours} 小时前` : `${Math.round(hours / 24)} 天前`;
}

/** After a search from the worker's own location: feeds the coverage-gap counts, never blocks the list. */
export function reportCoverage(point: LatLng, now: Date): void {
  void tiles()
    .coverageBeacon(point, now)
    .then((body) => api.coverageBeacon({ body }))
    .catch(() => undefined);
}
