import { prepareFilters } from './station-filters';
import { NearbyRanking } from './station-search';
import type { StationFilters, StationSummary } from './station';
import { TileCache } from './tile-cache';
import {
  DistrictDirectory,
  districtList,
  DistrictTiles,
  ManifestShard,
  searchTiles,
  SHARD_PRECISION,
  circleReaches,
  shardChildren,
  shardsFor,
  Tile,
  TILE_MIN_PRECISION,
  TILE_MANIFEST_PATH,
  TileManifest,
  tilesFor,
  type TileSearch,
} from './tiles';
import type { NearbyAnswer } from './station-search';
import { COVERAGE_CELL_PRECISION, COVERAGE_WALK_METERS, type CoverageBeacon } from './activity';
import { encodeGeohash } from './geohash';
import type * as z from 'zod';

/**
 * The app's side of the tiles, for every platform: it fetches the manifest (revalidated with its
 * ETag once it is older than MANIFEST_FRESH_MS), the shards and tiles a search's circle needs, keeps
 * them in a store (wx storage in WeChat, IndexedDB in the browser, a Map in tests and benchmarks),
 * and searches them with the shared ranking. Tiles and shards are named by their content, so a
 * stored one is never stale; without a network it answers from what it holds and says how old it is.
 */

/**
 * Tiles a search fetches side by side before it checks whether it has the answer: one round trip
 * brings the worker's own tile and its nearest neighbours, and a dense centre is not read whole.
 */
const TILES_PER_ROUND = 4;

/** How long a fetched manifest is used without asking again: the edge caches it as long (functions/src/tiles/files.ts). */
export const MANIFEST_FRESH_MS = 30_000;

export type TileResponse = { status: 200; text: string; etag: string | null } | { status: 304 } | { status: 404 };

/** GET `tiles/<path>` with If-None-Match when an ETag is given; throws when there is no network. */
export type TileFetch = (path: string, etag: string | null) => Promise<TileResponse>;

export interface TileStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A district kept on the phone for offline use (下载本区县离线数据). */
export interface SavedDistrict {
  code: string;
  name: string;
  /** When the worker saved or last updated it (epoch ms), and when its data was built (the manifest's builtAt). */
  savedAt: number;
  builtAt: string;
  /** The district's stations in its list, and the bytes its files take on the phone. */
  stations: number;
  bytes: number;
  /** Every file it needs (directory, index, shards, tiles): never dropped while it is saved. */
  files: string[];
  /** Its index and tiles as saved, read when the network is gone and the newest manifest names tiles not kept. */
  index: string;
  tiles: string[];
}

/** What makes a district on tiles: its directory and shards, its index, the tiles of its cells. */
export interface DistrictPlan {
  index: string;
  district: DistrictTiles;
  shards: string[];
  tiles: string[];
  builtAt: string;
  offline: boolean;
}

export interface DistrictBrowseResult {
  items: StationSummary[];
  builtAt: string;
  offline: boolean;
}



interface StoredManifest {
  manifest: TileManifest;
  etag: string | null;
  /** When the app last heard from the server about it (epoch ms). */
  checkedAt: number;
}

export interface TileSearchResult extends NearbyAnswer {
  radius: number;
  /** When the data searched was built (the manifest's builtAt). */
  builtAt: string;
  /** True when the network failed and the answer came from stored tiles only. */
  offline: boolean;
  /** Bytes fetched for this search (response text length), for the benchmark. */
  fetchedBytes: number;
}

/** A tile the store is missing while the network is gone: the area was never searched before. */
export class TilesUnavailable extends Error {
  constructor() {
    super('没有网络，且本机没有这一带的离线数据');
    this.name = 'TilesUnavailable';
  }
}

const MANIFEST_KEY = 'tiles:manifest';
const EXPECT_CHANGE_KEY = 'tiles:expect-change-until';
const SAVED_KEY = 'tiles:saved';

/** After this phone changed a station, how long every search asks the edge for the manifest again. */
export const EXPECT_CHANGE_MS = 2 * 60_000;

export class TileClient {
  private memo = new Map<string, unknown>();
  private manifestMemo: StoredManifest | null = null;
  private fetched = 0;
  private readonly cache: TileCache;

  constructor(
    private readonly fetchTile: TileFetch,
    private readonly store: TileStore,
    private readonly clock: () => number = Date.now,
    budgetBytes?: number,
  ) {
    this.cache = new TileCache(store, async () => new Set((await this.savedDistricts()).flatMap((d) => d.files)), clock, budgetBytes);
  }

  /** The manifest: stored when recent (unless `revalidate`), else revalidated; the stored one when offline. */
  private async manifest(revalidate = false): Promise<{ stored: StoredManifest; offline: boolean }> {
    let stored = this.manifestMemo;
    if (!stored) {
      const text = await this.store.get(MANIFEST_KEY);
      stored = text ? (JSON.parse(text) as StoredManifest) : null;
    }
    // Soon after this phone changed a station (a confirmation, a host's edit), the tiles are being
    // rebuilt: revalidate on every search (a 304 costs little) so the change shows as soon as it is built.
    const expectChange = this.clock() < Number((await this.store.get(EXPECT_CHANGE_KEY)) ?? 0);
    if (stored && !expectChange && !revalidate && this.clock() - stored.checkedAt < MANIFEST_FRESH_MS) return { stored: (this.manifestMemo = stored), offline: false };
    let res: TileResponse;
    try {
      res = await this.fetchTile(TILE_MANIFEST_PATH, stored?.etag ?? null);
    } catch (error) {
      if (stored) return { stored: (this.manifestMemo = stored), offline: true };
      throw error;
    }
    if (res.status === 304 && stored) {
      stored = { ...stored, checkedAt: this.clock() };
    } else if (res.status === 200) {
      this.fetched += res.text.length;
      stored = { manifest: TileManifest.parse(JSON.parse(res.text)), etag: res.etag, checkedAt: this.clock() };
    } else {
      throw new Error(`tile manifest: ${res.status}`);
    }
    this.manifestMemo = stored;
    await this.store.set(MANIFEST_KEY, JSON.stringify(stored));
    return { stored, offline: false };
  }

  /** A content-named file's text: from the store, or the network (then stored, within the budget). */
  private async fileText(name: string, offline: boolean): Promise<string> {
    let text = await this.cache.get(name);
    if (text === null) {
      if (offline) throw new TilesUnavailable();
      let res: TileResponse;
      try {
        res = await this.fetchTile(name, null);
      } catch {
        throw new TilesUnavailable();
      }
      if (res.status !== 200) throw new Error(`tile ${name}: ${res.status}`);
      text = res.text;
      this.fetched += text.length;
      await this.cache.put(name, text);
    }
    return text;
  }

  /** A content-named file, parsed: from memory, the store, or the network. */
  private async file<S extends z.ZodType>(name: string, schema: S, offline: boolean): Promise<z.infer<S>> {
    const known = this.memo.get(name);
    if (known) return known as z.infer<S>;
    const value = schema.parse(JSON.parse(await this.fileText(name, offline))) as z.infer<S>;
    this.memo.set(name, value);
    return value;
  }

  /** The tiles covering a circle (fetching what is missing), e.g. to keep a district for offline use. */
  async tilesAround(center: { lat: number; lng: number }, radius: number): Promise<{ tiles: Tile[]; builtAt: string; offline: boolean }> {
    const { needs, builtAt, offline } = await this.needs(center, radius);
    const tiles = await Promise.all(needs.map((n) => this.file(n.name, Tile, offline)));
    return { tiles, builtAt, offline };
  }

  /**
   * Down the split shards (a dense area's shard lists child shards) to the leaves with a wanted
   * prefix; `files`: every shard file read on the way.
   */
  private async leafShards(roots: string[], wanted: (prefix: string) => boolean, offline: boolean): Promise<{ leaves: ManifestShard[]; files: string[] }> {
    const leaves: ManifestShard[] = [];
    const files: string[] = [];
    for (let names = roots; names.length > 0; ) {
      files.push(...names);
      const shards = await Promise.all(names.map((n) => this.file(n, ManifestShard, offline)));
      names = shards.flatMap((shard) => shardChildren(shard, wanted));
      leaves.push(...shards.filter((shard) => !shard.shards));
    }
    return { leaves, files };
  }

  private async needs(center: { lat: number; lng: number }, radius: number) {
    const { stored, offline } = await this.manifest();
    const roots = shardsFor(center, radius).flatMap((s) => (stored.manifest.shards[s] ? [stored.manifest.shards[s]] : []));
    const { leaves } = await this.leafShards(roots, circleReaches(center, radius), offline);
    return { needs: tilesFor(center, radius, leaves), builtAt: stored.manifest.builtAt, offline };
  }

  /**
   * The nearby search on tiles. Tiles are read nearest first, TILES_PER_ROUND at a time (fetched
   * side by side), and reading stops once `limit` matches are nearer than the nearest unread tile:
   * nothing unread can change the answer, so a search in a dense centre fetches the few tiles around
   * the worker, not the whole radius. When matches run short every tile of the radius is read, which
   * is when the relax hints are counted.
   */
  async search(query: TileSearch, now: Date): Promise<TileSearchResult> {
    const before = this.fetched;
    const center = { lat: query.lat, lng: query.lng };
    const { needs, builtAt, offline } = await this.needs(center, query.radius);
    const ranking = new NearbyRanking(center, query.radius, prepareFilters(query, now));
    let next = 0;
    while (next < needs.length) {
      const kth = ranking.matches()[query.limit - 1];
      // Strictly nearer: an unread row at the same distance could still come first by id.
      if (kth && kth.distance < needs[next]!.minDistance) break;
      const end = Math.min(needs.length, next + TILES_PER_ROUND);
      const tiles = await Promise.all(needs.slice(next, end).map((n) => this.file(n.name, Tile, offline)));
      for (const tile of tiles) for (const row of tile.rows) ranking.add(row);
      next = end;
    }
    await this.cache.flush();
    return { ...ranking.answer(query.limit, next >= needs.length), radius: query.radius, builtAt, offline, fetchedBytes: this.fetched - before };
  }

  /**
   * What the app reports after a search from where the worker is (POST /coverage/beacons): the
   * geohash-6 cell, whether an open station is within 15 minutes' walk, and the nearest station's
   * district. Never the point itself, never who asked.
   */
  async coverageBeacon(center: { lat: number; lng: number }, now: Date): Promise<CoverageBeacon> {
    const { tiles } = await this.tilesAround(center, COVERAGE_WALK_METERS);
    const open = searchTiles(tiles, { ...center, radius: COVERAGE_WALK_METERS, limit: 1, openNow: true }, now);
    const nearest = searchTiles(tiles, { ...center, radius: COVERAGE_WALK_METERS, limit: 1 }, now);
    return {
      cell: encodeGeohash(center, COVERAGE_CELL_PRECISION),
      found: open.items.length > 0,
      districtCode: nearest.items[0]?.district.code ?? null,
    };
  }

  /**
   * The files of a district (按区县): its province's directory, its index, the shards of its cells and
   * every tile of those cells (a split cell's children too). Null when the district has no station.
   * `revalidate` (to save it): the manifest as the network has it now, TilesUnavailable without one.
   */
  async districtPlan(code: string, revalidate = false): Promise<DistrictPlan | null> {
    const { stored, offline: off } = await this.manifest(revalidate);
    // Asked to revalidate (to save the district) and the network is gone: nothing to save.
    if (revalidate && off) throw new TilesUnavailable();
    const directoryName = stored.manifest.districts[code.slice(0, 2)];
    const directory = directoryName ? await this.file(directoryName, DistrictDirectory, off) : null;
    const index = directory?.districts[code];
    if (!directoryName || !index) return null;
    const district = await this.file(index, DistrictTiles, off);
    const roots = [...new Set(district.cells.map((c) => stored.manifest.shards[c.slice(0, SHARD_PRECISION)]))].filter((n): n is string => !!n);
    const { leaves, files: shardNames } = await this.leafShards(roots, (prefix) => district.cells.some((c) => c.startsWith(prefix)), off);
    const tiles = leaves.flatMap((shard) =>
      Object.entries(shard.tiles)
        .filter(([cell]) => district.cells.includes(cell.slice(0, TILE_MIN_PRECISION)))
        .map(([, name]) => name),
    );
    return { index, district, shards: [directoryName, ...shardNames], tiles, builtAt: stored.manifest.builtAt, offline: off };
  }

  private async districtRows(plan: Pick<DistrictPlan, 'district' | 'tiles'>, offline: boolean): Promise<StationSummary[]> {
    const tiles = await Promise.all(plan.tiles.map((n) => this.file(n, Tile, offline)));
    return [...tiles.flatMap((t) => t.rows), ...plan.district.unlocated];
  }

  /**
   * A district's list on tiles, filtered and ordered as the API's district list (districtList): from
   * the tiles the newest manifest names, or, without a network and with those not kept, from the
   * district's files as the worker saved them.
   */
  async browseDistrict(query: { districtCode: string } & StationFilters, now: Date): Promise<DistrictBrowseResult> {
    const filters = prepareFilters(query, now);
    try {
      const plan = await this.districtPlan(query.districtCode);
      // No index: the district has no station.
      if (!plan) return { items: [], builtAt: '', offline: false };
      const rows = await this.districtRows(plan, plan.offline);
      await this.cache.flush();
      return { items: districtList(rows, query.districtCode, filters), builtAt: plan.builtAt, offline: plan.offline };
    } catch (error) {
      const saved = (await this.savedDistricts()).find((d) => d.code === query.districtCode);
      if (!(error instanceof TilesUnavailable) || !saved) throw error;
      const district = await this.file(saved.index, DistrictTiles, true);
      const rows = await this.districtRows({ district, tiles: saved.tiles }, true);
      return { items: districtList(rows, query.districtCode, filters), builtAt: saved.builtAt, offline: true };
    }
  }

  async savedDistricts(): Promise<SavedDistrict[]> {
    const text = await this.store.get(SAVED_KEY);
    return text ? (JSON.parse(text) as SavedDistrict[]) : [];
  }

  async writeSavedDistricts(list: SavedDistrict[]): Promise<void> {
    await this.store.set(SAVED_KEY, JSON.stringify(list));
  }

  /** Keeps a file on the phone (fetching it if missing); its text. */
  keep(name: string): Promise<string> {
    return this.fileText(name, false);
  }

  /** Drops files from the phone (and memory): a removed district's, those no other saved district needs. */
  async forgetFiles(names: Iterable<string>): Promise<void> {
    for (const name of names) {
      await this.cache.remove(name);
      this.memo.delete(name);
    }
    await this.cache.flush();
  }

  /** This phone just changed a station: until EXPECT_CHANGE_MS from now, every search revalidates the manifest. */
  async expectChange(): Promise<void> {
    await this.store.set(EXPECT_CHANGE_KEY, String(this.clock() + EXPECT_CHANGE_MS));
  }

  /** Forget what is held in memory (not the store): the next search reads the store again. */
  forgetMemory(): void {
    this.memo.clear();
    this.manifestMemo = null;
  }
}
