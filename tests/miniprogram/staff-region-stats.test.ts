import { waitFor } from '@testing-library/dom';
import { api } from '../../miniprogram/src/services/api';
import { saveSession } from '../../miniprogram/src/services/session';
import { loginAs, request } from '../helpers/api';
import { startStackProcess, type StackProcess } from '../helpers/stack-process';
import { makeStation } from '../helpers/stations';
import { currentPage, openPage, setApiBaseUrl } from './h5-app';

/**
 * The staff pages that load a figure for the chosen region (pkg-staff visits and coverage) in Taro's
 * H5 runtime against the real local API: the district's counted visits, and searches with no open
 * station near them.
 */

const station = makeStation({ id: 'stats-st-1', name: '东湖广场驿站', district: { code: '360428', name: '都昌县' } });

let stack: StackProcess;
beforeAll(async () => {
  stack = await startStackProcess({ stations: [station] });
  setApiBaseUrl(stack.url);
  // Two workers scan the station's code: two visits.
  for (const persona of ['worker', 'member'] as const) {
    const { token } = await loginAs(stack.url, persona);
    expect((await request(stack.url, 'POST', `/stations/${station.id}/visits`, { token })).status).toBe(200);
  }
  saveSession(await api.loginDev({ body: { persona: 'district-staff' } }));
});
afterAll(async () => {
  await stack?.stop();
});

const $ = (selector: string) => currentPage().querySelector(selector);

test('到访统计 shows the district\'s counted visits and the busiest station', async () => {
  await openPage('/pkg-staff/visits/index');
  await waitFor(() => expect($('#visits-region-total')?.textContent?.trim()).toBe('2 人次'));
  expect($('#visits-region')?.textContent).toContain('东湖广场驿站');
});

test('覆盖缺口 loads for the staff member\'s district', async () => {
  await openPage('/pkg-staff/coverage/index');
  await waitFor(() => expect($('#coverage-result')).not.toBeNull());
  expect($('#scope-360428')?.className).toContain('is-on');
});
