import { distanceMeters, type LatLng, type Station } from '@yz/shared';

export interface ExpectedRow {
  id: string;
  distanceMeters: number;
}

/**
 * What a nearby search must answer, by brute force over every station written: stations on the map
 * (active, with a location) within the radius, nearest first (ties by id), at most `limit`.
 */
export function bruteForceNearby(stations: Station[], query: LatLng & { radius: number; limit: number }): ExpectedRow[] {
  return stations
    .flatMap((s) => (s.status === 'active' && s.location ? [{ id: s.id, exact: distanceMeters(query, s.location) }] : []))
    .filter((row) => row.exact <= query.radius)
    .sort((a, b) => a.exact - b.exact || a.id.localeCompare(b.id))
    .slice(0, query.limit)
    .map((row) => ({ id: row.id, distanceMeters: Math.round(row.exact) }));
}
