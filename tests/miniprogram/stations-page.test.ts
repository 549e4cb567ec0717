import { fireEvent, waitFor, within } from '@testing-library/dom';
import { CITIES, NearbyStation, alwaysOpenHours, distanceMeters, weekOf, type LatLng, type Station } from '@yz/shared';
import { resetTileClient } from '../../miniprogram/src/services/tiles';
import { saveNearby } from '../../miniprogram/src/stores/nearby-cache';
import { destination } from '../helpers/geo';
import { stationAt } from '../helpers/stations';
import { allowLocation, denyLocation } from './device';
import { currentPage, openPage, setApiBaseUrl } from './h5-app';
import { freshPhoneAgainstLocalApi } from './local-api';
import { unreachableApi } from './network';

/**
 * 驿站 tab (pages/stations/index.tsx) in Taro's H5 runtime, against the real local API in its own
 * process. Only the device is simulated: the browser's location answer and its storage.
 */

const HERE: LatLng = { lat: 29.3012, lng: 116.2398 }; // GCJ-02, in Duchang county
const CHUZHOU = CITIES.find((c) => c.name === '滁州')!;

const everyDay = (open: string, close: string) => {
  const day = [{ open, close }];
  return { weekly: weekOf(day, day), exceptions: [] };
};

const stations: Station[] = [
  // Written out of order on purpose: the API sorts.
  stationAt(destination(HERE, 2400, 90), { id: 'dc-third', name: '东湖环卫驿站', hours: alwaysOpenHours() }),
  stationAt(destination(HERE, 300, 10), { id: 'dc-first', name: '北街社区驿站', hours: everyDay('07:00', '21:00') }),
  stationAt(destination(HERE, 1100, 200), { id: 'dc-second', name: '南门工会驿站' }),
  stationAt(destination(HERE, 8000, 45), { id: 'dc-too-far', name: '八公里外驿站' }),
  stationAt(destination(CHUZHOU.center, 500, 0), { id: 'cz-near', name: '滁州琅琊驿站', district: { code: '341102', name: '琅琊区' } }),
];

// Each test is a phone that has never run the app: no cached results, no chosen city.
freshPhoneAgainstLocalApi(stations);

// Queries look at the page on top only: pages below it stay in the DOM, hidden.
const $ = (selector: string) => currentPage().querySelector(selector);
const rows = () => [...currentPage().querySelectorAll('.station-row')];
const text = (selector: string) => [...currentPage().querySelectorAll(selector)].map((n) => n.textContent?.trim());

test('with location allowed, the list shows the stations the API found within 3 km, nearest first', async () => {
  const geolocation = allowLocation(HERE);
  await openPage('/pages/stations/index');

  await waitFor(() => expect(rows()).toHaveLength(3));
  expect(geolocation).toHaveBeenCalledTimes(1);
  expect(rows().map((r) => r.id)).toEqual(['station-dc-first', 'station-dc-second', 'station-dc-third']);
  expect(text('.station-row__name')).toEqual(['北街社区驿站', '南门工会驿站', '东湖环卫驿站']);
  expect(text('.station-row__distance')).toEqual(['300 米', '1.1 公里', '2.4 公里']);
  expect(within(currentPage()).getByText('找到 3 个驿站，由近到远')).toBeTruthy();
  expect($('#where')?.textContent).toContain('我的位置附近 · 3 公里内');
  expect(within(currentPage()).queryByText('八公里外驿站')).toBeNull();
  expect($('#stale-banner')).toBeNull();
});

test('tapping a station opens its page with the details fetched for it', async () => {
  allowLocation(HERE);
  await openPage('/pages/stations/index');
  await waitFor(() => expect($('#station-dc-first')).not.toBeNull());

  fireEvent.click($('#station-dc-first')!);

  await waitFor(() => expect($('#station-name')?.textContent?.trim()).toBe('北街社区驿站'));
  expect(window.location.hash).toMatch(/^#\/pkg-station\/detail\/index\?id=dc-first/);
  expect($('#today-hours')?.textContent?.trim()).toBe('今日 07:00–21:00');
});

test('with location denied, the city picker appears, and a chosen city lists its stations', async () => {
  const geolocation = denyLocation();
  await openPage('/pages/stations/index');

  await waitFor(() => expect($('#city-picker')).not.toBeNull());
  expect(geolocation).toHaveBeenCalledTimes(1);
  expect(within(currentPage()).getByText('没有获得定位权限，请选择您所在的城市')).toBeTruthy();
  expect(text('.city-picker__city')).toEqual(CITIES.map((c) => c.name));
  expect(rows()).toHaveLength(0);

  fireEvent.click($(`#city-${CHUZHOU.districtCode}`)!);

  await waitFor(() => expect(text('.station-row__name')).toEqual(['滁州琅琊驿站']));
  expect($('#city-picker')).toBeNull();
  expect($('#where')?.textContent).toContain('滁州附近');
});

test('on a dead network, the last results stay on screen with the stale banner', async () => {
  const api = await unreachableApi();
  // jsdom reports each failed XMLHttpRequest on the console; these failures are the point here.
  const consoleError = console.error;
  const reported = jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).includes('ECONNRESET')) consoleError(...args);
  });
  try {
    setApiBaseUrl(api.url);
    // No tiles held (the earlier tests' are forgotten): only the list saved on an earlier visit, 45
    // minutes ago (through the app's own store), is left to show.
    resetTileClient();
    const savedAt = new Date(Date.now() - 45 * 60_000).toISOString();
    const cached = [stations[1]!, stations[2]!].map((s) => NearbyStation.parse({ ...s, distanceMeters: Math.round(distanceMeters(HERE, s.location!)) }));
    saveNearby({ savedAt, center: HERE, cityName: null, items: cached });
    allowLocation(HERE);

    await openPage('/pages/stations/index');

    await waitFor(() => expect(api.attempts()).toBeGreaterThan(0));
    await waitFor(() => {
      expect(text('.station-row__name')).toEqual(['北街社区驿站', '南门工会驿站']);
      expect($('#stale-banner')?.textContent).toContain('网络不太好，显示的是45 分钟前的结果');
    });
    expect($('#state-error')).toBeNull();
    expect($('#state-loading')).toBeNull();
  } finally {
    reported.mockRestore();
    await api.close();
  }
});

test('位置 shows the same rows around the worker; tapping a pin shows its row, and the row opens the station', async () => {
  allowLocation(HERE);
  await openPage('/pages/stations/index');
  await waitFor(() => expect(rows()).toHaveLength(3));
  expect($('#view-list')?.getAttribute('aria-selected')).toBe('true');
  expect($('#position-view')).toBeNull();

  fireEvent.click($('#view-map')!);

  await waitFor(() => expect($('#position-view')).not.toBeNull());
  // The rows the finder already had, one pin each; no list rows until a pin is tapped.
  expect(['dc-first', 'dc-second', 'dc-third'].map((id) => Boolean($(`#pin-${id}`)))).toEqual([true, true, true]);
  expect(rows()).toHaveLength(0);
  expect(['500m', 'walk', '1km'].map((ring) => Boolean($(`#ring-${ring}`)))).toEqual([true, true, true]);
  expect($('#pin-dc-first')!.getAttribute('aria-label')).toMatch(/^北街社区驿站，.+，北 300 米$/);

  fireEvent.click($('#pin-dc-second')!);
  await waitFor(() => expect(rows().map((r) => r.id)).toEqual(['station-dc-second']));
  expect(within($('#map-selection') as HTMLElement).getByText('南门工会驿站')).toBeTruthy();

  fireEvent.click($('#station-dc-second')!);
  await waitFor(() => expect($('#station-name')?.textContent?.trim()).toBe('南门工会驿站'));
});
