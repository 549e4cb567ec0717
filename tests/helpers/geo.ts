import { EARTH_RADIUS_METERS, type LatLng } from '@yz/shared';

// On the sphere shared/src/geo.ts measures on, so that distances computed here agree with it.
const toRad = (deg: number) => (deg * Math.PI) / 180;
const toDeg = (rad: number) => (rad * 180) / Math.PI;

/** The point `meters` away from `from` along the initial bearing (degrees clockwise from north). */
export function destination(from: LatLng, meters: number, bearingDeg: number): LatLng {
  const d = meters / EARTH_RADIUS_METERS;
  const bearing = toRad(bearingDeg);
  const lat1 = toRad(from.lat);
  const lng1 = toRad(from.lng);
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing));
  const lng2 = lng1 + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: toDeg(lat2), lng: toDeg(lng2) };
}

/** A uniform random point within `meters` of `center`. */
export function randomPointNear(center: LatLng, meters: number, rand: () => number): LatLng {
  return destination(center, meters * Math.sqrt(rand()), rand() * 360);
}

