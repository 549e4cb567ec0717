import { travelMinutes, walkReachMeters, type LatLng } from '@yz/shared';
import { bearingDegrees, clusterPins, compassWord, project, ringMeters, viewRadiusMeters } from '../../../miniprogram/src/components/StationMap/position';
import { destination } from '../../helpers/geo';

/**
 * The browser's position view places stations by bearing and distance. The oracle is the test
 * helper's destination() (the forward geodesic problem): a point put there at a known bearing and
 * distance must come back at that bearing and distance, scaled to the view.
 */

const HERE: LatLng = { lat: 29.3012, lng: 116.2398 };

test.each([0, 45, 90, 135, 180, 225, 270, 315, 359])('a station placed at bearing %i° comes back at that bearing', (bearing) => {
  const point = destination(HERE, 700, bearing);
  expect(bearingDegrees(HERE, point)).toBeCloseTo(bearing, 3);
});

test('projection: north is up, east is right, and the distance from the centre is the true distance over the view radius', () => {
  const viewRadius = 2000;
  const north = project(HERE, destination(HERE, 1000, 0), viewRadius);
  expect(north.x).toBeCloseTo(0, 4);
  expect(north.y).toBeCloseTo(-0.5, 4);
  const east = project(HERE, destination(HERE, 500, 90), viewRadius);
  expect(east.x).toBeCloseTo(0.25, 4);
  expect(east.y).toBeCloseTo(0, 3);
  const southWest = project(HERE, destination(HERE, 2000, 225), viewRadius);
  expect(southWest.x).toBeCloseTo(-Math.SQRT1_2, 3);
  expect(southWest.y).toBeCloseTo(Math.SQRT1_2, 3);
  expect(Math.hypot(southWest.x, southWest.y)).toBeCloseTo(1, 4);
  expect(southWest.meters).toBeCloseTo(2000, 1);
  // Far north (Beijing) the same distance still lands at the same radius.
  const beijing: LatLng = { lat: 39.9219, lng: 116.4436 };
  const p = project(beijing, destination(beijing, 1500, 300), 3000);
  expect(Math.hypot(p.x, p.y)).toBeCloseTo(0.5, 4);
});

test('the 15-minute ring is the distance the list calls 15 minutes on foot', () => {
  const walk = ringMeters().find((r) => r.key === 'walk')!;
  expect(walk.meters).toBeCloseTo(walkReachMeters(15), 6);
  expect(travelMinutes(walk.meters).walk).toBe(15);
  expect(travelMinutes(walk.meters + 60).walk).toBe(16);
  expect(ringMeters().map((r) => r.meters)).toEqual([500, walk.meters, 1000]);
});

test('the view radius fits the farthest station, keeps all rings and never exceeds the search radius', () => {
  expect(viewRadiusMeters([], 3000)).toBe(1100);
  expect(viewRadiusMeters([300, 400], 3000)).toBe(1100);
  expect(viewRadiusMeters([300, 2400], 3000)).toBe(2600); // 2400 × 1.08 = 2592, up to the next 100 m
  expect(viewRadiusMeters([2990], 3000)).toBe(3000);
  expect(viewRadiusMeters([9500], 10_000)).toBe(10_000);
  for (const far of [150, 999, 1800, 2750]) {
    const r = viewRadiusMeters([far], 3000);
    expect(far / r).toBeLessThanOrEqual(1);
    expect(r).toBeGreaterThanOrEqual(1000);
  }
});

test('clustering: pins closer than the gap merge, nearest-to-centre first; far pins stay alone', () => {
  const clusters = clusterPins(
    [
      { id: 'c', x: 0.52, y: 0.01 },
      { id: 'a', x: 0.5, y: 0 },
      { id: 'b', x: 0.55, y: -0.05 },
      { id: 'far', x: -0.6, y: 0.2 },
      { id: 'edge', x: 0.5, y: 0.2 },
    ],
    0.15,
  );
  expect(clusters.map((c) => c.ids)).toEqual([['a', 'c', 'b'], ['edge'], ['far']]);
  const [first] = clusters;
  expect(first!.x).toBeCloseTo((0.5 + 0.52 + 0.55) / 3, 6);
  expect(first!.y).toBeCloseTo((0 + 0.01 - 0.05) / 3, 6);
});

test('clustering keeps every pin exactly once, and no two markers are closer than the gap to their anchors', () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const pins = Array.from({ length: 50 }, (_, i) => ({ id: `s${i}`, x: rand() * 2 - 1, y: rand() * 2 - 1 }));
  const clusters = clusterPins(pins, 0.15);
  const ids = clusters.flatMap((c) => c.ids);
  expect(ids.sort()).toEqual(pins.map((p) => p.id).sort());
  // Every pin lies within the gap of its cluster's first member (the anchor), checked by brute force.
  const byId = new Map(pins.map((p) => [p.id, p]));
  for (const c of clusters) {
    const anchor = byId.get(c.ids[0]!)!;
    for (const id of c.ids) {
      const p = byId.get(id)!;
      expect(Math.hypot(p.x - anchor.x, p.y - anchor.y)).toBeLessThan(0.15);
    }
  }
  // A gap of zero leaves every pin on its own.
  expect(clusterPins(pins, 0)).toHaveLength(50);
});

test('compass words for spoken labels', () => {
  expect([0, 44, 46, 90, 180, 269, 338, 359].map(compassWord)).toEqual(['北', '东北', '东北', '东', '南', '西', '北', '北']);
});
