import { NearbyResponse, NearbyStation, distanceMeters, type LatLng } from '@yz/shared';
import { destination } from '../helpers/geo';
import { getJson } from '../helpers/http';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const nearby = (center: LatLng, extra = '') => getJson<NearbyResponse>(stack.url, `/stations/nearby?lat=${center.lat}&lng=${center.lng}${extra}`);
const ids = (res: { body: NearbyResponse }) => res.body.items.map((item) => item.id);

describe('GET /stations/nearby', () => {
  // Each test works around its own centre, far enough from the others that none sees another's stations.
  const JIUJIANG: LatLng = { lat: 29.705, lng: 116.0019 };

  it('lists stations nearest first with what a list row needs', async () => {
    const a = makeStation({ id: 'order-a', name: '近处驿站', location: destination(JIUJIANG, 100, 45) });
    const b = makeStation({ id: 'order-b', location: destination(JIUJIANG, 700, 200) });
    const c = makeStation({ id: 'order-c', location: destination(JIUJIANG, 1500, 300) });
    await putStations(stack, [c, a, b]);

    const res = await nearby(JIUJIANG, '&radius=2000');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(ids(res)).toEqual(['order-a', 'order-b', 'order-c']);
    expect(res.body.items.map((item) => item.distanceMeters)).toEqual([100, 700, 1500]);
    expect(res.body.radius).toBe(2000);
    const first = res.body.items[0]!;
    expect(first).toMatchObject({ id: 'order-a', name: '近处驿站', address: a.address, location: a.location, district: a.district });
    // Exactly the row shape of the contract: no status, host or bookkeeping fields leak out.
    expect(Object.keys(first).sort()).toEqual(Object.keys(NearbyStation.shape).sort());
    expect(NearbyResponse.safeParse(res.body).success).toBe(true);
  });

  it('includes a station just inside the radius and leaves out one just outside', async () => {
    const center: LatLng = { lat: 28.6829, lng: 115.8579 }; // Nanchang
    const inside = makeStation({ id: 'edge-inside', location: destination(center, 1995, 10) });
    const outside = makeStation({ id: 'edge-outside', location: destination(center, 2005, 100) });
    expect(distanceMeters(center, inside.location!)).toBeLessThan(2000);
    expect(distanceMeters(center, outside.location!)).toBeGreaterThan(2000);
    await putStations(stack, [inside, outside]);

    expect(ids(await nearby(center, '&radius=2000'))).toEqual(['edge-inside']);
    expect(ids(await nearby(center, '&radius=2010'))).toEqual(['edge-inside', 'edge-outside']);
    expect(ids(await nearby(center, '&radius=1990'))).toEqual([]);
  });

  it('finds a station a metre inside the rim due north of a 5 km search', async () => {
    // Regression: the covering box was drawn on a slightly smaller sphere than distances are measured
    // on, and this station's cell was never read.
    const center: LatLng = { lat: 32.958, lng: 116.4281 };
    await putStations(stack, [makeStation({ id: 'rim-north', location: destination(center, 4999, 0) })]);
    const res = await nearby(center, '&radius=5000');
    expect(res.body.items.map((item) => [item.id, item.distanceMeters])).toEqual([['rim-north', 4999]]);
  });

  it('ranks on the exact distance even when both show the same whole metre', async () => {
    const center: LatLng = { lat: 30.5928, lng: 114.3055 }; // Wuhan
    const nearer = makeStation({ id: 'tie-z-nearer', location: destination(center, 100.2, 0) });
    const farther = makeStation({ id: 'tie-a-farther', location: destination(center, 100.4, 180) });
    await putStations(stack, [nearer, farther]);
    const res = await nearby(center, '&radius=500');
    expect(res.body.items.map((item) => [item.id, item.distanceMeters])).toEqual([
      ['tie-z-nearer', 100],
      ['tie-a-farther', 100],
    ]);
  });

  it('returns at most `limit` stations, the nearest ones, and 20 by default', async () => {
    const center: LatLng = { lat: 31.2304, lng: 121.4737 }; // Shanghai
    const ring = Array.from({ length: 25 }, (_, i) =>
      makeStation({ id: `limit-${String(i).padStart(2, '0')}`, location: destination(center, 50 + i * 40, i * 47) }),
    );
    await putStations(stack, ring);
    expect(ids(await nearby(center, '&radius=3000&limit=3'))).toEqual(['limit-00', 'limit-01', 'limit-02']);
    expect(ids(await nearby(center, '&radius=3000&limit=1'))).toEqual(['limit-00']);
    const byDefault = await nearby(center, '&radius=3000');
    expect(ids(byDefault)).toEqual(ring.slice(0, 20).map((s) => s.id));
    expect(ids(await nearby(center, '&radius=3000&limit=50'))).toEqual(ring.map((s) => s.id));
  });

  it('searches 3 km when no radius is given', async () => {
    const center: LatLng = { lat: 34.3416, lng: 108.9398 }; // Xi'an
    await putStations(stack, [
      makeStation({ id: 'default-in', location: destination(center, 2990, 90) }),
      makeStation({ id: 'default-out', location: destination(center, 3010, 270) }),
    ]);
    const res = await nearby(center);
    expect(res.body.radius).toBe(3000);
    expect(ids(res)).toEqual(['default-in']);
  });

  it('never shows stations that are inactive or have no location', async () => {
    const center: LatLng = { lat: 30.2741, lng: 120.1551 }; // Hangzhou
    await putStations(stack, [
      makeStation({ id: 'shown', location: destination(center, 300, 0) }),
      makeStation({ id: 'hidden-inactive', status: 'inactive', location: destination(center, 10, 0) }),
      makeStation({ id: 'hidden-unlocated', status: 'needs_location', location: null }),
      // A station waiting for its location check stays off the map even if it has coordinates.
      makeStation({ id: 'hidden-needs-check', status: 'needs_location', location: destination(center, 20, 90) }),
    ]);
    const res = await nearby(center, '&radius=1000&limit=50');
    expect(ids(res)).toEqual(['shown']);
    // Off the map, but still readable by id.
    expect((await getJson(stack.url, '/stations/hidden-inactive')).status).toBe(200);
  });

  it('stops showing a station once it is deactivated', async () => {
    const center: LatLng = { lat: 36.0671, lng: 120.3826 }; // Qingdao
    const station = makeStation({ id: 'deactivated', location: destination(center, 200, 45) });
    await putStations(stack, [station]);
    expect(ids(await nearby(center, '&radius=1000'))).toEqual(['deactivated']);
    await putStations(stack, [{ ...station, status: 'inactive', version: 2 }]);
    expect(ids(await nearby(center, '&radius=1000'))).toEqual([]);
  });

  it('reads only the cells around the asker, never the whole table', async () => {
    // Two far-apart cities: 20 stations in Duchang, 200 in Beijing.
    const duchang: LatLng = { lat: 29.2731, lng: 116.2041 };
    const beijing: LatLng = { lat: 39.9219, lng: 116.4436 };
    const local = Array.from({ length: 20 }, (_, i) => makeStation({ id: `read-dc-${i}`, location: destination(duchang, 100 + i * 90, i * 18) }));
    const far = Array.from({ length: 200 }, (_, i) => makeStation({ id: `read-bj-${i}`, location: destination(beijing, 50 + i * 20, i * 7) }));
    await putStations(stack, [...local, ...far]);

    const res = await nearby(duchang, '&radius=3000&limit=50');
    expect(ids(res).sort()).toEqual(local.map((s) => s.id).sort());
    const itemsRead = Number(res.headers.get('x-yz-items-read'));
    const cellsRead = Number(res.headers.get('x-yz-cells-read'));
    // Every Duchang station lies well inside the radius, so all 20 are read, and none of Beijing's 200;
    // the rest is the density hint, one item per 5-character cell the radius touches (cold cache).
    const hintItems = itemsRead - local.length;
    expect(hintItems).toBeGreaterThanOrEqual(0);
    expect(hintItems).toBeLessThanOrEqual(9);
    // A second search over the same cells plans from the cached hint and reads the 20 stations alone.
    const again = await nearby(duchang, '&radius=3000&limit=50');
    expect(Number(again.headers.get('x-yz-items-read'))).toBe(local.length);
    expect(cellsRead).toBeGreaterThan(0);

    const inBeijing = await nearby(beijing, '&radius=500&limit=5');
    expect(ids(inBeijing)).toEqual(['read-bj-0', 'read-bj-1', 'read-bj-2', 'read-bj-3', 'read-bj-4']);
    // A small search reads a small part of even the dense city.
    expect(Number(inBeijing.headers.get('x-yz-items-read'))).toBeLessThan(far.length / 2);
  });
});
