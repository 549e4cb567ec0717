import { IsoDateTime } from './fields';
import { childCells, coverCircle, encodeGeohash, geohashBox, minDistanceToBox, type CoverCell } from './geohash';
import type { LatLng } from './geo';
import { DistrictCode } from './region';
import { NearbyStation, StationSummary, type NearbyQuery } from './station';
import { failedFilters, prepareFilters, type PreparedFilters } from './station-filters';
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
 *   tiles/d/<province>.<hash>.json  district directory: district code → district file (immutable)
 *   tiles/d/<district>.<hash>.json  district index: its geohash-5 cells, its stations not on the map (immutable)
 *
 * A district index names cells, not tile files: a station edited in a cell gives that cell a new
 * tile, which the shard already points at, so the index (and its directory) change only when the
 * district gains or loses a cell or a station off the map. The app reads a district's tiles
 * through it to browse the district and to keep it for offline use (下载本区县离线数据).
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
const DistrictCell = z.string().regex(geohashChars(TILE_MIN_PRECISION, TILE_MIN_PRECISION));
export const ProvinceCode = z.string().regex(/^\d{2}$/);
/** A file's path under tiles/, content-hashed: `t/wtw3s.1a2b3c4d5e6f.json`, `d/110105.1a2b3c4d5e6f.json`. */
export const TileFileName = z.string().regex(/^(?:[tm]\/[0-9b-hjkmnp-z]{3,7}|d\/\d{2}(?:\d{4})?)\.[0-9a-f]{12}\.json$/);

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

/** A district's place on the tiles (see the top of this file). */
export const DistrictTiles = z.object({
  v: z.literal(TILE_SCHEMA_VERSION),
  district: DistrictCode,
  /** The geohash-5 cells holding the district's stations on the map (a cell's tiles are in its shard). */
  cells: z.array(DistrictCell),
  /** Its stations listed in the district but not on the map (waiting for a location), as the district list shows them. */
  unlocated: z.array(StationSummary),
});
export type DistrictTiles = z.infer<typeof DistrictTiles>;

export const DistrictDirectory = z.object({ v: z.literal(TILE_SCHEMA_VERSION), province: ProvinceCode, districts: z.record(DistrictCode, TileFileName) });
export type DistrictDirectory = z.infer<typeof DistrictDirectory>;

export const TileManifest = z.object({
  v: z.literal(TILE_SCHEMA_VERSION),
  /** When the newest change went in: the app shows offline answers as "数据更新于 …". */
  builtAt: IsoDateTime,
  shards: z.record(ShardCell, TileFileName),
  /** Province → its district directory. Absent in manifests from before district indexes. */
  districts: z.record(ProvinceCode, TileFileName).default({}),
});
export type TileManifest = z.infer<typeof TileManifest>;

export const TILE_MANIFEST_PATH = 'manifest.json';
export const tileFileName = (cell: string, hash: string) => `t/${cell}.${hash}.json`;
export const shardFileName = (cell: string, hash: string) => `m/${cell}.${hash}.json`;
/** A district index (6 digits) or a province's district directory (2 digits). */
export const districtFileName = (code: string, hash: string) => `d/${code}.${hash}.json`;

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

/** The files of a split shard's children whose prefix is wanted (a circle reaches its cell, a district has cells in it). */
export function shardChildren(shard: ManifestShard, wanted: (prefix: string) => boolean): string[] {
  return Object.entries(shard.shards ?? {}).flatMap(([prefix, name]) => (wanted(prefix) ? [name] : []));
}

/** A circle reaches this geohash cell (a shard's prefix, a tile's cell). */
export const circleReaches = (center: LatLng, radius: number) => (cell: string) => minDistanceToBox(center, geohashBox(cell)) <= radius;

const byKey = ([a]: [string, unknown], [b]: [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

export function encodeDirectory(province: string, districts: Record<string, string>): string {
  return JSON.stringify({ v: TILE_SCHEMA_VERSION, province, districts: Object.fromEntries(Object.entries(districts).sort(byKey)) } satisfies DistrictDirectory);
}

/**
 * The stable text of a district's index, from every station the district list shows (not inactive):
 * those with a location give their cell, the rest are carried whole. Null for a district with none.
 */
export function encodeDistrict<Row extends StationSummary>(district: string, rows: readonly Row[]): string | null {
  if (rows.length === 0) return null;
  const cells = [...new Set(rows.flatMap((r) => (r.location ? [encodeGeohash(r.location, TILE_MIN_PRECISION)] : [])))].sort();
  const unlocated = rows.filter((r) => !r.location).sort(compareCodePoints((r) => r.id));
  return JSON.stringify({ v: TILE_SCHEMA_VERSION, district, cells, unlocated } satisfies DistrictTiles);
}

/**
 * Strings in code-point order, which is UTF-8 byte order: how DynamoDB sorts an index's string keys
 * (JavaScript's `<` compares UTF-16 units and puts characters beyond U+FFFF before U+E000–U+FFFF).
 */
export function compareCodePoints<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (x, y) => {
    const a = [...key(x)];
    const b = [...key(y)];
    for (let i = 0; i < a.length && i < b.length; i += 1) if (a[i] !== b[i]) return a[i]!.codePointAt(0)! - b[i]!.codePointAt(0)!;
    return a.length - b.length;
  };
}

const byName = compareCodePoints<StationSummary>((s) => s.name);
const byId = compareCodePoints<StationSummary>((s) => s.id);

/**
 * A district's list (按区县浏览) from its tiles' rows and its index's unlocated stations: the rows of
 * that district passing the filters, by name then id, the order of the API's district list (the
 * byDistrict index, sorted by name; names that tie come in the table's key order, the id).
 */
export function districtList(rows: Iterable<StationSummary>, district: string, filters: PreparedFilters): StationSummary[] {
  const out: StationSummary[] = [];
  for (const row of rows) if (row.district.code === district && failedFilters(row, filters).length === 0) out.push(row);
  return out.sort((a, b) => byName(a, b) || byId(a, b));
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
  const tiles = new Map<string, string>();
  const split = new Set<string>();
  for (const shard of shards) {
    for (const [cell, name] of Object.entries(shard.tiles)) {
      tiles.set(cell, name);
      for (let n = TILE_MIN_PRECISION; n < cell.length; n += 1) split.add(cell.slice(0, n));
    }
  }
  const out: TileNeed[] = [];
  const visit = (cells: CoverCell[]) => {
    for (const { hash, minDistance } of cells) {
      const name = tiles.get(hash);
      if (name) out.push({ name, minDistance });
      else if (split.has(hash)) {
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
