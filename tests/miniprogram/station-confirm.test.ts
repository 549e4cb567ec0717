import { fireEvent, waitFor } from '@testing-library/dom';
import type { Station } from '@yz/shared';
import { api } from '../../miniprogram/src/services/api';
import { saveSession } from '../../miniprogram/src/services/session';
import { startStackProcess, type StackProcess } from '../helpers/stack-process';
import { makeStation } from '../helpers/stations';
import { allowLocation } from './device';
import { currentPage, openPage, setApiBaseUrl } from './h5-app';

/**
 * The one-tap questions on a station's page (components/ConfirmQuestions), against the real local API
 * in its own process: far away the answer is refused with the server's words; at the station it is
 * taken, and the page shows the evidence in place of only 开放时间未知.
 */

const AT = { lat: 29.2731, lng: 116.2041 };
const station: Station = makeStation({ id: 'confirm-page-1', name: '滨湖路户外劳动者驿站', location: AT, hours: null });

let stack: StackProcess;
beforeAll(async () => {
  stack = await startStackProcess({ stations: [station] });
  setApiBaseUrl(stack.url);
  saveSession(await api.loginDev({ body: { persona: 'worker' } }));
});
afterAll(async () => {
  await stack?.stop();
});

const $ = (selector: string) => currentPage().querySelector(selector);
const text = (selector: string) => $(selector)?.textContent?.trim();

test('a worker far away is told how far; at the station one tap confirms it open and the page says so', async () => {
  await openPage(`/pkg-station/detail/index?id=${station.id}`);
  await waitFor(() => expect($('#confirm-open-yes')).not.toBeNull());
  expect(text('#confirm-open')).toContain('现在开着吗？');
  // Every amenity is unknown: the first four are asked.
  expect([...currentPage().querySelectorAll('.confirm-questions__row')].map((row) => row.id)).toEqual([
    'confirm-open',
    'confirm-hot_water',
    'confirm-drinking_water',
    'confirm-microwave',
    'confirm-toilet',
  ]);
  expect(text('.badge')).toBe('开放时间未知');
  expect($('#confirm-evidence')).toBeNull();

  // About 1.1 km north.
  allowLocation({ lat: AT.lat + 0.01, lng: AT.lng });
  fireEvent.click($('#confirm-hot_water-yes')!);
  await waitFor(() => expect(text('#confirm-problem')).toBe('你离驿站还有 1.1 公里，到驿站 300 米以内（或扫驿站的二维码）再来确认'));
  expect($('#confirm-hot_water-done')).toBeNull();

  allowLocation({ lat: AT.lat + 0.001, lng: AT.lng });
  fireEvent.click($('#confirm-open-yes')!);
  await waitFor(() => expect(text('#confirm-open-done')).toBe('谢谢！已记录：开着'));
  expect($('#confirm-problem')).toBeNull();
  expect(text('#confirm-evidence')).toMatch(/^今天 \d\d:\d\d 有师傅确认开着（(刚刚|1 分钟前)）$/);
  expect(text('.badge')).toBe('师傅确认开着');

  // The same question again from the same person (a second page load) is thanked, not counted twice.
  await openPage(`/pkg-station/detail/index?id=${station.id}`);
  await waitFor(() => expect($('#confirm-open-no')).not.toBeNull());
  fireEvent.click($('#confirm-open-no')!);
  await waitFor(() => expect(text('#confirm-open-done')).toBe('2 小时内已回答过，谢谢！'));
  const stored = await api.getStation({ params: { id: station.id } });
  expect(stored.confirmations?.open).toMatchObject({ state: 'open', people: 1 });
});
