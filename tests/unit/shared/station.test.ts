import { AMENITIES, Station, NearbyStation } from '@yz/shared';
import { allDemoStations } from '../../../dev/src/demo';
import { makeStation } from '../../helpers/stations';

describe('Station', () => {
  const demo = allDemoStations('2026-11-25T09:00:00+08:00');

  it('parses a real Duchang station from the demo data unchanged', () => {
    const duchang = demo.find((s) => s.id.startsWith('amap-'));
    expect(duchang).toBeDefined();
    const parsed = Station.parse(duchang);
    expect(parsed).toEqual(duchang);
    expect(parsed.district).toEqual({ code: '360428', name: '都昌县' });
    // The listing says nothing about hours or amenities: unknown, never a silent "no".
    expect(parsed.hours).toBeNull();
    expect(new Set(Object.values(parsed.amenities))).toEqual(new Set(['unknown']));
  });

  it('accepts every demo station, generated ones with hours included', () => {
    for (const station of demo) expect(Station.safeParse(station)).toEqual({ success: true, data: station });
    expect(demo.some((s) => s.hours !== null)).toBe(true);
  });

  it('lists every amenity', () => {
    expect(Object.keys(makeStation().amenities).sort()).toEqual([...AMENITIES].sort());
  });

  it('refuses a malformed id, an unknown status and a bad phone number', () => {
    expect(Station.safeParse({ ...makeStation(), id: 'a/b' }).error?.issues[0]?.message).toBe('驿站编号格式不正确');
    expect(Station.safeParse({ ...makeStation(), id: 'ab' }).success).toBe(false);
    expect(Station.safeParse({ ...makeStation(), status: 'closed' }).success).toBe(false);
    expect(Station.safeParse({ ...makeStation(), phones: ['call me'] }).error?.issues[0]?.message).toBe('电话号码格式不正确');
  });

  it('allows a null location (needs_location) on a station but never on a nearby row', () => {
    const unlocated = makeStation({ status: 'needs_location', location: null });
    expect(Station.safeParse(unlocated).success).toBe(true);
    const { id, name, address, district, type, amenities, hours, hoursNote, closure, phones, notice, updatedAt } = unlocated;
    const row = { id, name, address, district, type, amenities, hours, hoursNote, closure, phones, notice, updatedAt, distanceMeters: 10 };
    expect(NearbyStation.safeParse({ ...row, location: null }).success).toBe(false);
    expect(NearbyStation.safeParse({ ...row, location: { lat: 29.27, lng: 116.2 } }).success).toBe(true);
  });
});
