import { fireEvent, waitFor } from '@testing-library/dom';
import type { ReportPage, StationVisits } from '@yz/shared';
import { saveSession } from '../../miniprogram/src/services/session';
import { loginAs, request } from '../helpers/api';
import { startStackProcess, type StackProcess } from '../helpers/stack-process';
import { makeStation } from '../helpers/stations';
import { currentPage, openPage, setApiBaseUrl } from './h5-app';

/**
 * The station page's actions in Taro's H5 runtime against the real local API: opened from the
 * station's code (scene) by a signed-in worker it counts the visit, and "报告问题" sends a report that
 * the station's hosts and staff then list.
 */

const station = makeStation({ id: 'act-qr-1', name: '东湖广场驿站', district: { code: '360428', name: '都昌县' } });

let stack: StackProcess;
beforeAll(async () => {
  stack = await startStackProcess({ stations: [station] });
  setApiBaseUrl(stack.url);
  saveSession(await loginAs(stack.url, 'worker'));
});
afterAll(async () => {
  await stack?.stop();
});

const $ = (selector: string) => currentPage().querySelector(selector);

test('opened from its code, the page counts the visit once, and the worker reports a problem', async () => {
  await openPage(`/pages/station/index?scene=${encodeURIComponent(station.id)}`);
  await waitFor(() => expect($('#station-name')?.textContent?.trim()).toBe('东湖广场驿站'));
  await waitFor(() => expect($('#visit-note')?.textContent).toContain('本次到访已记录'));

  // Scanning again within the window opens the station and says it was already counted.
  await openPage(`/pages/station/index?scene=${encodeURIComponent(station.id)}`);
  await waitFor(() => expect($('#visit-note')?.textContent).toContain('4 小时内的到访只记一次'));
  const staff = await loginAs(stack.url, 'district-staff');
  const visits = await request<StationVisits>(stack.url, 'GET', `/stations/${station.id}/visits?days=1`, { token: staff.token });
  expect(visits.body.total).toBe(1);

  fireEvent.click($('#report-open')!);
  await waitFor(() => expect($('#report-problem')).not.toBeNull());
  expect($('#report-send')?.textContent).toContain('请选择遇到的问题');
  fireEvent.click($('#report-kind-wrong_hours')!);
  $('#report-text')!.dispatchEvent(new CustomEvent('input', { detail: { value: '周日下午没开门' }, bubbles: true }));
  await waitFor(() => expect($('#report-send')?.textContent?.trim()).toBe('提交'));
  fireEvent.click($('#report-send')!);
  // Compared as a boolean: a failing matcher on a Taro element pretty-prints its whole React fiber,
  // which on every poll starves the event loop so the request it waits for never completes.
  await waitFor(() => expect($('#report-problem') === null).toBe(true));

  const reports = await request<ReportPage>(stack.url, 'GET', '/reports?regionCode=360428', { token: staff.token });
  expect(reports.body.items.map((r) => [r.stationId, r.kind, r.text])).toEqual([[station.id, 'wrong_hours', '周日下午没开门']]);
});
