import { prepareFilters } from './station-filters';
import { NearbyRanking } from './station-search';
import {
  ManifestShard,
  searchTiles,
  shardChildrenFor,
  shardsFor,
  Tile,
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

/** After this phone changed a station, how long every search asks the edge for the manifest again. */
export const EXPECT_CHANGE_MS = 2 * 60_000;

export class TileClient {
  private memo = new Map<string, unknown>();
  private manifestMemo: StoredManifest | null = null;
  private fetched = 0;

  constructor(
    private readonly fetchTile: TileFetch,
    private readonly store: TileStore,
    private readonly clock: () => number = Date.now,
  ) {}

  /** The manifest: stored when recent, else revalidated; the stored one when offline. */
  private async manifest(): Promise<{ stored: StoredManifest; offline: boolean }> {
    let stored = this.manifestMemo;
    if (!stored) {
      const text = await this.store.get(MANIFEST_KEY);
      stored = text ? (JSON.parse(text) as StoredManifest) : null;
    }
    // Soon after this phone changed a station (a confirmation, a host's edit), the tiles are being
    // rebuilt: revalidate on every search (a 304 costs little) so the change shows as soon as it is built.
    const expectChange = this.clock() < Number((await this.store.get(EXPECT_CHANGE_KEY)) ?? 0);
    if (stored && !expectChange && this.clock() - stored.checkedAt < MANIFEST_FRESH_MS) return { stored: (this.manifestMemo = stored), offline: false };
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

  /** A content-named file: from memory, the store, or the network (then stored for good). */
  private async file<S extends z.ZodType>(name: string, schema: S, offline: boolean): Promise<z.infer<S>> {
    const known = this.memo.get(name);
    if (known) return known as z.infer<S>;
    let text = await this.store.get(`tiles:${name}`);
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
      await this.store.set(`tiles:${name}`, text);
    }
    const value = schema.parse(JSON.parse(text)) as z.infer<S>;
    this.memo.set(name, value);
    return value;
  }

  /** The tiles covering a circle (fetching what is missing), e.g. to keep a district for offline use. */
  async tilesAround(center: { lat: number; lng: number }, radius: number): Promise<{ tiles: Tile[]; builtAt: string; offline: boolean }> {
    const { needs, builtAt, offline } = await this.needs(center, radius);
    const tiles = await Promise.all(needs.map((n) => this.file(n.name, Tile, offline)));
    return { tiles, builtAt, offline };
  }

  private async needs(center: { lat: number; lng: number }, radius: number) {
    const { stored, offline } = await this.manifest();
    let names = shardsFor(center, radius).flatMap((s) => (stored.manifest.shards[s] ? [stored.manifest.shards[s]] : []));
    // Down the split shards to the leaves the circle reaches (a dense area's shard lists child shards).
    const leaves: ManifestShard[] = [];
    while (names.length > 0) {
      const shards = await Promise.all(names.map((n) => this.file(n, ManifestShard, offline)));
      names = shards.flatMap((shard) => shardChildrenFor(shard, center, radius));
      leaves.push(...shards.filter((shard) => !shard.shards));
    }
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
