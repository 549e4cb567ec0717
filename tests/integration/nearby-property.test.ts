import fc from 'fast-check';
import { NearbyResponse, type LatLng, type Station } from '@yz/shared';
import { seededRandom } from '../../dev/src/random';
import { destination, randomPointNear } from '../helpers/geo';
import { getJson } from '../helpers/http';
import { bruteForceNearby } from '../helpers/nearby';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

// A city-sized area: 300 stations within 12 km of Duchang's centre, a few of them off the map.
const CITY: LatLng = { lat: 29.2731, lng: 116.2041 };
const AREA_METERS = 12_000;

let stack: TestStack;
let stations: Station[];

beforeAll(async () => {
  stack = await startTestStack();
  const rand = seededRandom(20261125);
  stations = Array.from({ length: 300 }, (_, i) => {
    const roll = rand();
    const location = randomPointNear(CITY, AREA_METERS, rand);
    const id = `prop-${String(i).padStart(3, '0')}`;
    if (roll < 0.08) return makeStation({ id, location, status: 'inactive' });
    if (roll < 0.12) return makeStation({ id, location: null, status: 'needs_location' });
    return makeStation({ id, location });
  });
  // Two stations at the very same spot, so ties are broken by id.
  const twin = stations[0]!.location!;
  stations.push(makeStation({ id: 'prop-twin-b', location: twin }), makeStation({ id: 'prop-twin-a', location: twin }));
  await putStations(stack, stations);
});

afterAll(async () => {
  await stack?.stop();
});

const query = fc.record({
  // Centres anywhere in the area and a little beyond it.
  bearing: fc.double({ min: 0, max: 360, noNaN: true, maxExcluded: true }),
  distance: fc.double({ min: 0, max: AREA_METERS * 1.2, noNaN: true }),
  radius: fc.oneof(fc.integer({ min: 1, max: 20_000 }), fc.double({ min: 1, max: 5_000, noNaN: true })),
  limit: fc.integer({ min: 1, max: 50 }),
});

describe('GET /stations/nearby against a brute-force search', () => {
  it('answers every query exactly as reading every station would', async () => {
    await fc.assert(
      fc.asyncProperty(query, async ({ bearing, distance, radius, limit }) => {
        const center = destination(CITY, distance, bearing);
        const res = await getJson<NearbyResponse>(stack.url, `/stations/nearby?lat=${center.lat}&lng=${center.lng}&radius=${radius}&limit=${limit}`);
        expect(res.status).toBe(200);
        const expected = bruteForceNearby(stations, { ...center, radius, limit });
        expect(res.body.items.map((item) => ({ id: item.id, distanceMeters: item.distanceMeters }))).toEqual(expected);
        expect(res.body.radius).toBe(radius);
      }),
      { numRuns: 80 },
    );
  });

  it('answers with rows the contract allows', async () => {
    const res = await getJson(stack.url, `/stations/nearby?lat=${CITY.lat}&lng=${CITY.lng}&radius=20000&limit=50`);
    const parsed = NearbyResponse.parse(res.body);
    expect(parsed.items).toHaveLength(50);
  });
});
