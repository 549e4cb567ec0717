import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { COVERAGE_CELL_PRECISION, shanghaiClock, type LatLng } from '@yz/shared';
import { searchCountsTable } from './tables';
import type { Db } from '../platform/db';
import { encodeGeohash } from '../platform/geo';
import { forEachInRegionDays } from './region-days';
import type { SearchCounts } from './store-port';

/**
 * Searches per small map cell per day (搜索热度), with no user identity: only a cell, a day, a count,
 * and the district the cell is counted under.
 *
 * Counts are gathered in the function's memory and written at most every `flushMs` (one ADD per
 * cell and day, a few cells per search while a backlog lasts), so the hot nearby path does not pay
 * a write per search. The price: a function
 * instance that is recycled loses the counts of its last few seconds. Coverage is a statistic, and
 * this keeps it off the latency of every search.
 */

const KEEP_DAYS = 400;
const MAX_WRITES_PER_FLUSH = 16;
const [byProvinceDay] = searchCountsTable.indexes;

interface Pending {
  cell: string;
  day: string;
  searches: number;
  /** Searches (beacons) that found no open station within 15 minutes' walk. */
  misses: number;
  district: string | null;
}

export class SearchCounter implements SearchCounts {
  private pending = new Map<string, Pending>();
  private lastFlush = 0;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly flushMs: number,
  ) {}

  private get table() {
    return this.db.table('searchCounts');
  }

  /** One search from `point`; `district` is where the nearest station seen lies (null when none was). */
  async count(point: LatLng, district: string | null, now: Date): Promise<void> {
    await this.countCell(encodeGeohash(point, COVERAGE_CELL_PRECISION), district, null, now);
  }

  /**
   * One search from a geohash-6 cell (the app's anonymous beacon after a search on tiles); `found`:
   * whether it saw an open station within 15 minutes' walk (null when the search did not say).
   */
  async countCell(cell: string, district: string | null, found: boolean | null, now: Date): Promise<void> {
    const day = shanghaiClock(now).date;
    const key = `${cell}#${day}`;
    const entry = this.pending.get(key) ?? { cell, day, searches: 0, misses: 0, district: null };
    entry.searches += 1;
    if (found === false) entry.misses += 1;
    entry.district = district ?? entry.district;
    this.pending.set(key, entry);
    if (now.getTime() - this.lastFlush >= this.flushMs) await this.flush(now);
  }

  /**
   * Writes what is pending, at most `MAX_WRITES_PER_FLUSH` cells at a time (the oldest first), so no
   * single search waits for a burst of writes; the rest goes with the next searches.
   */
  async flush(now: Date = new Date(), max = this.flushMs === 0 ? Infinity : MAX_WRITES_PER_FLUSH): Promise<void> {
    if (this.flushing) return this.flushing;
    const batch: Pending[] = [];
    for (const [key, entry] of this.pending) {
      if (batch.length >= max) break;
      batch.push(entry);
      this.pending.delete(key);
    }
    // With a backlog left, the next search writes the next chunk; otherwise wait the full interval.
    if (this.pending.size === 0) this.lastFlush = now.getTime();
    this.flushing = (async () => {
      try {
        const expires = Math.floor(now.getTime() / 1000) + KEEP_DAYS * 86_400;
        await Promise.all(
          batch.map((e) =>
            this.db.doc.send(
              new UpdateCommand({
                TableName: this.table,
                Key: { cell: e.cell, day: e.day },
                UpdateExpression: `ADD searches :n${e.misses > 0 ? ', misses :m' : ''} SET expiresAtEpoch = :x${
                  e.district ? ', districtCode = :d, provinceDay = :pd, districtCell = :dc' : ''
                }`,
                ExpressionAttributeValues: {
                  ':n': e.searches,
                  ...(e.misses > 0 ? { ':m': e.misses } : {}),
                  ':x': expires,
                  ...(e.district ? { ':d': e.district, ':pd': `${e.district.slice(0, 2)}#${e.day}`, ':dc': `${e.district}#${e.cell}` } : {}),
                },
              }),
            ),
          ),
        );
      } finally {
        this.flushing = null;
      }
    })();
    return this.flushing;
  }

  /** Searches per cell in a region over some days, read day by day from the region index. */
  async inRegion(regionCode: string, days: string[]): Promise<{ cell: string; districtCode: string; searches: number }[]> {
    const totals = new Map<string, { cell: string; districtCode: string; searches: number }>();
    await forEachInRegionDays(this.db, { table: this.table, index: byProvinceDay.name, sortKey: 'districtCell' }, regionCode, days, (item) => {
      const cell = item.cell as string;
      const t = totals.get(cell) ?? { cell, districtCode: item.districtCode as string, searches: 0 };
      t.searches += Number(item.searches ?? 0);
      totals.set(cell, t);
    });
    return [...totals.values()];
  }
}
