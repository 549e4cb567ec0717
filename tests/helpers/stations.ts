import { AMENITIES, STATION_TYPES, Station, alwaysOpenHours, newStation, unknownAmenities, type Amenities, type LatLng, type OpeningHours } from '@yz/shared';

let counter = 0;

/**
 * A valid station (checked against the Station schema) with whatever the test cares about overridden.
 * Without an id each call gets a new one, so stations can be made in a loop.
 */
export function makeStation(overrides: Partial<Station> = {}): Station {
  counter += 1;
  const now = '2026-11-25T09:00:00+08:00';
  const known = {
    id: `st-${String(counter).padStart(5, '0')}`,
    name: `测试驿站 ${counter}`,
    address: `江西省九江市都昌县测试路 ${counter} 号`,
    district: { code: '360428', name: '都昌县' },
    location: { lat: 29.2731, lng: 116.2041 },
    type: 'community',
    status: 'active',
  } as const;
  return Station.parse({ ...newStation(known, now), ...overrides });
}

/** A station at an exact point. */
export const stationAt = (location: LatLng, overrides: Partial<Station> = {}) => makeStation({ ...overrides, location });

export const CLOSED_ALL_WEEK: OpeningHours = { weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, exceptions: [] };
const STREETS = ['延安路', '解放路', '湖滨路', '庆春路'];

/** Amenities drawn at random: half "yes", some "no", the rest "unknown". */
function amenitiesFrom(rand: () => number): Amenities {
  const out = unknownAmenities();
  for (const a of AMENITIES) {
    const r = rand();
    out[a] = r < 0.5 ? 'yes' : r < 0.8 ? 'no' : 'unknown';
  }
  return out;
}

/**
 * The filterable part of the i-th station of a Hangzhou street sample: name and street for keyword
 * search, type, amenities, and hours that make "open now" independent of the clock (open round the
 * clock, closed every day, or unknown; some under a temporary closure). `roll` is the station's own
 * draw, so the caller can make other choices from it too.
 */
export function filterableStation(i: number, roll: number, rand: () => number): Partial<Station> {
  const street = STREETS[i % STREETS.length]!;
  return {
    name: i % 7 === 0 ? `${street}爱心驿站${i}` : `${street}户外劳动者服务站${i}`,
    address: `浙江省杭州市上城区${street}${i}号`,
    type: STATION_TYPES[i % 5]!,
    amenities: amenitiesFrom(rand),
    hours: roll < 0.6 ? alwaysOpenHours() : roll < 0.85 ? CLOSED_ALL_WEEK : null,
    closure: roll < 0.15 ? { reason: '装修', since: '2026-01-01T00:00:00+08:00', until: null } : null,
  };
}
