import { IsoDateTime } from './fields';
import { childCells, coverCircle, encodeGeohash, geohashBox, minDistanceToBox, type CoverCell } from './geohash';
import type { LatLng } from './geo';
import { NearbyStation, type NearbyQuery } from './station';
import { prepareFilters } from './station-filters';
import { NearbyRanking, type NearbyAnswer, type StationRow } from './station-search';
import './zod-config';
import * as z from 'zod';

/**
 * Station tiles (驿站瓦片): the stations on the map, grouped by geohash cell, as static files the app
 * searches itself. A tile is a geohash-5 cell (about 4.9 km), split into its geohash-6 (and, where
 * still dense, geohash-7) children so no tile holds more than TILE_MAX_ROWS stations. Its rows are
 * the nearby list rows exactly (NearbyStation without the distance): whatever the list row gains,
 * the tiles carry. Tiles and shards are named by their content's hash and never change; the one
 * file that changes is the small root manifest.
 *
 *   tiles/manifest.json            root: geohash-3 shard → shard file (short cache)
 *   tiles/m/<prefix>.<hash>.json   shard: tile cell → tile file, or, where a shard would list more
 *                                  than SHARD_MAX_ENTRIES tiles, child prefix → child shard (immutable)
 *   tiles/t/<cell>.<hash>.json      tile: the rows of one cell (immutable)
 */

/** Bumped when a tile's shape changes; the app ignores files of a version it does not know. */
export const TILE_SCHEMA_VERSION = 1;
export const TILE_MIN_PRECISION = 5;
export const TILE_MAX_PRECISION = 7;
/** Shards of the manifest: geohash-3 cells (about 156 km), so a search needs one, rarely two to four. */
export const SHARD_PRECISION = 3;
/**
 * A shard listing more tiles is split into shards of its geohash children (geohash-4, then -5): a
 * dense conurbation's geohash-3 lists thousands of tiles (45 KB gzipped at 400,000 stations), while a
 * search needs the few dozen around the worker. 256 entries are about 3.5 KB gzipped.
 */
export const SHARD_MAX_ENTRIES = 128;
const SHARD_MAX_PRECISION = TILE_MIN_PRECISION;
/**
 * A cell with more stations is split. About 200 bytes a row gzipped: 120 rows keep a tile near
 * 24 KB (the bench measures it, docs/data-model.md).
 */
export const TILE_MAX_ROWS = 120;

const geohashChars = (min: number, max: number) => new RegExp(`^[0-9b-hjkmnp-z]{${min},${max}}$`);
export const TileCell = z.string().regex(geohashChars(TILE_MIN_PRECISION, TILE_MAX_PRECISION));
export const ShardCell = z.string().regex(geohashChars(SHARD_PRECISION, SHARD_PRECISION));
const ShardPrefix = z.string().regex(geohashChars(SHARD_PRECISION, SHARD_MAX_PRECISION));
/** A file's path under tiles/, content-hashed: `t/wtw3s.1a2b3c4d5e6f.json`. */
export const TileFileName = z.string().regex(/^[tm]\/[0-9b-hjkmnp-z]{3,7}\.[0-9a-f]{12}\.json$/);

export const TileRow = NearbyStation.omit({ distanceMeters: true });
export type TileRow = z.infer<typeof TileRow>;

export const Tile = z.object({ v: z.literal(TILE_SCHEMA_VERSION), cell: TileCell, rows: z.array(TileRow) });
export type Tile = z.infer<typeof Tile>;

/** A shard lists tiles (a leaf) or, when split, the shards of its children (`tiles` is then empty). */
export const ManifestShard = z.object({
  v: z.literal(TILE_SCHEMA_VERSION),
  shard: ShardPrefix,
  tiles: z.record(TileCell, TileFileName),
  shards: z.record(ShardPrefix, TileFileName).optional(),
});
export type ManifestShard = z.infer<typeof ManifestShard>;

export const TileManifest = z.object({
  v: z.literal(TILE_SCHEMA_VERSION),
  /** When the newest change went in: the app shows offline answers as "数据更新于 …". */
  builtAt: IsoDateTime,
  shards: z.record(ShardCell, TileFileName),
});
export type TileManifest = z.infer<typeof TileManifest>;

export const TILE_MANIFEST_PATH = 'manifest.json';
export const tileFileName = (cell: string, hash: string) => `t/${cell}.${hash}.json`;
export const shardFileName = (cell: string, hash: string) => `m/${cell}.${hash}.json`;

/** The stable text of a tile: rows by id, so the same stations always hash to the same name. */
export function encodeTile(cell: string, rows: readonly StationRow[]): string {
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return JSON.stringify({ v: TILE_SCHEMA_VERSION, cell, rows: sorted } satisfies Tile);
}

const sortedRecord = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));

/** A shard file to write: its content-hashed name and text. */
export interface ShardFile {
  name: string;
  text: string;
}

/**
 * The shard files of one geohash-3 prefix listing `tiles` (cell → tile file): one leaf while they are
 * few, else a tree split by geohash child down to geohash-5. Children come before their parent in the
 * list (write them in this order: a reader never meets a name whose file is not there yet); the last
 * file is the one the root manifest names. `hash` names a file by its content (the builder's SHA-256;
 * shared code does not take node:crypto).
 */
export function encodeShardTree(prefix: string, tiles: Record<string, string>, hash: (text: string) => string): ShardFile[] {
  const entries = Object.keys(tiles);
  const file = (shard: ManifestShard): ShardFile => {
    const text = JSON.stringify(shard);
    return { name: shardFileName(prefix, hash(text)), text };
  };
  if (entries.length <= SHARD_MAX_ENTRIES || prefix.length >= SHARD_MAX_PRECISION) {
    return [file({ v: TILE_SCHEMA_VERSION, shard: prefix, tiles: sortedRecord(tiles) })];
  }
  const children = new Map<string, Record<string, string>>();
  for (const cell of entries) {
    const child = cell.slice(0, prefix.length + 1);
    const list = children.get(child) ?? {};
    list[cell] = tiles[cell]!;
    children.set(child, list);
  }
  const files: ShardFile[] = [];
  const shards: Record<string, string> = {};
  for (const [child, list] of children) {
    const subtree = encodeShardTree(child, list, hash);
    files.push(...subtree);
    shards[child] = subtree.at(-1)!.name;
  }
  return [...files, file({ v: TILE_SCHEMA_VERSION, shard: prefix, tiles: {}, shards: sortedRecord(shards) })];
}

/** A split shard's children that a search's circle reaches. */
export function shardChildrenFor(shard: ManifestShard, center: LatLng, radius: number): string[] {
  return Object.entries(shard.shards ?? {}).flatMap(([prefix, name]) => (minDistanceToBox(center, geohashBox(prefix)) <= radius ? [name] : []));
}

/**
 * A geohash-5 cell's rows as tiles: the cell itself when it holds few enough, else its children
 * (recursively, to TILE_MAX_PRECISION); empty cells get no tile.
 */
export function splitIntoTiles<Row extends StationRow>(cell: string, rows: readonly Row[], maxRows = TILE_MAX_ROWS): { cell: string; rows: Row[] }[] {
  if (rows.length === 0) return [];
  if (rows.length <= maxRows || cell.length >= TILE_MAX_PRECISION) return [{ cell, rows: [...rows] }];
  const children = new Map<string, Row[]>();
  for (const row of rows) {
    const child = encodeGeohash(row.location, cell.length + 1);
    const list = children.get(child) ?? [];
    list.push(row);
    children.set(child, list);
  }
  return [...children.entries()].flatMap(([child, list]) => splitIntoTiles(child, list, maxRows));
}

/** The shards (geohash-3 cells) a search's circle touches. */
export function shardsFor(center: LatLng, radius: number): string[] {
  return coverCircle(center, radius, SHARD_PRECISION).map((c) => c.hash);
}

/** A leaf shard's tiles by cell, and the cells split into children: built once per shard a client holds. */
const shardIndexes = new WeakMap<ManifestShard, { tiles: Map<string, string>; split: Set<string> }>();
function shardIndex(shard: ManifestShard) {
  let index = shardIndexes.get(shard);
  if (!index) {
    index = { tiles: new Map(Object.entries(shard.tiles)), split: new Set() };
    for (const cell of index.tiles.keys()) for (let n = TILE_MIN_PRECISION; n < cell.length; n += 1) index.split.add(cell.slice(0, n));
    shardIndexes.set(shard, index);
  }
  return index;
}

/** A tile file a search may need, and how close the circle's centre comes to its cell. */
export interface TileNeed {
  name: string;
  minDistance: number;
}

/**
 * The tile files (from the leaf shards' tables) holding every station within `radius` of the centre,
 * nearest cell first: each geohash-5 cell of the circle, or, where it was split, those of its
 * children that the circle reaches. A cell with no entry and no children had no stations.
 */
export function tilesFor(center: LatLng, radius: number, shards: readonly ManifestShard[]): TileNeed[] {
  const indexes = shards.map(shardIndex);
  const tileOf = (cell: string) => {
    for (const index of indexes) {
      const name = index.tiles.get(cell);
      if (name) return name;
    }
    return undefined;
  };
  const isSplit = (cell: string) => indexes.some((index) => index.split.has(cell));
  const out: TileNeed[] = [];
  const visit = (cells: CoverCell[]) => {
    for (const { hash, minDistance } of cells) {
      const name = tileOf(hash);
      if (name) out.push({ name, minDistance });
      else if (isSplit(hash)) {
        visit(
          childCells(hash)
            .map((h) => ({ hash: h, minDistance: minDistanceToBox(center, geohashBox(h)) }))
            .filter((c) => c.minDistance <= radius),
        );
      }
    }
  };
  visit(coverCircle(center, radius, TILE_MIN_PRECISION));
  return out.sort((a, b) => a.minDistance - b.minDistance || a.name.localeCompare(b.name));
}

export type TileSearch = Pick<NearbyQuery, 'lat' | 'lng' | 'radius' | 'limit' | 'amenities' | 'type' | 'openNow' | 'q'>;

/**
 * The nearby search over the rows of the tiles covering the circle: the same ranking the nearby API
 * uses (station-search.ts), over every row within the radius, so the answer is the API's answer.
 */
export function searchTiles(tiles: Iterable<Pick<Tile, 'rows'>>, query: TileSearch, now: Date): NearbyAnswer & { radius: number } {
  const ranking = new NearbyRanking({ lat: query.lat, lng: query.lng }, query.radius, prepareFilters(query, now));
  for (const tile of tiles) for (const row of tile.rows) ranking.add(row);
  return { ...ranking.answer(query.limit, true), radius: query.radius };
}
