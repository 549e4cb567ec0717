import { fireEvent, render } from '@testing-library/react';
import { NearbyStation, alwaysOpenHours, distanceMeters, type LatLng, type OpeningHours } from '@yz/shared';
import StationMap from '../../miniprogram/src/components/StationMap';
import { destination } from '../helpers/geo';
import { makeStation } from '../helpers/stations';

/**
 * The browser's position view (components/StationMap/index.tsx, the H5 build's) on its own in jsdom:
 * pins where bearing and distance put them, coloured by open / closed, the three rings, a count
 * marker for stations too close to tap apart, and a tap handing the station ids up.
 */

const HERE: LatLng = { lat: 29.3012, lng: 116.2398 };
// 2026-11-25 is a Wednesday; 20:00 Shanghai: office hours are over.
const WED_20_00 = new Date('2026-11-25T20:00:00+08:00');
const weekdays = [{ open: '08:30', close: '17:30' }];
const officeHours: OpeningHours = { weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] }, exceptions: [] };

function at(id: string, name: string, meters: number, bearing: number, hours: OpeningHours | null): NearbyStation {
  const location = destination(HERE, meters, bearing);
  return NearbyStation.parse({ ...makeStation({ id, name, location, hours }), distanceMeters: Math.round(distanceMeters(HERE, location)) });
}

const stations = [
  at('north-open', '北街社区驿站', 300, 0, alwaysOpenHours()),
  at('east-closed', '东门工会驿站', 600, 90, officeHours),
  // Two 15 m apart, 1.8 km to the south-west: one marker with a count.
  at('sw-a', '西南甲驿站', 1800, 225, alwaysOpenHours()),
  at('sw-b', '西南乙驿站', 1810, 225.3, null),
];

function renderView(onSelect = jest.fn(), selectedIds: string[] = []) {
  const view = render(<StationMap center={HERE} centerLabel='我的位置' radius={3000} stations={stations} now={WED_20_00} selectedIds={selectedIds} onSelect={onSelect} />);
  const el = (selector: string) => view.container.querySelector<HTMLElement>(selector);
  return { ...view, el, onSelect };
}

// The view's edge stands for 2 km here (1,810 m × 1.08, rounded up to 100 m); pins sit within 90 % of the half-width.
const EDGE = 2000;
const percentOf = (unit: number) => 50 + unit * 50 * 0.9;

test('pins sit at their bearing and distance from the centre, scaled so the farthest fits', () => {
  const { el } = renderView();
  const north = el('#pin-north-open')!;
  expect(parseFloat(north.style.left)).toBeCloseTo(50, 1);
  expect(parseFloat(north.style.top)).toBeCloseTo(percentOf(-300 / EDGE), 1);
  const east = el('#pin-east-closed')!;
  expect(parseFloat(east.style.left)).toBeCloseTo(percentOf(600 / EDGE), 1);
  expect(parseFloat(east.style.top)).toBeCloseTo(50, 1);
  expect(el('#position-scale')!.textContent).toContain('图的边缘约 2.0 公里');
  expect(el('#position-me')!.getAttribute('aria-label')).toBe('我的位置');
});

test('open and closed pins carry the app\'s pin icon in the badge colours, and say so in words', () => {
  const { el } = renderView();
  const north = el('#pin-north-open')!;
  expect(north.className).toContain('position-view__pin--open');
  expect(north.querySelector('.yz-icon--pin')).not.toBeNull();
  expect(north.getAttribute('aria-label')).toBe('北街社区驿站，24 小时开放，北 300 米');
  const east = el('#pin-east-closed')!;
  expect(east.className).toContain('position-view__pin--closed');
  expect(east.getAttribute('aria-label')).toMatch(/^东门工会驿站，已关门.*，东 600 米$/);
  expect(el('#position-legend')!.textContent).toBe('开放中即将关闭已关闭时间未知');
  // No emoji anywhere: icons are the app's own.
  expect(el('#position-view')!.textContent).not.toMatch(/\p{Extended_Pictographic}/u);
});

test('rings at 500 m, 15 minutes\' walk (at 4.5 km/h) and 1 km, sized to the same scale', () => {
  const { el } = renderView();
  expect(parseFloat(el('#ring-500m')!.style.width)).toBeCloseTo((500 / EDGE) * 90, 3);
  expect(parseFloat(el('#ring-1km')!.style.width)).toBeCloseTo((1000 / EDGE) * 90, 3);
  // 15 minutes at 75 m/min along streets 1.3 times the straight line: 865 m.
  expect(parseFloat(el('#ring-walk')!.style.width)).toBeCloseTo(((15 * 75) / 1.3 / EDGE) * 90, 3);
  expect(el('#ring-walk')!.textContent).toBe('步行 15 分钟');
  expect(el('#position-scale')!.textContent).toContain('步行按每小时 4.5 公里、绕行 1.3 倍计');
});

test('stations too close to tap apart become one count marker; tapping hands up its ids, nearest first', () => {
  const { el, onSelect } = renderView();
  expect(el('#pin-sw-a')).toBeNull();
  const cluster = el('#cluster-sw-a')!;
  expect(cluster.textContent).toBe('2');
  expect(cluster.getAttribute('aria-label')).toBe('2 个驿站：西南甲驿站、西南乙驿站');
  fireEvent.click(cluster);
  expect(onSelect).toHaveBeenLastCalledWith(['sw-a', 'sw-b']);
  fireEvent.click(el('#pin-east-closed')!);
  expect(onSelect).toHaveBeenLastCalledWith(['east-closed']);
});

test('a selected pin is marked for sight and for screen readers', () => {
  const { el } = renderView(jest.fn(), ['east-closed']);
  expect(el('#pin-east-closed')!.className).toContain('is-selected');
  expect(el('#pin-east-closed')!.getAttribute('aria-pressed')).toBe('true');
  expect(el('#pin-north-open')!.getAttribute('aria-pressed')).toBe('false');
});
