import { distanceMeters, type NearbyResponse, type NearbyStation, type Station } from '@yz/shared';
import { notFound } from '../platform/errors';
import { choosePrecision, coverCircle } from './geo-cover';
import type { StationStore } from './store';

/** Cells read at once: enough to hide round-trip latency, few enough not to read cells we will not need. */
const PARALLEL_CELLS = 6;
/** Upper bound on the cells a search may plan, which sets how fine they can be. */
const MAX_PLANNED_CELLS = 36;

export interface NearbyResult extends NearbyResponse {
  /** Items the database read to answer, for the read-amplification figure. */
  itemsRead: number;
  cellsRead: number;
}

export class StationService {
  constructor(private readonly store: StationStore) {}

  find(id: string): Promise<Station | null> {
    return this.store.get(id);
  }

  async get(id: string): Promise<Station> {
    const station = await this.store.get(id);
    if (!station) throw notFound('STATION_NOT_FOUND', '没有找到这个驿站，它可能已被删除');
    return station;
  }

  /**
   * Nearest stations within `radius` metres, nearest first. Cells are read nearest first, a few at a
   * time, and reading stops as soon as `limit` results are held that are all nearer than every
   * unread cell: no farther cell could change the answer.
   */
  async nearby(query: { lat: number; lng: number; radius: number; limit: number }): Promise<NearbyResult> {
    const center = { lat: query.lat, lng: query.lng };
    const cells = coverCircle(center, query.radius, choosePrecision(center, query.radius, MAX_PLANNED_CELLS));
    // Ranked on exact distances: the whole metres shown to people would misorder stations a fraction
    // of a metre apart, and would not compare soundly with the cells' exact distances below.
    const found: { distance: number; row: NearbyStation }[] = [];
    let itemsRead = 0;
    let cellsRead = 0;
    for (let i = 0; i < cells.length; i += PARALLEL_CELLS) {
      const batch = cells.slice(i, i + PARALLEL_CELLS);
      const results = await Promise.all(batch.map((cell) => this.store.inCell(cell.hash)));
      cellsRead += batch.length;
      for (const result of results) {
        itemsRead += result.itemsRead;
        for (const station of result.stations) {
          if (!station.location) continue;
          const d = distanceMeters(center, station.location);
          if (d <= query.radius) found.push({ distance: d, row: toNearby(station, station.location, d) });
        }
      }
      found.sort((a, b) => a.distance - b.distance || a.row.id.localeCompare(b.row.id));
      const next = cells[i + PARALLEL_CELLS];
      const kth = found[query.limit - 1];
      // Strictly nearer: a station at the same distance in the next cell could still come first by id.
      if (next && kth && kth.distance < next.minDistance) break;
    }
    return { items: found.slice(0, query.limit).map((f) => f.row), radius: query.radius, itemsRead, cellsRead };
  }
}

function toNearby(station: Station, location: { lat: number; lng: number }, distance: number): NearbyStation {
  return {
    id: station.id,
    name: station.name,
    address: station.address,
    district: station.district,
    type: station.type,
    amenities: station.amenities,
    hours: station.hours,
    hoursNote: station.hoursNote,
    closure: station.closure,
    phones: station.phones,
    notice: station.notice,
    updatedAt: station.updatedAt,
    location,
    distanceMeters: Math.round(distance),
  };
}
