import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { LatLng } from '@yz/shared';
import { batchGet } from '../platform/batch';
import type { Db } from '../platform/db';
import { boxCentre, boxOfKey, DENSITY_BITS, hashToKey, KEY_BITS, PARTITION_BITS, type DensityView } from '../platform/geo';

/**
 * The density hint: stations on the map per geohash-7 cell, one item per geohash-5 partition of the
 * nearby index (`n<two characters>` attributes, changed with ADD so concurrent writers never lose a
 * count). Kept in each process for a few minutes; a write made through this process drops the cached
 * partitions it touched, so a process always plans with what it wrote itself.
 */

const CELL_SPAN = 2 ** (KEY_BITS - DENSITY_BITS); // 45-bit keys per density cell
const CACHE_MS = 5 * 60_000;

interface PartitionDensity {
  loadedAt: number;
  /** Density cells (35-bit keys), ascending, and the running total of counts up to each. */
  keys: number[];
  counts: number[];
  before: number[];
  centers: LatLng[];
  parents: LatLng[];
}

const centreOf = (key: number, bits: number): LatLng => boxCentre(boxOfKey(key, bits));

function parse(partition: string, item: Record<string, unknown> | undefined, now: number): PartitionDensity {
  const base = hashToKey(partition) * 1024;
  const entries: [number, number][] = [];
  for (const [name, value] of Object.entries(item ?? {})) {
    if (!name.startsWith('n') || name.length !== 3 || typeof value !== 'number' || value <= 0) continue;
    entries.push([base + hashToKey(name.slice(1)), value]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  const before: number[] = [];
  let running = 0;
  for (const [, count] of entries) {
    before.push(running);
    running += count;
  }
  before.push(running);
  return {
    loadedAt: now,
    keys: entries.map((e) => e[0]),
    counts: entries.map((e) => e[1]),
    before,
    centers: entries.map((e) => centreOf(e[0], DENSITY_BITS)),
    parents: entries.map((e) => centreOf(Math.floor(e[0] / 32), DENSITY_BITS - 5)),
  };
}

/** Index of the first key >= target. */
function lowerBound(keys: number[], target: number): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Stations with 45-bit keys in [lo, hi), spread evenly within each density cell. */
function estimateIn(d: PartitionDensity, lo: number, hi: number): number {
  if (hi <= lo) return 0;
  const firstCell = Math.floor(lo / CELL_SPAN);
  const lastCell = Math.floor((hi - 1) / CELL_SPAN);
  const count = (cell: number) => {
    const i = lowerBound(d.keys, cell);
    return d.keys[i] === cell ? d.counts[i]! : 0;
  };
  if (firstCell === lastCell) return (count(firstCell) * (hi - lo)) / CELL_SPAN;
  const head = (count(firstCell) * ((firstCell + 1) * CELL_SPAN - lo)) / CELL_SPAN;
  const tail = (count(lastCell) * (hi - lastCell * CELL_SPAN)) / CELL_SPAN;
  const middle = d.before[lowerBound(d.keys, lastCell)]! - d.before[lowerBound(d.keys, firstCell + 1)]!;
  return head + middle + tail;
}

const caches = new Map<string, Map<string, PartitionDensity>>();

export class DensityIndex {
  constructor(
    private readonly db: Db,
    private readonly cacheMs = CACHE_MS,
  ) {}

  private get table() {
    return this.db.table('geoDensity');
  }

  private get cache(): Map<string, PartitionDensity> {
    let cache = caches.get(this.table);
    if (!cache) caches.set(this.table, (cache = new Map()));
    return cache;
  }

  /** The hint for these partitions; `itemsRead` counts the density items fetched (cache misses). */
  async view(partitions: string[], now = Date.now()): Promise<{ view: DensityView; itemsRead: number }> {
    const missing = partitions.filter((p) => {
      const hit = this.cache.get(p);
      return !hit || now - hit.loadedAt > this.cacheMs;
    });
    let itemsRead = 0;
    for (let i = 0; i < missing.length; i += 100) {
      const chunk = missing.slice(i, i + 100);
      const found = new Map<string, Record<string, unknown>>();
      for (const item of await batchGet(this.db.doc, this.table, chunk.map((cell) => ({ cell })))) found.set(item.cell as string, item);
      itemsRead += found.size;
      for (const cell of chunk) this.cache.set(cell, parse(cell, found.get(cell), now));
    }
    const parts = partitions.map((p) => [hashToKey(p), this.cache.get(p)!] as const);
    const byKey = new Map(parts);
    const view: DensityView = {
      estimate: (lo, hi) => {
        const d = byKey.get(Math.floor(lo / 2 ** (KEY_BITS - PARTITION_BITS)));
        return d ? estimateIn(d, lo, hi) : 0;
      },
      *cells() {
        for (const [, d] of parts) {
          for (let i = 0; i < d.keys.length; i += 1) yield { center: d.centers[i]!, count: d.counts[i]!, parentCenter: d.parents[i]! };
        }
      },
    };
    return { view, itemsRead };
  }

  /** Adds the changes (geohash-7 cell → +n / -n) and forgets the cached partitions they touch. */
  async apply(deltas: Map<string, number>): Promise<void> {
    const byPartition = new Map<string, [string, number][]>();
    for (const [cell, delta] of deltas) {
      if (delta === 0) continue;
      const partition = cell.slice(0, 5);
      const list = byPartition.get(partition) ?? [];
      list.push([cell.slice(5, 7), delta]);
      byPartition.set(partition, list);
    }
    for (const [partition, list] of byPartition) {
      for (let i = 0; i < list.length; i += 100) {
        const chunk = list.slice(i, i + 100);
        await this.db.doc.send(
          new UpdateCommand({
            TableName: this.table,
            Key: { cell: partition },
            UpdateExpression: `ADD ${chunk.map((_, j) => `#n${j} :d${j}`).join(', ')}`,
            ExpressionAttributeNames: Object.fromEntries(chunk.map(([suffix], j) => [`#n${j}`, `n${suffix}`])),
            ExpressionAttributeValues: Object.fromEntries(chunk.map(([, delta], j) => [`:d${j}`, delta])),
          }),
        );
      }
      this.cache.delete(partition);
    }
  }
}
