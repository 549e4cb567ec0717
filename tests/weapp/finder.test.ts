import { alwaysOpenHours, unknownAmenities, type LatLng } from '@yz/shared';
import { destination } from '../helpers/geo';
import { putStations, startTestStack, type TestStack } from '../helpers/stack';
import { stationAt } from '../helpers/stations';
import { assertBuiltForLocalApi, installWechat, loadApp, loadPage, renderPage, waitUntil, type RenderedPage, type Wechat } from './weapp';

/**
 * The built weapp's filters in miniprogram-simulate: taps on 现在开放 and an amenity chip refetch the
 * list over HTTP with the filters, and 清除筛选 brings every station back.
 */

const HERE: LatLng = { lat: 32.3043, lng: 118.3165 }; // 滁州, GCJ-02

let stack: TestStack;
let wechat: Wechat;
let stationsPage: string;
const shown: RenderedPage[] = [];

beforeAll(async () => {
  assertBuiltForLocalApi();
  stack = await startTestStack({ tiles: true });
  const hotWater = { ...unknownAmenities(), hot_water: 'yes' as const };
  await putStations(stack, [
    stationAt(destination(HERE, 200, 0), { id: 'f-open-hot', name: '开放有热水驿站', hours: alwaysOpenHours(), amenities: hotWater }),
    stationAt(destination(HERE, 500, 90), { id: 'f-unknown-hot', name: '时间未知有热水驿站', hours: null, amenities: hotWater }),
    stationAt(destination(HERE, 900, 180), { id: 'f-open-dry', name: '开放无热水驿站', hours: alwaysOpenHours() }),
  ]);
  await stack.tiles!.settle();
  wechat = installWechat({ apiBaseUrl: stack.url, location: HERE });
  loadApp('pages/stations/index');
  stationsPage = loadPage('pages/stations/index');
  // Building the tiles of the stations written above takes a few seconds on a busy machine.
}, 60_000);

afterAll(async () => {
  for (const page of shown) page.detach();
  await wechat?.settleRequests();
  await stack?.stop();
});

const names = (page: RenderedPage) => page.querySelectorAll('.station-row__name').map((n) => n.dom?.textContent?.trim());
const same = (a: unknown[], b: unknown[]) => JSON.stringify(a) === JSON.stringify(b);

test('the filter chips filter the list on the phone (tiles), and clearing them brings every station back', async () => {
  const page = await renderPage(stationsPage, 'pages/stations/index');
  shown.push(page);
  const all = ['开放有热水驿站', '时间未知有热水驿站', '开放无热水驿站'];
  await waitUntil(() => same(names(page), all), 'all three stations', 20_000);

  page.querySelector('#filter-open-now')!.dispatchEvent('tap');
  await waitUntil(() => same(names(page), ['开放有热水驿站', '开放无热水驿站']), 'the open stations only');

  page.querySelector('#filter-amenity-hot_water')!.dispatchEvent('tap');
  await waitUntil(() => same(names(page), ['开放有热水驿站']), 'the open station with hot water');
  // Filters run on the tiles the phone holds: no search request goes out.
  expect(wechat.requests.filter((r) => r.url.includes('/stations/nearby'))).toEqual([]);
  expect(page.querySelector('#filter-amenity-hot_water')!.dom?.className).toContain('is-on');

  page.querySelector('#filter-clear')!.dispatchEvent('tap');
  await waitUntil(() => same(names(page), all), 'every station again');
}, 30_000);
