import { fireEvent, waitFor } from '@testing-library/dom';
import type { NearbyResponse } from '@yz/shared';
import { api } from '../../miniprogram/src/services/api';
import { saveSession } from '../../miniprogram/src/services/session';
import { startStackProcess, type StackProcess } from '../helpers/stack-process';
import { makeStation } from '../helpers/stations';
import { currentPage, openPage, setApiBaseUrl } from './h5-app';

/**
 * Staff managing their district's stations (pkg-staff): the list by status, a new station created
 * through the form (on the map at once), then deactivated with a reason (off the map, still listed).
 */

let stack: StackProcess;

beforeAll(async () => {
  stack = await startStackProcess({
    stations: [
      makeStation({ id: 'st-list-1', name: '东湖社区驿站', location: { lat: 29.27, lng: 116.2 } }),
      makeStation({ id: 'st-list-2', name: '待定位的驿站', location: null, status: 'needs_location' }),
    ],
  });
  setApiBaseUrl(stack.url);
  saveSession(await api.loginDev({ body: { persona: 'district-staff' } }));
});

afterAll(async () => {
  await stack?.stop();
});

const $ = (selector: string) => currentPage().querySelector(selector);
const names = () => [...currentPage().querySelectorAll('[id^="managed-"] .staff__entry-title')].map((e) => e.textContent?.trim());

function type(selector: string, text: string) {
  const input = $(`${selector} input`) as HTMLInputElement;
  input.value = text;
  fireEvent.input(input, { target: { value: text } });
}

test('lists the district\'s stations and filters them by status', async () => {
  await openPage('/pkg-staff/stations/index?region=360428');
  // By name, in the index's order.
  await waitFor(() => expect(names()).toEqual(['东湖社区驿站', '待定位的驿站']));
  expect($('#region-picker')?.textContent).toContain('都昌县');
  fireEvent.click($('#filter-needs_location')!);
  await waitFor(() => expect(names()).toEqual(['待定位的驿站']));
});

test('creates a station through the form, then deactivates it with a reason', async () => {
  await openPage('/pkg-staff/station-form/index?region=360428');
  await waitFor(() => expect($('#form-lng input')).not.toBeNull());
  type('#form-name', '芙蓉社区爱心驿站');
  type('#form-address', '都昌镇芙蓉路133号');
  type('#form-lat', '29.276595');
  type('#form-lng', '116.208889');
  expect($('#form-district')?.textContent?.trim()).toBe('都昌县');
  fireEvent.click($('#form-save')!);

  // Saved, the page becomes the station's own page, with its hosts and status sections.
  await waitFor(() => expect($('#status-section')).not.toBeNull(), { timeout: 10_000 });
  const id = window.location.hash.match(/id=([^&]+)/)![1]!;
  const created = await api.getStation({ params: { id } });
  expect(created).toMatchObject({ name: '芙蓉社区爱心驿站', status: 'active', location: { lat: 29.276595, lng: 116.208889 } });
  const near = async () => (await api.nearbyStations({ query: { lat: 29.2766, lng: 116.2089, radius: 500 } })) as NearbyResponse;
  expect((await near()).items.map((s) => s.id)).toContain(id);
  expect($('#hosts-section')?.textContent).toContain('还没有绑定负责人');

  await waitFor(() => expect($('#deactivate-reason input')).not.toBeNull());
  type('#deactivate-reason', '场地收回');
  fireEvent.click($('#deactivate')!);
  await waitFor(async () => expect((await api.getStation({ params: { id } })).status).toBe('inactive'));
  expect((await near()).items.map((s) => s.id)).not.toContain(id);
  await waitFor(() => expect($('#activate')).not.toBeNull());
});

test('a location outside China is refused at the field', async () => {
  await openPage('/pkg-staff/station-form/index?region=360428');
  await waitFor(() => expect($('#form-lng input')).not.toBeNull());
  type('#form-name', '海外驿站');
  type('#form-address', '巴黎');
  type('#form-lat', '48.85');
  type('#form-lng', '2.35');
  fireEvent.click($('#form-save')!);
  await waitFor(() => expect($('#error-location')?.textContent).toContain('不在中国境内'));
});
