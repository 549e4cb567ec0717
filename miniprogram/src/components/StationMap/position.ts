import { distanceMeters, walkReachMeters, type LatLng } from '@yz/shared';

/**
 * The arithmetic of the browser's position view (位置): no map tiles, only where each station lies from
 * the worker, by bearing and distance. Positions are in "view units": the centre is (0, 0), the edge
 * of the drawn circle is 1, x grows to the east and y to the south (screen order). Kept free of Taro
 * so unit tests check it directly.
 */

const toRad = (deg: number) => (deg * Math.PI) / 180;
const toDeg = (rad: number) => (rad * 180) / Math.PI;

/** Initial great-circle bearing from `from` to `to`, in degrees clockwise from north (0 ≤ b < 360). */
export function bearingDegrees(from: LatLng, to: LatLng): number {
  const lat1 = toRad(from.lat);
  const lat2 = toRad(to.lat);
  const dLng = toRad(to.lng - from.lng);
  const y = Math.sin(dLng) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLng);
  return (toDeg(Math.atan2(y, x)) + 360) % 360;
}

/**
 * Where `point` goes in a view whose edge is `viewRadius` metres from `center`: its true distance
 * along its true bearing (an azimuthal equidistant projection), so every ring is an honest distance.
 */
export function project(center: LatLng, point: LatLng, viewRadius: number): { x: number; y: number; meters: number; bearing: number } {
  const meters = distanceMeters(center, point);
  const bearing = bearingDegrees(center, point);
  const r = meters / viewRadius;
  return { x: r * Math.sin(toRad(bearing)), y: -r * Math.cos(toRad(bearing)), meters, bearing };
}

/** The rings: 500 m, 1 km and 15 minutes' walk at the finder's walking speed (shared/geo.ts). */
export const WALK_RING_MINUTES = 15;
export function ringMeters(): { key: string; meters: number; label: string }[] {
  return [
    { key: '500m', meters: 500, label: '500 米' },
    { key: 'walk', meters: walkReachMeters(WALK_RING_MINUTES), label: `步行 ${WALK_RING_MINUTES} 分钟` },
    { key: '1km', meters: 1000, label: '1 公里' },
  ];
}

/**
 * The distance the edge of the view stands for: the farthest station with a little room for its pin,
 * never less than the outer ring (so all three rings show) and never more than the search radius
 * (nothing found lies beyond it). Rounded up to 100 m so the scale line reads cleanly.
 */
export function viewRadiusMeters(distances: number[], searchRadius: number): number {
  const farthest = distances.length > 0 ? Math.max(...distances) : 0;
  const minimum = 1100;
  const wanted = Math.max(minimum, farthest * 1.08);
  const fitted = Math.min(wanted, Math.max(minimum, searchRadius));
  return Math.ceil(fitted / 100) * 100;
}

export interface PinInput {
  id: string;
  x: number;
  y: number;
}

export interface PinCluster {
  /** The members, nearest to the centre first (the order they are listed in when tapped). */
  ids: string[];
  /** Where the cluster's marker goes: the mean of its members. */
  x: number;
  y: number;
}

/**
 * Pins closer than `gap` view units would overlap on a phone and could not be tapped apart: they are
 * merged into one marker showing their count. Greedy, nearest-to-centre first: each pin joins the
 * first cluster whose first member lies within `gap`, else it starts a new one. Deterministic and
 * O(n × clusters), plenty for the 50 rows a search returns.
 */
export function clusterPins(pins: PinInput[], gap: number): PinCluster[] {
  const ordered = [...pins].sort((a, b) => Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y) || a.id.localeCompare(b.id));
  const groups: { anchor: PinInput; members: PinInput[] }[] = [];
  for (const pin of ordered) {
    const home = groups.find((g) => Math.hypot(g.anchor.x - pin.x, g.anchor.y - pin.y) < gap);
    if (home) home.members.push(pin);
    else groups.push({ anchor: pin, members: [pin] });
  }
  return groups.map(({ members }) => ({
    ids: members.map((m) => m.id),
    x: members.reduce((sum, m) => sum + m.x, 0) / members.length,
    y: members.reduce((sum, m) => sum + m.y, 0) / members.length,
  }));
}

/** A compass word for a bearing, for the pins' spoken labels (东北 320 米). */
export function compassWord(bearing: number): string {
  const words = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'];
  return words[Math.round(bearing / 45) % 8]!;
}
