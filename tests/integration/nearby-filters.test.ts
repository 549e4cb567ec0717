import fc from 'fast-check';
import {
  STATION_TYPES,
  alwaysOpenHours,
  distanceMeters,
  failedFilters,
  prepareFilters,
  unknownAmenities,
  type LatLng,
  type NearbyResponse,
  type Station,
} from '@yz/shared';
import { seededRandom } from '../../dev/src/random';
import { destination, randomPointNear } from '../helpers/geo';
import { getJson } from '../helpers/http';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';
import { filterableStation } from '../helpers/stations';

/**
 * Filters on the nearby search, against DynamoDB Local: amenities (several at once), open now, type,
 * keyword (Chinese, full-width, spaces), combined, compared with a brute-force filter over every station.
 * "Open now" is made independent of the clock: stations are open round the clock, closed every day,
 * or under a temporary closure.
 */

const CENTRE: LatLng = { lat: 30.2741, lng: 120.1551 }; // Hangzhou

let stack: TestStack;
let stations: Station[];

beforeAll(async () => {
  stack = await startTestStack();
  const rand = seededRandom(4242);
  stations = Array.from({ length: 240 }, (_, i) => {
    const roll = rand();
    const location = randomPointNear(CENTRE, 6000, rand);
    return makeStation({ id: `flt-${String(i).padStart(3, '0')}`, location, ...filterableStation(i, roll, rand) });
  });
  await putStations(stack, stations);
});
afterAll(async () => {
  await stack?.stop();
});

const nearby = (center: LatLng, extra: string) => getJson<NearbyResponse>(stack.url, `/stations/nearby?lat=${center.lat}&lng=${center.lng}&${extra}`);

function expected(center: LatLng, radius: number, limit: number, filters: Parameters<typeof prepareFilters>[0]): string[] {
  const f = prepareFilters(filters, new Date());
  return stations
    .filter((s) => s.location && failedFilters(s, f).length === 0)
    .map((s) => ({ id: s.id, d: distanceMeters(center, s.location!) }))
    .filter((s) => s.d <= radius)
    .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => s.id);
}

describe('GET /stations/nearby with filters', () => {
  it('keeps only stations that have every amenity asked for ("yes", never "unknown")', async () => {
    const res = await nearby(CENTRE, 'radius=5000&limit=50&amenities=hot_water,toilet');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(5);
    for (const item of res.body.items) {
      expect(item.amenities.hot_water).toBe('yes');
      expect(item.amenities.toilet).toBe('yes');
    }
    expect(res.body.items.map((i) => i.id)).toEqual(expected(CENTRE, 5000, 50, { amenities: ['hot_water', 'toilet'] }));
  });

  it('"open now" leaves out stations closed today, under a closure, or with unknown hours', async () => {
    const res = await nearby(CENTRE, 'radius=8000&limit=50&openNow=true');
    expect(res.body.items.length).toBeGreaterThan(10);
    for (const item of res.body.items) {
      const station = stations.find((s) => s.id === item.id)!;
      expect(station.hours).toEqual(alwaysOpenHours());
      expect(station.closure).toBeNull();
    }
    expect(res.body.items.map((i) => i.id)).toEqual(expected(CENTRE, 8000, 50, { openNow: true }));
  });

  it('filters by one or several station types', async () => {
    const one = await nearby(CENTRE, 'radius=5000&limit=50&type=mall');
    expect(new Set(one.body.items.map((i) => i.type))).toEqual(new Set(['mall']));
    const two = await nearby(CENTRE, 'radius=5000&limit=50&type=mall,community');
    expect(new Set(two.body.items.map((i) => i.type))).toEqual(new Set(['mall', 'community']));
    expect(two.body.items.map((i) => i.id)).toEqual(expected(CENTRE, 5000, 50, { type: ['mall', 'community'] }));
  });

  it('finds a station by part of its name or its street, whatever the width, case or spaces typed', async () => {
    const byName = await nearby(CENTRE, `radius=8000&limit=50&q=${encodeURIComponent('爱心驿站')}`);
    expect(byName.body.items.length).toBeGreaterThan(0);
    expect(byName.body.items.every((i) => i.name.includes('爱心驿站'))).toBe(true);
    expect(byName.body.items.map((i) => i.id)).toEqual(expected(CENTRE, 8000, 50, { q: '爱心驿站' }));

    const byStreet = await nearby(CENTRE, `radius=8000&limit=50&q=${encodeURIComponent(' 延安 ')}`);
    expect(byStreet.body.items.length).toBeGreaterThan(0);
    expect(byStreet.body.items.every((i) => i.address.includes('延安路'))).toBe(true);

    // Full-width digits and letters fold to their half-width forms: "１２号" finds "12号".
    const wideStation = makeStation({ id: 'flt-wide', name: 'Ａ座骑手驿站', address: '浙江省杭州市上城区延安路12号B座', location: destination(CENTRE, 300, 90) });
    await putStations(stack, [wideStation]);
    stations.push(wideStation);
    const wide = await nearby(CENTRE, `radius=2000&limit=50&q=${encodeURIComponent('１２号ｂ座')}`);
    expect(wide.body.items.map((i) => i.id)).toEqual(['flt-wide']);
    const latin = await nearby(CENTRE, `radius=2000&limit=50&q=${encodeURIComponent('a座')}`);
    expect(latin.body.items.map((i) => i.id)).toEqual(['flt-wide']);
  });

  it('combines filters and still answers exactly as filtering every station would', async () => {
    const query = fc.record({
      bearing: fc.double({ min: 0, max: 360, noNaN: true, maxExcluded: true }),
      distance: fc.double({ min: 0, max: 7000, noNaN: true }),
      radius: fc.integer({ min: 200, max: 9000 }),
      limit: fc.integer({ min: 1, max: 30 }),
      amenities: fc.subarray(['hot_water', 'toilet', 'wifi', 'microwave'] as const, { maxLength: 2 }),
      openNow: fc.boolean(),
      type: fc.option(fc.constantFrom(...STATION_TYPES.slice(0, 5)), { nil: undefined }),
      q: fc.option(fc.constantFrom('延安', '爱心', '湖滨路'), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(query, async ({ bearing, distance, radius, limit, amenities, openNow, type, q }) => {
        const center = destination(CENTRE, distance, bearing);
        const params = new URLSearchParams({ radius: String(radius), limit: String(limit) });
        if (amenities.length > 0) params.set('amenities', amenities.join(','));
        if (openNow) params.set('openNow', 'true');
        if (type) params.set('type', type);
        if (q) params.set('q', q);
        const res = await nearby(center, params.toString());
        expect(res.status).toBe(200);
        const want = expected(center, radius, limit, { amenities: [...amenities], openNow, type: type ? [type] : undefined, q });
        expect(res.body.items.map((i) => i.id)).toEqual(want);
      }),
      { numRuns: 40 },
    );
  });

  it('says which filter to drop when too few stations match, with true counts for the radius', async () => {
    const res = await nearby(CENTRE, `radius=1500&limit=50&openNow=true&amenities=legal_aid&q=${encodeURIComponent('爱心')}`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeLessThan(50);
    const f = prepareFilters({ openNow: true, amenities: ['legal_aid'], q: '爱心' }, new Date());
    const within = stations.filter((s) => s.location && distanceMeters(CENTRE, s.location) <= 1500);
    const onlyFailing = new Map<string, number>();
    for (const s of within) {
      const failed = failedFilters(s, f);
      if (failed.length === 1) onlyFailing.set(failed[0]!, (onlyFailing.get(failed[0]!) ?? 0) + 1);
    }
    expect(new Map(res.body.relax.map((h) => [h.filter, h.count]))).toEqual(onlyFailing);
    // No filters: no hints.
    expect((await nearby(CENTRE, 'radius=1500&limit=50')).body.relax).toEqual([]);
  });

  it('reads only nearby cells, even for a filter that matches nothing nearby', async () => {
    // A station with legal aid far away (Beijing) is never read by a Hangzhou search.
    const far = makeStation({ id: 'flt-far', location: { lat: 39.9, lng: 116.4 }, amenities: { ...unknownAmenities(), womens_care: 'yes' } });
    await putStations(stack, [far]);
    stations.push(far);
    const res = await nearby(CENTRE, 'radius=3000&limit=5&amenities=womens_care,legal_aid,job_board');
    const read = Number(res.headers.get('x-yz-items-read'));
    const nearbyCount = stations.filter((s) => distanceMeters(CENTRE, s.location!) <= 3000 + 2000).length;
    expect(read).toBeGreaterThan(0);
    // Everything within the radius may have to be read to prove no match, but nothing much beyond it.
    expect(read).toBeLessThanOrEqual(nearbyCount + 12);
    expect(res.body.items.every((i) => i.id !== 'flt-far')).toBe(true);
  });
});
