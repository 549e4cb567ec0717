import {
  expectedSelectivity,
  failedFilters,
  hasFilters,
  NearbyRanking,
  prepareFilters,
  type DistrictStationsPage,
  type DistrictStationsQuery,
  type NearbyQuery,
  type NearbyResponse,
  type Station,
  type StationSummary,
} from '@yz/shared';
import { decodeCursor, encodeCursor } from '../platform/cursor';
import { badRequest, notFound } from '../platform/errors';
import type { DensityIndex } from './density';
import { coverCircle, coverDisc, mergeByCost, subtractRanges, targetDistance, type KeyRange } from '../platform/geo';
import { districtPageKey, type NearbyRow, type StationStore } from './store';
import { summaryOf } from './summary';

/** Plan for this many more matches than asked, so one round of reads is usually enough. */
const PLAN_MARGIN = 1.15;
/** Reads one request may make before it answers with what it has proven (a runaway guard). */
const MAX_ROUNDS = 8;
/** District browse reads at most this many index items per request (then offers "load more"). */
const DISTRICT_READ_BUDGET = 600;

export interface NearbyResult extends NearbyResponse {
  /** Items the database read to answer (stations and density items), for the read-amplification figure. */
  itemsRead: number;
  /** Queries made, and the rounds they were made in (one round's queries run side by side). */
  cellsRead: number;
  rounds: number;
  /** The district of the nearest station the search saw, whatever the filters; for coverage counts. */
  nearestDistrict: string | null;
}

export type NearbyInput = Pick<NearbyQuery, 'lat' | 'lng' | 'radius' | 'limit' | 'amenities' | 'type' | 'openNow' | 'q'>;

/** Filter combinations whose pass rate this process remembers (oldest forgotten first). */
const LEARNED_FILTERS = 500;

export class StationService {
  /**
   * The share of stations passing each combination of filters, as seen by this process's recent
   * searches (a moving average). Planning from it instead of a fixed guess reads closer to what is
   * needed; like the density hint it only sizes the reads, never decides a result.
   */
  private readonly learned = new Map<string, number>();

  constructor(
    private readonly store: StationStore,
    private readonly density: Pick<DensityIndex, 'view'>,
  ) {}

  private learn(key: string, observed: number): void {
    const before = this.learned.get(key);
    this.learned.delete(key);
    this.learned.set(key, before === undefined ? observed : 0.8 * before + 0.2 * observed);
    if (this.learned.size > LEARNED_FILTERS) this.learned.delete(this.learned.keys().next().value!);
  }

  find(id: string): Promise<Station | null> {
    return this.store.get(id);
  }

  async get(id: string): Promise<Station> {
    const station = await this.store.get(id);
    if (!station) throw notFound('STATION_NOT_FOUND', '没有找到这个驿站，它可能已被删除');
    return station;
  }

  /**
   * The nearest stations within `radius` that pass the filters, nearest first.
   *
   * Each round reads the disc that the density hint expects to hold the matches still wanted (plus a
   * margin), as a few contiguous key ranges (platform/geo.ts). A round covers every point within its
   * distance, so once the k-th match is no farther than that distance nothing unread can change the
   * answer. Otherwise the next round reads on (to exactly the k-th match's distance when k are held,
   * else further out, with the share of stations passing the filters learnt from what was read).
   */
  async nearby(query: NearbyInput, now: Date): Promise<NearbyResult> {
    const center = { lat: query.lat, lng: query.lng };
    const k = query.limit;
    const radius = query.radius;
    const filters = prepareFilters(query, now);
    const filtered = hasFilters(filters);
    const { view, itemsRead: densityRead } = await this.density.view(coverCircle(center, radius, 5).map((c) => c.hash));

    let itemsRead = densityRead;
    let cellsRead = 0;
    let rounds = 0;
    const filterKey = JSON.stringify([[...filters.amenities].sort(), filters.types ? [...filters.types].sort() : null, filters.openNow, filters.keyword]);
    let selectivity = filtered ? (this.learned.get(filterKey) ?? expectedSelectivity(filters)) : 1;
    let covered = 0;
    let rowsWithin = 0;
    const read: KeyRange[] = [];
    const ranking = new NearbyRanking<NearbyRow>(center, radius, filters);
    const matchedWithin = () => ranking.matches().filter((f) => f.distance <= covered).length;

    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      let target = targetDistance(center, radius, k * PLAN_MARGIN, selectivity, view);
      if (round > 0) {
        const kth = ranking.matches()[k - 1];
        target = kth ? kth.distance : Math.max(target, covered * 2);
      }
      const distance = Math.min(Math.max(target, covered), radius);
      const partitions = coverCircle(center, distance, 5).map((c) => c.hash);
      const ranges = mergeByCost(subtractRanges(coverDisc(center, distance, partitions), read), view);
      const results = await Promise.all(ranges.map((r) => this.store.inRange(r)));
      read.push(...ranges);
      cellsRead += ranges.length;
      rounds += 1;
      for (const result of results) {
        itemsRead += result.itemsRead;
        for (const row of result.rows) {
          const d = ranking.add(row);
          if (d !== null && d <= distance) rowsWithin += 1;
        }
      }
      covered = distance;
      const kth = ranking.matches()[k - 1];
      if ((kth && kth.distance <= covered) || covered >= radius) break;
      selectivity = Math.max(0.002, (matchedWithin() + 0.5) / (rowsWithin + 1));
    }

    // Learn the pass rate from a fair sample: everything read within the distance fully covered.
    if (filtered && rowsWithin >= 10) this.learn(filterKey, Math.max(0.002, matchedWithin() / rowsWithin));
    const { items, relax } = ranking.answer(k, covered >= radius);
    return { items, radius, relax, itemsRead, cellsRead, rounds, nearestDistrict: ranking.nearest?.row.district.code ?? null };
  }

  /**
   * A district's stations by name (按区县浏览), filtered like the nearby search, read page by page
   * from the byDistrict index: never a scan. Stations taken off the map (inactive) are left out;
   * stations still waiting for a location are listed without one.
   */
  async districtStations(query: DistrictStationsQuery, now: Date): Promise<DistrictStationsPage & { itemsRead: number }> {
    const filters = prepareFilters(query, now);
    let after: Record<string, unknown> | undefined = decodeCursor(query.cursor, districtPageKey(query.districtCode));
    const items: StationSummary[] = [];
    let itemsRead = 0;
    for (;;) {
      const pageSize = Math.min(100, Math.max(query.limit * 2, 25));
      const page = await this.store.districtPage(query.districtCode, after, pageSize);
      itemsRead += page.itemsRead;
      for (let i = 0; i < page.items.length; i += 1) {
        const { station, key } = page.items[i]!;
        after = key;
        if (station.status === 'inactive' || failedFilters(station, filters).length > 0) continue;
        items.push(summaryOf(station));
        if (items.length === query.limit) {
          const more = i < page.items.length - 1 || page.more;
          return { items, nextCursor: more ? encodeCursor(key) : null, itemsRead };
        }
      }
      if (!page.more) return { items, nextCursor: null, itemsRead };
      // Filters that match little: answer with what was found and let the app ask for more.
      if (itemsRead >= DISTRICT_READ_BUDGET) return { items, nextCursor: encodeCursor(after!), itemsRead };
    }
  }
}
