import { alwaysOpenHours, type LatLng } from '@yz/shared';
import { destination } from '../helpers/geo';
import { putStations, startTestStack, type TestStack } from '../helpers/stack';
import { stationAt } from '../helpers/stations';
import { assertBuiltForLocalApi, installWechat, loadApp, loadPage, pageDriver, renderPage, stubWx, waitUntil, type RenderedPage, type Wechat } from './weapp';

/**
 * The built WeChat mini-program (dist/weapp) in miniprogram-simulate: the 驿站 tab fetches the
 * stations near the phone over HTTP from a real local stack, and a tap on one opens its page.
 */

const HERE: LatLng = { lat: 29.3012, lng: 116.2398 }; // GCJ-02, what wx.getLocation answers

// Starting the stack and compiling two pages' WXML: room for a busy machine (the 5 s default is not).
jest.setTimeout(60_000);

let stack: TestStack;
let wechat: Wechat;
let stationsPage: string;
let stationPage: string;
const shown: RenderedPage[] = [];

beforeAll(async () => {
  assertBuiltForLocalApi();
  stack = await startTestStack({ tiles: true });
  await putStations(stack, [
    // Written out of order on purpose: the API sorts.
    stationAt(destination(HERE, 2400, 90), { id: 'dc-third', name: '东湖环卫驿站', hours: alwaysOpenHours() }),
    stationAt(destination(HERE, 300, 10), { id: 'dc-first', name: '北街社区驿站', address: '都昌县北街 1 号' }),
    stationAt(destination(HERE, 1100, 200), { id: 'dc-second', name: '南门工会驿站' }),
    stationAt(destination(HERE, 9000, 45), { id: 'dc-too-far', name: '九公里外驿站' }),
  ]);
  await stack.tiles!.settle();
  wechat = installWechat({ apiBaseUrl: stack.url, location: HERE });
  loadApp('pages/stations/index');
  stationsPage = loadPage('pages/stations/index');
  stationPage = loadPage('pkg-station/detail/index');
  // Building the tiles of the stations written above takes a few seconds on a busy machine.
}, 60_000);

afterAll(async () => {
  for (const page of shown) page.detach(); // onUnload: the pages stop their timers
  await wechat?.settleRequests(); // e.g. the silent WeChat login App starts at launch
  await stack?.stop();
});

async function show(id: string, route: string, query: Record<string, string> = {}): Promise<RenderedPage> {
  const page = await renderPage(id, route, query);
  shown.push(page);
  return page;
}

const texts = (page: RenderedPage, selector: string) => page.querySelectorAll(selector).map((node) => node.dom?.textContent?.trim());

test('the nearby page lists the stations it searched on tiles fetched over HTTP, nearest first, without sending the position', async () => {
  const page = await show(stationsPage, 'pages/stations/index');

  await waitUntil(() => page.querySelectorAll('.station-row').length > 0, 'station rows');
  expect(texts(page, '.station-row__name')).toEqual(['北街社区驿站', '南门工会驿站', '东湖环卫驿站']);
  expect(texts(page, '.station-row__distance')).toEqual(['300 米', '1.1 公里', '2.4 公里']);
  expect(wechat.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }));
  const tiles = wechat.requests.filter((r) => r.url.startsWith('http://127.0.0.1:8787/tiles/'));
  expect(tiles[0]).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:8787/tiles/manifest.json', statusCode: 200 });
  expect(tiles.filter((r) => /\/tiles\/t\/[0-9a-z]{5,7}\.[0-9a-f]{12}\.json$/.test(r.url)).length).toBeGreaterThan(0);
  // The position stays on the phone: no request names it, only the beacon's geohash-6 cell goes out.
  expect(wechat.requests.filter((r) => r.url.includes('/stations/nearby') || r.url.includes(String(HERE.lat)))).toEqual([]);
  await waitUntil(() => wechat.requests.some((r) => r.url === 'http://127.0.0.1:8787/coverage/beacons' && r.statusCode === 204), 'the coverage beacon');
}, 30_000);

test('a tap on a station row asks WeChat to open its page, which shows the station fetched over HTTP', async () => {
  const list = await show(stationsPage, 'pages/stations/index');
  await waitUntil(() => Boolean(list.querySelector('#station-dc-second')), 'the row of 南门工会驿站');

  list.querySelector('#station-dc-second')!.dispatchEvent('tap');

  await waitUntil(() => wechat.navigateTo.mock.calls.length > 0, 'wx.navigateTo');
  expect(wechat.navigateTo).toHaveBeenCalledTimes(1);
  const { url } = wechat.navigateTo.mock.calls[0]![0] as { url: string };
  expect(url).toBe('/pkg-station/detail/index?id=dc-second');

  // simulate has no page stack: open the page WeChat would open, with the query from the URL.
  const [route, search] = url.slice(1).split('?') as [string, string];
  const page = await show(stationPage, route, Object.fromEntries(new URLSearchParams(search)));

  await waitUntil(() => Boolean(page.querySelector('#station-name')), 'the station name');
  expect(page.querySelector('#station-name')!.dom?.textContent?.trim()).toBe('南门工会驿站');
  expect(wechat.requests.some((r) => r.url === 'http://127.0.0.1:8787/stations/dc-second' && r.statusCode === 200)).toBe(true);
}, 30_000);

const { find, tap } = pageDriver('.stations-page');
// Rows nested deep enough continue in Taro's recursive component: look on both sides, take the one that has them.
const rowsOf = (page: RenderedPage) => {
  const top = page.querySelectorAll('.station-row');
  const nested = page.querySelectorAll('.stations-page >>> .station-row');
  return nested.length > top.length ? nested : top;
};

test('位置 shows WeChat\'s map with clustering markers; a tapped marker shows its row under the map', async () => {
  const initMarkerCluster = jest.fn(() => Promise.resolve({ errMsg: 'initMarkerCluster:ok' }));
  const createMapContext = jest.fn(() => ({ initMarkerCluster }));
  stubWx({ createMapContext });
  const page = await show(stationsPage, 'pages/stations/index');
  await waitUntil(() => page.querySelectorAll('.station-row').length === 3, 'station rows');
  expect(find(page, 'station-map')).toBeUndefined();

  await tap(page, 'view-map');
  await waitUntil(() => Boolean(find(page, 'station-map')), 'the map');
  expect(rowsOf(page)).toHaveLength(0);
  // WeChat clusters close markers itself: every marker joins, and clustering is set up once.
  await waitUntil(() => initMarkerCluster.mock.calls.length > 0, 'initMarkerCluster');
  expect((createMapContext.mock.calls[0] as unknown[])[0]).toBe('station-map');
  expect(initMarkerCluster).toHaveBeenCalledWith(expect.objectContaining({ enableDefaultStyle: true, zoomOnClick: true, gridSize: 60 }));
  const tree = JSON.stringify(page.data);
  expect(tree.match(/"joinCluster":true/g)).toHaveLength(3);

  // Markers are numbered in row order: 1 is 南门工会驿站.
  find(page, 'station-map')!.dispatchEvent('markertap', { detail: { markerId: 1 } });
  await waitUntil(() => rowsOf(page).length === 1, 'the tapped station\'s row');
  expect(find(page, 'station-dc-second')).toBeTruthy();
  expect(rowsOf(page)[0]!.dom?.textContent).toContain('南门工会驿站');
});
