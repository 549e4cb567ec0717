import { fireEvent, waitFor, within } from '@testing-library/dom';
import { alwaysOpenHours, unknownAmenities, type Station } from '@yz/shared';
import { startStackProcess, type StackProcess } from '../helpers/stack-process';
import { makeStation } from '../helpers/stations';
import { denyLocation } from './device';
import { currentPage, openPage, setApiBaseUrl } from './h5-app';

/**
 * A station's page (pkg-station/detail/index.tsx) opened by link, as a QR code on the station's door
 * opens it: the id comes from the URL, the station from the real local API in its own process.
 */

const weekdays = [{ open: '08:30', close: '12:00' }, { open: '13:30', close: '18:00' }];
const weekend = [{ open: '09:00', close: '17:00' }];

const station: Station = makeStation({
  id: 'door-qr-1',
  name: '九江路户外劳动者驿站',
  address: '江西省九江市都昌县九江路 18 号',
  hours: { weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: weekend, sun: weekend }, exceptions: [] },
  amenities: { ...unknownAmenities(), hot_water: 'yes', toilet: 'yes', microwave: 'no' },
  phones: ['0792-1234567'],
});

// Round the clock, with a notice: the badge and the week must not repeat "24 小时开放".
const allDay: Station = makeStation({
  id: 'door-qr-24h',
  name: '东湖环卫工人爱心驿站',
  location: { lat: 29.2731, lng: 116.2041 },
  hours: alwaysOpenHours(),
  notice: '本周六上午停水检修',
});

const closed: Station = makeStation({
  id: 'door-qr-closed',
  name: '芙蓉路爱心驿站',
  hours: alwaysOpenHours(),
  phones: ['0792-5222999'],
  closure: { reason: '水管维修', since: '2026-11-24T08:00:00+08:00', until: '2026-11-26T08:00:00+08:00' },
});

/** Characters drawn only by an emoji font: where none is installed they render as empty boxes. */
const EMOJI = /[\u{1F000}-\u{1FAFF}\u{2600}-\u{26FF}\u{2700}-\u{27BF}\u{FE0F}]/u;

let stack: StackProcess;

beforeAll(async () => {
  stack = await startStackProcess({ stations: [station, allDay, closed] });
  setApiBaseUrl(stack.url);
  // The phone's clock reads Wednesday 25 November 2026, 10:00 in Shanghai, and runs on from there.
  // Only Date is replaced: timers, and the page's HTTP, run in real time.
  jest.useFakeTimers({
    now: new Date('2026-11-25T10:00:00+08:00'),
    advanceTimers: true,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
});

afterAll(async () => {
  jest.useRealTimers();
  await stack?.stop();
});

const $ = (selector: string) => currentPage().querySelector(selector);

test('a station opened by its id shows its name, address, today\'s hours and amenities', async () => {
  await openPage(`/pkg-station/detail/index?id=${station.id}`);

  await waitFor(() => expect($('#station-name')?.textContent?.trim()).toBe('九江路户外劳动者驿站'));
  expect($('#station-address')?.textContent?.trim()).toBe('江西省九江市都昌县九江路 18 号');
  expect($('#today-hours')?.textContent?.trim()).toBe('今日 08:30–12:00、13:30–18:00');
  expect(currentPage().querySelectorAll('.station-page__day')).toHaveLength(7);
  expect([...currentPage().querySelectorAll('.station-page__day.is-today')].map((day) => day.textContent)).toEqual(['周三08:30–12:00、13:30–18:00']);
  expect($('.badge')?.className).toBe('badge open');
  expect($('.badge')?.textContent?.trim()).toBe('开放中 · 12:00 关门');
  expect($('#amenity-hot_water')?.className).toContain('amenity-grid__item--yes');
  expect($('#amenity-microwave')?.className).toContain('amenity-grid__item--no');
  expect($('#amenity-wifi')?.className).toContain('amenity-grid__item--unknown');
  expect($('#call')).not.toBeNull();
  expect($('#navigate')).not.toBeNull();
});

test('an unknown id shows "没有找到这个驿站", whose button leads to the nearby list', async () => {
  await openPage('/pkg-station/detail/index?id=no-such-station');

  await waitFor(() => expect(within(currentPage()).getByText('没有找到这个驿站')).toBeTruthy());
  expect($('#state-empty')).not.toBeNull();
  expect($('#station-name')).toBeNull();

  denyLocation();
  fireEvent.click($('#state-empty-action')!);

  await waitFor(() => expect($('#city-picker')).not.toBeNull());
  expect(window.location.hash).toMatch(/^#\/pages\/stations\/index/);
});

test('导航过去 in the browser opens Amap\'s walking directions to the station\'s GCJ-02 point, with its name', async () => {
  await openPage(`/pkg-station/detail/index?id=${station.id}`);
  await waitFor(() => expect($('#station-name')?.textContent?.trim()).toBe('九江路户外劳动者驿站'));
  // The browser's window.open is the one device API replaced: it reports the URL a phone would open.
  const open = jest.spyOn(window, 'open').mockReturnValue({ opener: window } as unknown as Window);
  try {
    fireEvent.click($('#navigate')!);
    expect(open).toHaveBeenCalledTimes(1);
    const url = new URL(String(open.mock.calls[0]![0]));
    expect(`${url.origin}${url.pathname}`).toBe('https://uri.amap.com/navigation');
    const { lat, lng } = station.location!;
    expect(url.searchParams.get('to')).toBe(`${lng},${lat},九江路户外劳动者驿站`);
    expect(url.searchParams.get('mode')).toBe('walk');
    expect(url.searchParams.get('coordinate')).toBe('gaode');
    expect(url.searchParams.get('callnative')).toBe('1');
  } finally {
    open.mockRestore();
  }
  expect($('#call')?.textContent?.trim()).toBe('打电话');
});

test('a station open round the clock says "24 小时开放" once, lists the week as one row, and shows no emoji', async () => {
  await openPage(`/pkg-station/detail/index?id=${allDay.id}`);
  await waitFor(() => expect($('#station-name')?.textContent?.trim()).toBe('东湖环卫工人爱心驿站'));
  const text = currentPage().textContent ?? '';
  expect(text.split('24 小时开放')).toHaveLength(2);
  expect([...currentPage().querySelectorAll('.station-page__day')].map((row) => row.textContent)).toEqual(['每天24 小时']);
  expect($('#station-notice')?.textContent).toContain('本周六上午停水检修');
  expect($('#station-notice .yz-icon--notice')).not.toBeNull();
  expect(text).not.toMatch(EMOJI);
  // A station without a phone has no 打电话 button, and offers the district union and 12351, labelled.
  expect($('#call')).toBeNull();
  expect($('#union-phone')?.textContent?.trim()).toBe('都昌县总工会（不是驿站电话）：0792-5222000');
  expect($('#union-hotline')?.textContent?.trim()).toBe('全国总工会职工服务热线：12351');
});

test('a temporarily closed station says why and when it should reopen', async () => {
  await openPage(`/pkg-station/detail/index?id=${closed.id}`);
  await waitFor(() => expect($('#station-name')?.textContent?.trim()).toBe('芙蓉路爱心驿站'));
  expect($('#station-closure')?.textContent?.trim()).toBe('暂停开放：水管维修 · 预计 明天 08:00 恢复');
  // Its own phone is listed, so no other number is offered.
  expect($('#fallback-phones')).toBeNull();
});

test('a guest is asked to sign in before typing a report, and comes back to the station\'s form', async () => {
  window.localStorage.clear();
  await openPage(`/pkg-station/detail/index?id=${station.id}`);
  await waitFor(() => expect($('#station-name')?.textContent?.trim()).toBe('九江路户外劳动者驿站'));
  fireEvent.click($('#report-open')!);
  await waitFor(() => expect($('#report-login')).not.toBeNull());
  expect($('#report-text')).toBeNull();

  fireEvent.click($('#report-login')!);
  await waitFor(() => expect($('#persona-worker')).not.toBeNull());
  fireEvent.click($('#persona-worker')!);

  // Back on the same station, the form open and ready to type.
  await waitFor(() => expect($('#report-text') === null).toBe(false));
  expect($('#station-name')?.textContent?.trim()).toBe('九江路户外劳动者驿站');
  expect(window.location.hash).toMatch(/^#\/pkg-station\/detail\/index\?id=door-qr-1/);
  window.localStorage.clear();
});
