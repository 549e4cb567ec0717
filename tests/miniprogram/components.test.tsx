import { fireEvent, render, screen } from '@testing-library/react';
import { AMENITIES, NearbyStation, unknownAmenities, type Amenities, type OpeningHours } from '@yz/shared';
import AmenityGrid from '../../miniprogram/src/components/AmenityGrid';
import StateView from '../../miniprogram/src/components/StateView';
import StationRow from '../../miniprogram/src/components/StationRow';
import { makeStation } from '../helpers/stations';

/**
 * The shared components rendered on their own with Taro's H5 components (the build's
 * @tarojs/components for the browser), in jsdom.
 */

const weekdays = [{ open: '08:30', close: '17:30' }];
const officeHours: OpeningHours = {
  weekly: { mon: weekdays, tue: weekdays, wed: weekdays, thu: weekdays, fri: weekdays, sat: [], sun: [] },
  exceptions: [],
};

function nearby(overrides: Partial<NearbyStation> = {}): NearbyStation {
  return NearbyStation.parse({ ...makeStation({ id: 'row-1', name: '滨江路环卫驿站', address: '都昌县滨江路 8 号' }), distanceMeters: 1234, ...overrides });
}

// 2026-11-25 is a Wednesday; times are Shanghai wall-clock.
const WED_10_00 = new Date('2026-11-25T10:00:00+08:00');
const WED_17_10 = new Date('2026-11-25T17:10:00+08:00');
const WED_20_00 = new Date('2026-11-25T20:00:00+08:00');
const SAT_10_00 = new Date('2026-11-28T10:00:00+08:00');

const byClass = (container: HTMLElement, name: string) => container.querySelector(`.${name}`);
const textOf = (element: Element | null) => element?.textContent?.trim();

describe('StationRow', () => {
  const amenities: Amenities = {
    ...unknownAmenities(),
    hot_water: 'yes',
    toilet: 'yes',
    ebike_charging: 'yes',
    microwave: 'no',
    phone_charging: 'unknown',
    wifi: 'yes', // not one of the headline amenities a row shows
  };

  test('shows the name, formatted distance, walking and e-bike minutes, and today\'s hours', () => {
    const { container } = render(<StationRow station={nearby({ hours: officeHours, amenities })} now={WED_10_00} onOpen={() => undefined} />);

    expect(textOf(byClass(container, 'station-row__name'))).toBe('滨江路环卫驿站');
    expect(textOf(byClass(container, 'station-row__distance'))).toBe('1.2 公里');
    // 1,234 m straight is ~1,604 m by street: 21 minutes at 75 m/min, 6 at 250 m/min.
    expect(textOf(byClass(container, 'station-row__travel'))).toBe('步行约 21 分钟 · 电动车约 6 分钟');
    expect(textOf(byClass(container, 'station-row__hours'))).toBe('今日 08:30–17:30');
    expect(textOf(byClass(container, 'station-row__address'))).toBe('都昌县滨江路 8 号');
  });

  test.each([
    ['open', WED_10_00, 'badge open', '开放中 · 17:30 关门', '今日 08:30–17:30'],
    ['closing soon', WED_17_10, 'badge closing_soon', '即将关门 · 17:30', '今日 08:30–17:30'],
    ['closed for the night', WED_20_00, 'badge closed', '已关门 · 明天 08:30 开门', '今日 08:30–17:30'],
    ['closed for the weekend', SAT_10_00, 'badge closed', '已关门 · 后天 08:30 开门', '今日休息'],
  ])('the badge says %s for the given now', (_case, now, className, label, today) => {
    const { container } = render(<StationRow station={nearby({ hours: officeHours })} now={now} onOpen={() => undefined} />);

    const badge = byClass(container, 'badge');
    expect(badge?.className).toBe(className);
    expect(textOf(badge)).toBe(label);
    expect(textOf(byClass(container, 'station-row__hours'))).toBe(today);
  });

  test('without known hours the badge says so, and a written note is shown as it was written', () => {
    const { container } = render(<StationRow station={nearby({ hours: null, hoursNote: '工作日白天开放' })} now={WED_10_00} onOpen={() => undefined} />);

    expect(byClass(container, 'badge')?.className).toBe('badge unknown');
    expect(textOf(byClass(container, 'badge'))).toBe('开放时间未知');
    expect(textOf(byClass(container, 'station-row__hours'))).toBe('开放时间：工作日白天开放');
  });

  test('shows only the headline amenities that are "yes"', () => {
    const { container } = render(<StationRow station={nearby({ amenities })} now={WED_10_00} onOpen={() => undefined} />);

    expect([...container.querySelectorAll('.chip')].map((chip) => textOf(chip))).toEqual(['热水', '卫生间', '电动车充电']);
  });

  test('no amenity row at all when none is known to be there', () => {
    const { container } = render(<StationRow station={nearby({ amenities: unknownAmenities() })} now={WED_10_00} onOpen={() => undefined} />);

    expect(byClass(container, 'station-row__amenities')).toBeNull();
  });

  test('a click opens the station by its id', () => {
    const onOpen = jest.fn();
    const { container } = render(<StationRow station={nearby({ id: 'row-42' })} now={WED_10_00} onOpen={onOpen} />);

    fireEvent.click(byClass(container, 'station-row__name')!);

    expect(onOpen).toHaveBeenCalledTimes(1);
    expect(onOpen).toHaveBeenCalledWith('row-42');
    expect(container.querySelector('#station-row-42')).not.toBeNull();
  });
});

describe('StationRow of a temporarily closed station', () => {
  it('shows the reason and the expected reopening; without an end date, that it is not known', () => {
    const closure = { reason: '装修', since: '2026-11-20T08:00:00+08:00', until: '2026-12-10T09:00:00+08:00' };
    const { container } = render(<StationRow station={nearby({ hours: officeHours, closure })} now={WED_10_00} onOpen={() => undefined} />);
    expect(textOf(byClass(container, 'station-row__closure'))).toBe('暂停开放：装修 · 预计 12月10日 09:00 恢复');
    const open = render(<StationRow station={nearby({ id: 'row-2', hours: officeHours, closure: { ...closure, until: null } })} now={WED_10_00} onOpen={() => undefined} />);
    expect(textOf(byClass(open.container, 'station-row__closure'))).toBe('暂停开放：装修 · 恢复时间待定');
  });

  it('shows no closure line when the closure has ended', () => {
    const closure = { reason: '装修', since: '2026-11-01T08:00:00+08:00', until: '2026-11-20T09:00:00+08:00' };
    const { container } = render(<StationRow station={nearby({ hours: officeHours, closure })} now={WED_10_00} onOpen={() => undefined} />);
    expect(byClass(container, 'station-row__closure')).toBeNull();
  });
});

describe('AmenityGrid', () => {
  const amenities: Amenities = { ...unknownAmenities(), hot_water: 'yes', toilet: 'yes', microwave: 'no', umbrella: 'no' };

  const item = (container: HTMLElement, amenity: string) => container.querySelector(`#amenity-${amenity}`);

  test('shows every amenity, each as yes, no or unknown in class, mark and word', () => {
    const { container } = render(<AmenityGrid station={{ amenities }} />);

    expect(container.querySelectorAll('.amenity-grid__item')).toHaveLength(AMENITIES.length);
    const yes = item(container, 'hot_water')!;
    expect(yes.className).toBe('amenity-grid__item amenity-grid__item--yes');
    expect([textOf(byClass(yes as HTMLElement, 'amenity-grid__mark')), textOf(byClass(yes as HTMLElement, 'amenity-grid__label')), textOf(byClass(yes as HTMLElement, 'amenity-grid__word'))]).toEqual(['✓', '热水', '有']);
    const no = item(container, 'microwave')!;
    expect(no.className).toBe('amenity-grid__item amenity-grid__item--no');
    expect([textOf(byClass(no as HTMLElement, 'amenity-grid__mark')), textOf(byClass(no as HTMLElement, 'amenity-grid__word'))]).toEqual(['✕', '无']);
    const unknown = item(container, 'wifi')!;
    expect(unknown.className).toBe('amenity-grid__item amenity-grid__item--unknown');
    expect([textOf(byClass(unknown as HTMLElement, 'amenity-grid__mark')), textOf(byClass(unknown as HTMLElement, 'amenity-grid__word'))]).toEqual(['?', '待确认']);
  });

  test('an unknown amenity is never shown as missing', () => {
    const { container } = render(<AmenityGrid station={{ amenities: unknownAmenities() }} />);

    expect(container.querySelectorAll('.amenity-grid__item--unknown')).toHaveLength(AMENITIES.length);
    expect(container.querySelectorAll('.amenity-grid__item--no')).toHaveLength(0);
    expect(screen.queryByText('无')).toBeNull();
    expect(screen.queryByText('✕')).toBeNull();
  });

  test('lists what is there first, then what is unknown, then what is not there', () => {
    const { container } = render(<AmenityGrid station={{ amenities }} />);

    const states = [...container.querySelectorAll('.amenity-grid__item')].map((el) => /--(yes|no|unknown)$/.exec(el.className)?.[1]);
    expect(states).toEqual([...Array(2).fill('yes'), ...Array(AMENITIES.length - 4).fill('unknown'), ...Array(2).fill('no')]);
  });
});

describe('StateView', () => {
  test('loading: a spinner and the title, no button', () => {
    const { container } = render(<StateView kind='loading' title='正在查找附近的驿站…' />);

    expect(container.querySelector('#state-loading')?.className).toBe('state-view state-view--loading');
    expect(byClass(container, 'state-view__spinner')).not.toBeNull();
    expect(textOf(byClass(container, 'state-view__title'))).toBe('正在查找附近的驿站…');
    expect(container.querySelector('.state-view__action')).toBeNull();
  });

  test('empty: its icon, title and detail, and a button that runs the action', () => {
    const onAction = jest.fn();
    const { container } = render(<StateView kind='empty' title='3 公里内还没有驿站' detail='可以扩大范围看看' actionText='扩大到 10 公里' onAction={onAction} />);

    expect(container.querySelector('#state-empty')?.className).toBe('state-view state-view--empty');
    // The app's own drawn icon, not an emoji a phone without an emoji font shows as a box.
    expect(byClass(container, 'yz-icon--empty')).not.toBeNull();
    expect(container.textContent).not.toMatch(/[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}]/u);
    expect(textOf(byClass(container, 'state-view__detail'))).toBe('可以扩大范围看看');
    expect(byClass(container, 'state-view__spinner')).toBeNull();

    fireEvent.click(container.querySelector('#state-empty-action')!);

    expect(onAction).toHaveBeenCalledTimes(1);
    expect(textOf(container.querySelector('#state-empty-action'))).toBe('扩大到 10 公里');
  });

  test('error: a warning with the message, and retry runs the action', () => {
    const onAction = jest.fn();
    const { container } = render(<StateView kind='error' title='没能加载驿站' detail='网络不太好' actionText='重试' onAction={onAction} id='nearby-error' />);

    expect(container.querySelector('#nearby-error')?.className).toBe('state-view state-view--error');
    expect(byClass(container, 'yz-icon--warning')).not.toBeNull();
    expect(container.textContent).not.toMatch(/[\u{1F000}-\u{1FAFF}\u{2600}-\u{27BF}]/u);
    expect(textOf(byClass(container, 'state-view__detail'))).toBe('网络不太好');

    fireEvent.click(screen.getByText('重试'));

    expect(onAction).toHaveBeenCalledTimes(1);
  });

  test('no button without an action to run', () => {
    const { container } = render(<StateView kind='empty' title='可以切换城市看看' actionText='扩大到 10 公里' />);

    expect(container.querySelector('.state-view__action')).toBeNull();
  });
});
