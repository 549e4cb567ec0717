import { distanceMeters, type LatLng } from './geo';
import { failedFilters, hasFilters, type PreparedFilters } from './station-filters';
import type { NearbyStation, RelaxHint } from './station';

/**
 * The nearby search's answer from rows in hand, in one place: the server's search (which reads rows
 * from its index round by round) and the app's search on tiles both feed the rows they hold through
 * a NearbyRanking, so distance, filters, order and the relax counts can never differ between them.
 */

/** A list row without the asker's distance: what the nearby index and the tiles carry. */
export type StationRow = Omit<NearbyStation, 'distanceMeters'>;

export interface NearbyAnswer {
  items: NearbyStation[];
  relax: RelaxHint[];
}

export class NearbyRanking<Row extends StationRow = StationRow> {
  private readonly seen = new Set<string>();
  private readonly found: { distance: number; row: Row }[] = [];
  private readonly relaxCounts = new Map<string, number>();
  private readonly filtered: boolean;
  private sorted = true;
  /** The nearest row seen (any filters), for coverage counts. */
  nearest: { distance: number; row: Row } | null = null;

  constructor(
    readonly center: LatLng,
    readonly radius: number,
    readonly filters: PreparedFilters,
  ) {
    this.filtered = hasFilters(filters);
  }

  /**
   * Takes a row in (a row seen twice counts once). Returns its distance, or null when it was a
   * repeat; whether it is within the radius and matches is decided here.
   */
  add(row: Row): number | null {
    if (this.seen.has(row.id)) return null;
    this.seen.add(row.id);
    const d = distanceMeters(this.center, row.location);
    if (!this.nearest || d < this.nearest.distance) this.nearest = { distance: d, row };
    if (d > this.radius) return d;
    const failed = this.filtered ? failedFilters(row, this.filters) : [];
    if (failed.length === 0) {
      this.found.push({ distance: d, row });
      this.sorted = false;
    } else if (failed.length === 1) {
      this.relaxCounts.set(failed[0]!, (this.relaxCounts.get(failed[0]!) ?? 0) + 1);
    }
    return d;
  }

  /**
   * Matches nearest first. Ranked on exact distances: the whole metres shown to people would
   * misorder stations a fraction of a metre apart; equal distances by id, so the order is total.
   */
  matches(): readonly { distance: number; row: Row }[] {
    if (!this.sorted) {
      this.found.sort((a, b) => a.distance - b.distance || a.row.id.localeCompare(b.row.id));
      this.sorted = true;
    }
    return this.found;
  }

  /**
   * The first `limit` matches, and the relax hints. Hints are true counts only when every row within
   * the radius was added (`wholeRadius`), and are given only when the filters left fewer than `limit`.
   */
  answer(limit: number, wholeRadius: boolean): NearbyAnswer {
    const items = this.matches()
      .slice(0, limit)
      // Rows stored or cached before workers' confirmations existed carry none.
      .map((f): NearbyStation => ({ ...f.row, confirmations: f.row.confirmations ?? null, distanceMeters: Math.round(f.distance) }));
    const relax: RelaxHint[] =
      this.filtered && items.length < limit && wholeRadius
        ? [...this.relaxCounts.entries()].map(([filter, count]) => ({ filter, count })).sort((a, b) => b.count - a.count || a.filter.localeCompare(b.filter))
        : [];
    return { items, relax };
  }
}
