import { numberField } from './fields';
import './zod-config';
import * as z from 'zod';

/**
 * Coordinates are GCJ-02 everywhere: what wx.getLocation({ type: 'gcj02' }) returns, what <map> and
 * openLocation expect, and what Chinese map platforms (AMap, Tencent) publish.
 */
export const LatLng = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type LatLng = z.infer<typeof LatLng>;

/** A generous box around mainland China, Hainan, Taiwan and the South China Sea islands. */
export const CHINA_BOUNDS = { minLat: 3.5, maxLat: 53.6, minLng: 73.4, maxLng: 135.1 } as const;

export const latField = numberField('纬度', { min: -90, max: 90 });
export const lngField = numberField('经度', { min: -180, max: 180 });

/** The sphere every distance is measured on; anything converting metres to degrees uses the same one. */
export const EARTH_RADIUS_METERS = 6_371_008.8;
const toRad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. GCJ-02's offset is locally smooth, so distances stay accurate to a metre or two. */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function insideChina(p: LatLng): boolean {
  return p.lat >= CHINA_BOUNDS.minLat && p.lat <= CHINA_BOUNDS.maxLat && p.lng >= CHINA_BOUNDS.minLng && p.lng <= CHINA_BOUNDS.maxLng;
}

/** Street distance is longer than the straight line; 1.3 is the usual detour factor for city grids. */
export const ROUTE_DETOUR = 1.3;
const WALK_METERS_PER_MINUTE = 75; // about 4.5 km/h
const EBIKE_METERS_PER_MINUTE = 250; // about 15 km/h, what riders sustain in city traffic

export function travelMinutes(straightMeters: number): { walk: number; ebike: number } {
  const route = straightMeters * ROUTE_DETOUR;
  return {
    walk: Math.max(1, Math.round(route / WALK_METERS_PER_MINUTE)),
    ebike: Math.max(1, Math.round(route / EBIKE_METERS_PER_MINUTE)),
  };
}

/**
 * The straight-line distance travelMinutes counts as `minutes` on foot (its inverse, same speed and
 * detour): the finder's "15 minutes' walk" ring is drawn at walkReachMeters(15), about 865 m.
 */
export function walkReachMeters(minutes: number): number {
  return (minutes * WALK_METERS_PER_MINUTE) / ROUTE_DETOUR;
}

/** The walking speed the finder assumes, for the words beside its rings. */
export const WALK_KM_PER_HOUR = (WALK_METERS_PER_MINUTE * 60) / 1000;

export function formatDistance(meters: number): string {
  if (meters < 1000) return `${Math.round(meters)} 米`;
  return `${(meters / 1000).toFixed(meters < 10_000 ? 1 : 0)} 公里`;
}
