import { AMENITIES, alwaysOpenHours, weekOf, type Amenities, type AmenityAvailability, type Interval, type OpeningHours, type Station, type StationType } from '@yz/shared';
import { DEMO_CITIES, type DemoCity } from './cities';
import { seededRandom } from '../random';


const weekdays = (intervals: Interval[], weekend: Interval[] = intervals) => weekOf(intervals, weekend);

/** Typical hours by kind of host, as the seed reports describe them (24 h police booths, 错峰/延时 service). */
const HOURS_BY_TYPE: Record<StationType, () => OpeningHours> = {
  police_booth: alwaysOpenHours,
  petrol_station: alwaysOpenHours,
  bank: () => ({ weekly: weekdays([{ open: '08:30', close: '17:30' }], [{ open: '09:00', close: '16:00' }]), exceptions: [] }),
  community: () => ({
    weekly: weekdays([{ open: '08:00', close: '12:00' }, { open: '14:00', close: '18:00' }], [{ open: '09:00', close: '12:00' }]),
    exceptions: [],
  }),
  mall: () => ({ weekly: weekdays([{ open: '10:00', close: '22:00' }]), exceptions: [] }),
  sanitation_depot: () => ({ weekly: weekdays([{ open: '04:30', close: '21:00' }]), exceptions: [] }),
  union_center: () => ({ weekly: weekdays([{ open: '07:30', close: '21:30' }]), exceptions: [] }),
  // 错峰服务: a night stop for riders on the late shift.
  shop: () => ({ weekly: weekdays([{ open: '07:00', close: '10:00' }, { open: '22:00', close: '06:00', overnight: true }]), exceptions: [] }),
  enterprise: () => ({ weekly: weekdays([{ open: '08:00', close: '20:00' }], []), exceptions: [] }),
  service_hall: () => ({ weekly: weekdays([{ open: '09:00', close: '17:00' }], []), exceptions: [] }),
  other: () => ({ weekly: weekdays([{ open: '08:00', close: '20:00' }]), exceptions: [] }),
};

const NAME_BY_TYPE: Record<StationType, (street: string, n: number) => string> = {
  union_center: (s) => `${s}工会户外劳动者服务站`,
  community: (s) => `${s}社区爱心驿站`,
  enterprise: (s) => `${s}物流园职工暖心驿站`,
  mall: (s) => `${s}商场户外劳动者驿站`,
  service_hall: (s) => `${s}政务服务大厅爱心驿站`,
  sanitation_depot: (s) => `${s}环卫工人休息站`,
  police_booth: (s) => `${s}警务亭户外劳动者驿站`,
  petrol_station: (s) => `中国石化${s}加油站爱心驿站`,
  bank: (s, n) => `${n % 2 ? '建设银行' : '农业银行'}${s}支行劳动者港湾`,
  shop: (s) => `${s}便利店骑手夜间驿站`,
  other: (s) => `${s}爱心驿站`,
};

const TYPES: StationType[] = ['union_center', 'community', 'bank', 'police_booth', 'petrol_station', 'mall', 'sanitation_depot', 'shop', 'enterprise', 'service_hall'];

const LIKELY: Partial<Record<(typeof AMENITIES)[number], number>> = {
  hot_water: 0.95,
  drinking_water: 0.9,
  seating: 0.95,
  phone_charging: 0.85,
  microwave: 0.7,
  toilet: 0.7,
  air_conditioning: 0.75,
  first_aid: 0.8,
  umbrella: 0.5,
  wifi: 0.5,
  reading_corner: 0.3,
  ebike_charging: 0.25,
  job_board: 0.2,
  legal_aid: 0.15,
  womens_care: 0.2,
};

function amenities(rand: () => number): Amenities {
  const out = {} as Record<string, AmenityAvailability>;
  for (const a of AMENITIES) {
    const r = rand();
    // About one in eight facts is simply not known yet.
    out[a] = r < 0.12 ? 'unknown' : rand() < (LIKELY[a] ?? 0.3) ? 'yes' : 'no';
  }
  return out as Amenities;
}

function stationsOf(city: DemoCity, cityIndex: number, now: string): Station[] {
  const rand = seededRandom(1000 + cityIndex);
  const count = 14;
  const out: Station[] = [];
  for (let n = 0; n < count; n += 1) {
    const type = TYPES[n % TYPES.length]!;
    const street = city.streets[n % city.streets.length]!;
    // Dense near the centre, sparser outwards: most stations within 3 km, a few out to 8 km.
    const distance = n < 10 ? 150 + rand() * 2800 : 3000 + rand() * 5000;
    const angle = rand() * 2 * Math.PI;
    const lat = city.center.lat + (distance * Math.cos(angle)) / 111_320;
    const lng = city.center.lng + (distance * Math.sin(angle)) / (111_320 * Math.cos((city.center.lat * Math.PI) / 180));
    const number = 10 + Math.floor(rand() * 480);
    out.push({
      id: `demo-${city.district.code}-${String(n + 1).padStart(2, '0')}`,
      name: NAME_BY_TYPE[type](street, n),
      address: `${city.district.name}${street}${number}号`,
      district: city.district,
      location: { lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) },
      type,
      amenities: amenities(rand),
      hours: HOURS_BY_TYPE[type](),
      hoursNote: null,
      closure: null,
      phones: [`0${(500 + cityIndex * 37) % 900}-${String(6000000 + Math.floor(rand() * 3999999))}`],
      hostOrganisation: type === 'union_center' || type === 'community' ? city.union : NAME_BY_TYPE[type](street, n).replace(/(爱心驿站|劳动者港湾|户外劳动者驿站|骑手夜间驿站|职工暖心驿站|环卫工人休息站)$/, ''),
      notice: n === 0 ? '冬季每天提供姜茶，欢迎快递小哥、外卖骑手进站歇脚' : null,
      photoUrl: null,
      status: 'active',
      lastVerifiedAt: n % 3 === 0 ? now : null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
  }
  return out;
}

export function demoStations(now: string): Station[] {
  return DEMO_CITIES.flatMap((city, i) => stationsOf(city, i, now));
}
