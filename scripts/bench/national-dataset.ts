import { AMENITIES, alwaysOpenHours, type Amenities, type AmenityAvailability, type LatLng, type OpeningHours, type Station, type StationType } from '@yz/shared';
import { seededRandom } from '../../dev/src/random';

/**
 * A national-scale set of stations laid out like real cities: a few hundred cities whose sizes follow
 * a Zipf law (a handful of very large ones, a long tail of small ones), each with a dense centre
 * (normally distributed around it) and sparse outskirts (uniform over a wide disc). Deterministic:
 * the same seed gives the same stations and the same query points, so runs compare.
 */


/** Regions of China where cities are, with how many of the cities each holds. */
const REGIONS: { box: [number, number, number, number]; weight: number }[] = [
  { box: [22.0, 108.0, 32.0, 122.0], weight: 0.38 }, // south and east coast, Yangtze delta
  { box: [32.0, 110.0, 41.0, 122.5], weight: 0.27 }, // north China plain
  { box: [24.0, 102.0, 32.0, 110.0], weight: 0.15 }, // south-west, Sichuan basin
  { box: [41.0, 119.0, 47.5, 129.0], weight: 0.1 }, // north-east
  { box: [34.0, 94.0, 41.0, 110.0], weight: 0.1 }, // north-west
];

export interface BenchCity {
  index: number;
  center: LatLng;
  stations: number;
  /** Spread of the dense centre, metres (one standard deviation). */
  sigma: number;
  /** Radius of the outskirts, metres. */
  outskirts: number;
  districtCode: string;
}

const toRad = (d: number) => (d * Math.PI) / 180;

/** A point `meters` away from `from` along `bearing` (radians), on a flat local approximation. */
function offset(from: LatLng, meters: number, bearing: number): LatLng {
  const dLat = (meters * Math.cos(bearing)) / 111_195;
  const dLng = (meters * Math.sin(bearing)) / (111_195 * Math.cos(toRad(from.lat)));
  return { lat: from.lat + dLat, lng: from.lng + dLng };
}

function gaussian(rand: () => number): number {
  // Box-Muller; 1 - rand() keeps log away from 0.
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

export function benchCities(totalStations: number, count = 300, seed = 2026): BenchCity[] {
  const rand = seededRandom(seed);
  const centers: LatLng[] = [];
  while (centers.length < count) {
    let roll = rand();
    const region = REGIONS.find((r) => (roll -= r.weight) < 0) ?? REGIONS[0]!;
    const [minLat, minLng, maxLat, maxLng] = region.box;
    const c = { lat: minLat + rand() * (maxLat - minLat), lng: minLng + rand() * (maxLng - minLng) };
    // Cities at least ~40 km apart.
    if (centers.every((o) => Math.hypot((o.lat - c.lat) * 111, (o.lng - c.lng) * 111 * Math.cos(toRad(c.lat))) > 40)) centers.push(c);
  }
  const weights = centers.map((_, rank) => 1 / (rank + 1) ** 0.9);
  const sum = weights.reduce((a, b) => a + b, 0);
  let assigned = 0;
  const cities = centers.map((center, index) => {
    const stations = index === count - 1 ? totalStations - assigned : Math.round((totalStations * weights[index]!) / sum);
    assigned += stations;
    const size = weights[index]! / weights[0]!;
    return {
      index,
      center,
      stations,
      sigma: 1500 + 4500 * Math.sqrt(size),
      outskirts: 12_000 + 18_000 * Math.sqrt(size),
      districtCode: `${String(11 + (index % 50)).padStart(2, '0')}${String(1 + Math.floor(index / 50)).padStart(2, '0')}01`,
    };
  });
  return cities;
}

const TYPES: StationType[] = ['union_center', 'community', 'bank', 'police_booth', 'petrol_station', 'mall', 'sanitation_depot', 'shop', 'enterprise', 'service_hall'];

const days = (weekday: OpeningHours['weekly']['mon'], weekend = weekday): OpeningHours['weekly'] => ({
  mon: weekday,
  tue: weekday,
  wed: weekday,
  thu: weekday,
  fri: weekday,
  sat: weekend,
  sun: weekend,
});

const HOURS: Record<StationType, () => OpeningHours> = {
  police_booth: alwaysOpenHours,
  petrol_station: alwaysOpenHours,
  bank: () => ({ weekly: days([{ open: '08:30', close: '17:30' }], [{ open: '09:00', close: '16:00' }]), exceptions: [] }),
  community: () => ({ weekly: days([{ open: '08:00', close: '12:00' }, { open: '14:00', close: '18:00' }], [{ open: '09:00', close: '12:00' }]), exceptions: [] }),
  mall: () => ({ weekly: days([{ open: '10:00', close: '22:00' }]), exceptions: [] }),
  sanitation_depot: () => ({ weekly: days([{ open: '04:30', close: '21:00' }]), exceptions: [] }),
  union_center: () => ({ weekly: days([{ open: '07:30', close: '21:30' }]), exceptions: [{ from: '2026-10-01', to: '2026-10-07', intervals: [], reason: '国庆' }] }),
  shop: () => ({ weekly: days([{ open: '07:00', close: '10:00' }, { open: '22:00', close: '06:00', overnight: true }]), exceptions: [] }),
  enterprise: () => ({ weekly: days([{ open: '08:00', close: '20:00' }], []), exceptions: [] }),
  service_hall: () => ({ weekly: days([{ open: '09:00', close: '17:00' }], []), exceptions: [] }),
  other: () => ({ weekly: days([{ open: '08:00', close: '20:00' }]), exceptions: [] }),
};

const STREETS = ['人民路', '解放路', '中山路', '建设路', '和平路', '新华路', '胜利路', '朝阳路', '文化路', '光明路', '长江路', '黄河路'];
const KINDS = ['社区爱心驿站', '工会户外劳动者服务站', '劳动者港湾', '骑手暖心驿站', '环卫工人休息站', '爱心驿站'];

function amenities(rand: () => number): Amenities {
  const out = {} as Record<string, AmenityAvailability>;
  for (const a of AMENITIES) {
    const r = rand();
    out[a] = r < 0.12 ? 'unknown' : r < 0.12 + 0.88 * (a === 'hot_water' || a === 'seating' ? 0.9 : 0.5) ? 'yes' : 'no';
  }
  return out as Amenities;
}

/** The stations of one city, generated on demand so that 400,000 never sit in memory at once. */
export function* cityStations(city: BenchCity, now: string): Generator<Station> {
  const rand = seededRandom(10_000 + city.index);
  for (let n = 0; n < city.stations; n += 1) {
    const dense = rand() < 0.85;
    const distance = dense ? Math.abs(gaussian(rand)) * city.sigma : Math.sqrt(rand()) * city.outskirts;
    const location = offset(city.center, distance, rand() * 2 * Math.PI);
    const type = TYPES[Math.floor(rand() * TYPES.length)]!;
    const street = STREETS[Math.floor(rand() * STREETS.length)]!;
    yield {
      id: `b${city.index}-${n}`,
      name: `${street}${KINDS[n % KINDS.length]}${n}`,
      address: `第${city.index}市${street}${1 + Math.floor(rand() * 900)}号`,
      district: { code: city.districtCode, name: `第${city.index}区` },
      location: { lat: Number(location.lat.toFixed(6)), lng: Number(location.lng.toFixed(6)) },
      type,
      amenities: amenities(rand),
      hours: HOURS[type](),
      hoursNote: null,
      closure: rand() < 0.02 ? { reason: '设备检修', since: '2026-01-01T00:00:00+08:00', until: null } : null,
      phones: ['0791-8888888'],
      hostOrganisation: null,
      notice: null,
      photoUrl: null,
      status: 'active',
      lastVerifiedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  }
}

/**
 * Where workers ask from: most from city centres (weighted by the city's size, spread like its
 * stations), some from the outskirts (8 to 25 km out).
 */
export function queryPoints(cities: BenchCity[], count: number, seed = 77): { point: LatLng; kind: 'centre' | 'outskirts' }[] {
  const rand = seededRandom(seed);
  const total = cities.reduce((a, c) => a + c.stations, 0);
  const pick = () => {
    let roll = rand() * total;
    return cities.find((c) => (roll -= c.stations) < 0) ?? cities[0]!;
  };
  return Array.from({ length: count }, () => {
    const city = pick();
    if (rand() < 0.8) {
      return { point: offset(city.center, Math.abs(gaussian(rand)) * city.sigma, rand() * 2 * Math.PI), kind: 'centre' as const };
    }
    return { point: offset(city.center, 8000 + rand() * 17_000, rand() * 2 * Math.PI), kind: 'outskirts' as const };
  });
}
