import { createHash } from 'node:crypto';
import { toShanghaiIso, type StationRow, type StationSummary } from '@yz/shared';
import { encodeGeohash } from '@yz/shared/geohash';
import {
  DistrictDirectory,
  districtFileName,
  encodeDirectory,
  encodeDistrict,
  encodeShardTree,
  encodeTile,
  ManifestShard,
  SHARD_PRECISION,
  splitIntoTiles,
  TILE_MANIFEST_PATH,
  TILE_MIN_PRECISION,
  TILE_SCHEMA_VERSION,
  tileFileName,
  TileManifest,
} from '@yz/shared/tiles';
import type { StationTileSource } from '../stations/ports';
import type { TileFiles } from './files';
import type * as z from 'zod';

/** A file's name part from its content: 12 hex digits of SHA-256 (48 bits; collisions are not a concern at this scale). */
const contentHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

export interface BuildReport {
  cells: number;
  tilesWritten: number;
  shardsWritten: number;
  stations: number;
  /** District indexes whose content changed (written), of those rebuilt. */
  districtsWritten: number;
}

const emptyReport = (): BuildReport => ({ cells: 0, tilesWritten: 0, shardsWritten: 0, stations: 0, districtsWritten: 0 });

/**
 * Builds tiles from the stations on the map (through the stations domain's port) and keeps the
 * manifest pointing at them. A station write changes its geohash-5 cell (both cells when it moved):
 * `rebuildCells` reads each affected cell whole, re-splits it, writes the tiles whose content changed
 * (names are content hashes: an unchanged tile is the same file), then the shard and the root
 * manifest. Old tiles stay, so an app holding an older manifest still finds every file it names.
 * The district indexes follow the same way: a write rebuilds the index of the district the station
 * was in and the one it is in now (from the district's stations), then its province's directory.
 *
 * One builder at a time per bucket: the stream's function runs with a concurrency of one (infra),
 * the local stack serialises its runs, and the CLI is for when nothing else runs.
 */
export class TileBuilder {
  constructor(
    private readonly source: StationTileSource,
    private readonly files: TileFiles,
  ) {}

  private async readManifest(): Promise<TileManifest | null> {
    const text = await this.files.read(TILE_MANIFEST_PATH);
    return text ? TileManifest.parse(JSON.parse(text)) : null;
  }

  /** A manifest written before district indexes existed: it names none, so the next build is a full one. */
  private async lacksDistricts(): Promise<boolean> {
    const text = await this.files.read(TILE_MANIFEST_PATH);
    return text !== null && !('districts' in (JSON.parse(text) as object));
  }

  /** A file the manifest names (a shard, a district directory): it must be there. */
  private async readNamed<S extends z.ZodType>(name: string, schema: S): Promise<z.infer<S>> {
    const text = await this.files.read(name);
    if (!text) throw new Error(`the manifest names ${name}, which is missing`);
    return schema.parse(JSON.parse(text)) as z.infer<S>;
  }

  /** Every tile a shard lists, down its split children; `files` collects the shard files read (they exist). */
  private async readShardTree(name: string, files: Set<string>): Promise<Record<string, string>> {
    const shard = await this.readNamed(name, ManifestShard);
    files.add(name);
    const tiles = { ...shard.tiles };
    for (const child of Object.values(shard.shards ?? {})) Object.assign(tiles, await this.readShardTree(child, files));
    return tiles;
  }

  /** Writes a cell's tiles and returns their names by cell. */
  private async writeCell(cell: string, rows: readonly StationRow[], report: BuildReport): Promise<Record<string, string>> {
    const names: Record<string, string> = {};
    for (const tile of splitIntoTiles(cell, rows)) {
      const text = encodeTile(tile.cell, tile.rows);
      const name = tileFileName(tile.cell, contentHash(text));
      await this.files.write(name, text, true);
      names[tile.cell] = name;
      report.tilesWritten += 1;
    }
    report.stations += rows.length;
    report.cells += 1;
    return names;
  }

  /**
   * Writes the index of each district (from its listed stations; none when it has none), then the
   * directory of each province whose indexes changed, into `root`.
   */
  private async writeDistricts(root: TileManifest, districts: Map<string, readonly StationSummary[]>, report: BuildReport, fresh: boolean): Promise<void> {
    const provinces = new Map<string, Record<string, string>>();
    for (const [district, rows] of [...districts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const province = district.slice(0, 2);
      let directory = provinces.get(province);
      if (!directory) {
        const name = fresh ? undefined : root.districts[province];
        directory = name ? { ...(await this.readNamed(name, DistrictDirectory)).districts } : {};
        provinces.set(province, directory);
      }
      const text = encodeDistrict(district, rows);
      if (text === null) {
        delete directory[district];
        continue;
      }
      const name = districtFileName(district, contentHash(text));
      if (directory[district] === name) continue;
      await this.files.write(name, text, true);
      directory[district] = name;
      report.districtsWritten += 1;
    }
    await this.writeIndexes(provinces, root.districts, encodeDirectory, districtFileName);
  }

  /**
   * Writes the index file of each group (a district directory: district → index) and names it in
   * `into`; a group left empty is dropped from it. Returns the files written.
   */
  private async writeIndexes(
    groups: Map<string, Record<string, string>>,
    into: Record<string, string>,
    encode: (key: string, entries: Record<string, string>) => string,
    fileName: (key: string, hash: string) => string,
  ): Promise<number> {
    let written = 0;
    for (const [key, entries] of groups) {
      if (Object.keys(entries).length === 0) {
        delete into[key];
        continue;
      }
      const text = encode(key, entries);
      const name = fileName(key, contentHash(text));
      if (into[key] !== name) {
        await this.files.write(name, text, true);
        written += 1;
      }
      into[key] = name;
    }
    return written;
  }

  /**
   * Writes each geohash-3 shard's tree (split where dense: shared/src/tiles.ts encodeShardTree) and
   * names its top in `root`, then the root manifest. `existing`: shard files read this build (same
   * name, same content), not written again.
   */
  private async writeShards(
    root: TileManifest,
    shards: Map<string, Record<string, string>>,
    now: Date,
    report: BuildReport,
    previous: TileManifest | null,
    existing: ReadonlySet<string> = new Set(),
  ): Promise<void> {
    for (const [shard, tiles] of shards) {
      if (Object.keys(tiles).length === 0) {
        delete root.shards[shard];
        continue;
      }
      const files = encodeShardTree(shard, tiles, contentHash);
      for (const file of files) {
        if (existing.has(file.name)) continue;
        await this.files.write(file.name, file.text, true);
        report.shardsWritten += 1;
      }
      root.shards[shard] = files.at(-1)!.name;
    }
    // Nothing changed (a write that touched no row, or a rebuild of the same stations): keep the
    // manifest and its ETag, so phones revalidate with a 304 and builtAt stays the last real change.
    if (previous && sameFiles(previous, root)) return;
    root.builtAt = toShanghaiIso(now);
    // Written last: until then every reader sees the previous, complete set.
    await this.files.write(TILE_MANIFEST_PATH, JSON.stringify(root satisfies TileManifest), false);
  }

  /**
   * Rebuilds the tiles of these geohash-5 cells and the indexes of these districts (the cells and
   * districts station writes touched).
   */
  async rebuildCells(cells: Iterable<string>, now = new Date(), districts: Iterable<string> = []): Promise<BuildReport> {
    const report = emptyReport();
    const wanted = [...new Set(cells)].filter((c) => c.length === TILE_MIN_PRECISION).sort();
    const wantedDistricts = [...new Set(districts)].filter((d) => /^\d{6}$/.test(d));
    if (wanted.length === 0 && wantedDistricts.length === 0) return report;
    // Indexes built for the touched districts only would leave every other district looking empty.
    if (await this.lacksDistricts()) return this.rebuildAll(now);
    const previous = await this.readManifest();
    const root: TileManifest = previous
      ? { ...previous, shards: { ...previous.shards }, districts: { ...previous.districts } }
      : { v: TILE_SCHEMA_VERSION, builtAt: toShanghaiIso(now), shards: {}, districts: {} };
    const shards = new Map<string, Record<string, string>>();
    const existing = new Set<string>();
    for (const cell of wanted) {
      const shard = cell.slice(0, SHARD_PRECISION);
      let tiles = shards.get(shard);
      if (!tiles) {
        const name = root.shards[shard];
        tiles = name ? await this.readShardTree(name, existing) : {};
        shards.set(shard, tiles);
      }
      for (const key of Object.keys(tiles)) if (key.startsWith(cell)) delete tiles[key];
      Object.assign(tiles, await this.writeCell(cell, await this.source.rowsInCell(cell), report));
    }
    const rows = new Map<string, readonly StationSummary[]>();
    for (const district of wantedDistricts) rows.set(district, await this.source.districtRows(district));
    await this.writeDistricts(root, rows, report, false);
    await this.writeShards(root, shards, now, report, previous, existing);
    return report;
  }

  /**
   * Every tile and district index from scratch (`npm run tiles:build`: after a bulk load, or to
   * recover the bucket): from the rows on the map and the listed stations off it.
   */
  async rebuildAll(
    now = new Date(),
    rows: AsyncIterable<StationRow[]> = this.source.allRows(),
    unlocated: AsyncIterable<StationSummary[]> = this.source.unlocatedRows(),
  ): Promise<BuildReport> {
    const byCell = new Map<string, StationRow[]>();
    const byDistrict = new Map<string, StationSummary[]>();
    const add = <T>(map: Map<string, T[]>, key: string, row: T) => {
      const list = map.get(key) ?? [];
      list.push(row);
      map.set(key, list);
    };
    for await (const page of rows) {
      for (const row of page) {
        add(byCell, geohashCell(row), row);
        add(byDistrict, row.district.code, row);
      }
    }
    for await (const page of unlocated) for (const row of page) add(byDistrict, row.district.code, row);
    const report = emptyReport();
    const shards = new Map<string, Record<string, string>>();
    for (const cell of [...byCell.keys()].sort()) {
      const shard = cell.slice(0, SHARD_PRECISION);
      const tiles = shards.get(shard) ?? {};
      shards.set(shard, Object.assign(tiles, await this.writeCell(cell, byCell.get(cell)!, report)));
    }
    const root: TileManifest = { v: TILE_SCHEMA_VERSION, builtAt: toShanghaiIso(now), shards: {}, districts: {} };
    await this.writeDistricts(root, byDistrict, report, true);
    await this.writeShards(root, shards, now, report, await this.readManifest());
    return report;
  }
}

const sorted = (record: Record<string, string>) => JSON.stringify(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
const sameFiles = (a: TileManifest, b: TileManifest) => sorted(a.shards) === sorted(b.shards) && sorted(a.districts) === sorted(b.districts);
const geohashCell = (row: StationRow) => encodeGeohash(row.location, TILE_MIN_PRECISION);
