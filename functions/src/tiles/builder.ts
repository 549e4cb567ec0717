import { createHash } from 'node:crypto';
import { toShanghaiIso, type StationRow } from '@yz/shared';
import { encodeGeohash } from '@yz/shared/geohash';
import {
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

/** A file's name part from its content: 12 hex digits of SHA-256 (48 bits; collisions are not a concern at this scale). */
const contentHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

export interface BuildReport {
  cells: number;
  tilesWritten: number;
  shardsWritten: number;
  stations: number;
}

/**
 * Builds tiles from the stations on the map (through the stations domain's port) and keeps the
 * manifest pointing at them. A station write changes its geohash-5 cell (both cells when it moved):
 * `rebuildCells` reads each affected cell whole, re-splits it, writes the tiles whose content changed
 * (names are content hashes: an unchanged tile is the same file), then the shard and the root
 * manifest. Old tiles stay, so an app holding an older manifest still finds every file it names.
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

  private async readShard(name: string): Promise<ManifestShard> {
    const text = await this.files.read(name);
    if (!text) throw new Error(`the manifest names ${name}, which is missing`);
    return ManifestShard.parse(JSON.parse(text));
  }

  /** Every tile a shard lists, down its split children; `files` collects the shard files read (they exist). */
  private async readShardTree(name: string, files: Set<string>): Promise<Record<string, string>> {
    const shard = await this.readShard(name);
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

  /** `existing`: shard files known to be written already (same name, same content): not written again. */
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
    if (previous && JSON.stringify(sorted(previous.shards)) === JSON.stringify(sorted(root.shards))) return;
    root.builtAt = toShanghaiIso(now);
    // Written last: until then every reader sees the previous, complete set.
    await this.files.write(TILE_MANIFEST_PATH, JSON.stringify(root satisfies TileManifest), false);
  }

  /** Rebuilds the tiles of these geohash-5 cells (the cells station writes touched). */
  async rebuildCells(cells: Iterable<string>, now = new Date()): Promise<BuildReport> {
    const report: BuildReport = { cells: 0, tilesWritten: 0, shardsWritten: 0, stations: 0 };
    const wanted = [...new Set(cells)].filter((c) => c.length === TILE_MIN_PRECISION).sort();
    if (wanted.length === 0) return report;
    const previous = await this.readManifest();
    const root: TileManifest = previous ? { ...previous, shards: { ...previous.shards } } : { v: TILE_SCHEMA_VERSION, builtAt: toShanghaiIso(now), shards: {} };
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
    await this.writeShards(root, shards, now, report, previous, existing);
    return report;
  }

  /** Every tile from scratch (`npm run tiles:build`: after a bulk load, or to recover the bucket). */
  async rebuildAll(now = new Date(), rows: AsyncIterable<StationRow[]> = this.source.allRows()): Promise<BuildReport> {
    const byCell = new Map<string, StationRow[]>();
    for await (const page of rows) {
      for (const row of page) {
        const cell = geohashCell(row);
        const list = byCell.get(cell) ?? [];
        list.push(row);
        byCell.set(cell, list);
      }
    }
    const report: BuildReport = { cells: 0, tilesWritten: 0, shardsWritten: 0, stations: 0 };
    const shards = new Map<string, Record<string, string>>();
    for (const cell of [...byCell.keys()].sort()) {
      const shard = cell.slice(0, SHARD_PRECISION);
      const tiles = shards.get(shard) ?? {};
      shards.set(shard, Object.assign(tiles, await this.writeCell(cell, byCell.get(cell)!, report)));
    }
    await this.writeShards({ v: TILE_SCHEMA_VERSION, builtAt: toShanghaiIso(now), shards: {} }, shards, now, report, await this.readManifest());
    return report;
  }
}

const sorted = (record: Record<string, string>) => Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1));
const geohashCell = (row: StationRow) => encodeGeohash(row.location, TILE_MIN_PRECISION);
