import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { alwaysOpenHours, COVERAGE_CELL_PRECISION, type CoverageReport, type LatLng, type OpeningHours } from '@yz/shared';
import { encodeGeohash } from '../../functions/src/platform/geo';
import { loginAs, request } from '../helpers/api';
import { destination } from '../helpers/geo';
import { getJson } from '../helpers/http';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * Coverage: searches are counted per geohash-6 cell with no user identity; staff see, for their
 * region, the cells where workers searched but no station is open within 1.2 km.
 */

const CLOSED: OpeningHours = { weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, exceptions: [] };
const DUCHANG: LatLng = { lat: 29.2731, lng: 116.2041 };
const district = { code: '360428', name: '都昌县' };

let stack: TestStack;
// Three places in Duchang: one with an open station, one whose only station is closed, one with an
// open station 2 km away (beyond 15 minutes' walk).
const covered = DUCHANG;
const closedOnly = destination(DUCHANG, 6000, 90);
const farOpen = destination(DUCHANG, 12_000, 200);

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [
    makeStation({ id: 'cov-open', district, location: destination(covered, 300, 0), hours: alwaysOpenHours() }),
    makeStation({ id: 'cov-closed', district, location: destination(closedOnly, 200, 45), hours: CLOSED }),
    makeStation({ id: 'cov-far-open', district, location: destination(farOpen, 2000, 0), hours: alwaysOpenHours() }),
    makeStation({ id: 'cov-langya', district: { code: '341102', name: '琅琊区' }, location: { lat: 32.3043, lng: 118.3165 }, hours: CLOSED }),
  ]);
  const search = (p: LatLng, extra = '') => getJson(stack.url, `/stations/nearby?lat=${p.lat}&lng=${p.lng}${extra}`);
  for (let i = 0; i < 3; i += 1) await search(covered);
  for (let i = 0; i < 5; i += 1) await search(closedOnly);
  for (let i = 0; i < 2; i += 1) await search(farOpen, '&amenities=hot_water');
  // A city picked by hand is not where a worker is: not counted.
  for (let i = 0; i < 4; i += 1) await search(destination(DUCHANG, 9000, 0), '&locatedBy=city');
  await search({ lat: 32.3043, lng: 118.3165 });
});
afterAll(async () => {
  await stack?.stop();
});

describe('search counts', () => {
  it('keep only a cell, a day, a count and a district: no one who searched', async () => {
    const out = await stack.platform.db.doc.send(new ScanCommand({ TableName: stack.platform.db.table('searchCounts') }));
    const items = out.Items ?? [];
    const byCell = new Map(items.map((i) => [i.cell as string, i]));
    expect(byCell.get(encodeGeohash(covered, COVERAGE_CELL_PRECISION))?.searches).toBe(3);
    expect(byCell.get(encodeGeohash(closedOnly, COVERAGE_CELL_PRECISION))?.searches).toBe(5);
    expect(byCell.has(encodeGeohash(destination(DUCHANG, 9000, 0), COVERAGE_CELL_PRECISION))).toBe(false);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['cell', 'day', 'districtCell', 'districtCode', 'expiresAtEpoch', 'provinceDay', 'searches']);
    }
  });
});

describe('GET /coverage', () => {
  it('lists the searched cells without an open station within 1.2 km, most searched first', async () => {
    const staff = (await loginAs(stack.url, 'district-staff')).token;
    const res = await request<CoverageReport>(stack.url, 'GET', '/coverage?regionCode=360428&days=7', { token: staff });
    expect(res.status).toBe(200);
    expect(res.body.cellsWithSearches).toBe(3);
    expect(res.body.searches).toBe(10);
    expect(res.body.gaps.map((g) => [g.cell, g.searches])).toEqual([
      [encodeGeohash(closedOnly, COVERAGE_CELL_PRECISION), 5],
      [encodeGeohash(farOpen, COVERAGE_CELL_PRECISION), 2],
    ]);
    const far = res.body.gaps[1]!;
    expect(far.nearestOpen?.id).toBe('cov-far-open');
    expect(far.nearestOpen!.distanceMeters).toBeGreaterThan(1200);
    expect(res.body.gaps[0]!.nearestOpen).toBeNull();
    expect(res.body.gaps.every((g) => g.districtCode === '360428')).toBe(true);
  });

  it('judges "open" at a stated time, and keeps each region to its own staff', async () => {
    // Another district's staff see only their own searches.
    const other = (await loginAs(stack.url, 'district-staff-other')).token;
    const theirs = await request<CoverageReport>(stack.url, 'GET', '/coverage?regionCode=341102', { token: other });
    expect(theirs.body.gaps.map((g) => g.districtCode)).toEqual(['341102']);
    const at = '2026-11-25T03:00:00+08:00';
    const admin = (await loginAs(stack.url, 'admin')).token;
    const stated = await request<CoverageReport>(stack.url, 'GET', `/coverage?regionCode=36&at=${encodeURIComponent(at)}`, { token: admin });
    expect(stated.status).toBe(200);
    expect(stated.body.at).toBe(at);
  });
});

describe('SearchCounter buffering', () => {
  it('writes counts in small chunks, loses none, and waits for the interval once caught up', async () => {
    const { SearchCounter } = await import('../../functions/src/activity/search-counts');
    const counter = new SearchCounter(stack.platform.db, 60_000);
    const t0 = new Date('2026-11-20T10:00:00+08:00');
    const base: LatLng = { lat: 23.1, lng: 113.3 }; // 广州: cells no other test counts in
    const points = Array.from({ length: 40 }, (_, i) => destination(base, 1500 * i, 90));
    const total = async () => {
      const out = await stack.platform.db.doc.send(new ScanCommand({ TableName: stack.platform.db.table('searchCounts') }));
      return (out.Items ?? []).filter((i) => i.day === '2026-11-20').reduce((sum, i) => sum + Number(i.searches), 0);
    };
    for (const p of points) await counter.count(p, null, t0);
    // The first search wrote at once; the other 39 wait in memory for the interval.
    expect(await total()).toBe(1);
    // When the interval is up, each search writes a small chunk of the backlog, never all of it.
    const later = new Date(t0.getTime() + 61_000);
    await counter.count(points[0]!, null, later);
    const first = await total();
    expect(first).toBeGreaterThan(1);
    expect(first).toBeLessThanOrEqual(1 + 16);
    await counter.count(points[1]!, null, later);
    expect(await total()).toBeGreaterThan(first);
    // Nothing is lost.
    await counter.flush(later, Infinity);
    expect(await total()).toBe(42);
  });
});
