import { fireEvent, waitFor } from '@testing-library/dom';
import Taro from '@tarojs/taro';
import type { Session, Station } from '@yz/shared';
import { api } from '../../miniprogram/src/services/api';
import { saveSession } from '../../miniprogram/src/services/session';
import { startStackProcess, type StackProcess } from '../helpers/stack-process';
import { makeStation } from '../helpers/stations';
import { currentPage, openPage, setApiBaseUrl } from './h5-app';

/**
 * The host's station editor (pkg-host/editor) when someone else saved first: the save is refused
 * with 409, the page says what the other person changed and offers to re-apply the host's change on
 * top of it; re-applying keeps both edits, declining shows the station as it now is.
 */

const STATION = 'amap-B0J3R71OZC'; // the demo host's station
let stack: StackProcess;

beforeAll(async () => {
  stack = await startStackProcess({ stations: [makeStation({ id: STATION, name: '都昌县智能化工会户外劳动者驿站', phones: [], notice: null })] });
  setApiBaseUrl(stack.url);
  saveSession(await api.loginDev({ body: { persona: 'host' } }));
});

afterAll(async () => {
  await stack?.stop();
});

const $ = (selector: string) => currentPage().querySelector(selector);

/** Someone else (district staff) saves a change through the API, as from another phone. */
async function otherPersonSaves(path: string, body: object): Promise<Station> {
  const login = await Taro.request<Session>({ url: `${stack.url}/auth/dev`, method: 'POST', data: JSON.stringify({ persona: 'district-staff' }), header: { 'content-type': 'application/json' } });
  const res = await Taro.request<Station>({
    url: `${stack.url}${path}`,
    method: 'PUT',
    data: JSON.stringify(body),
    header: { 'content-type': 'application/json', authorization: `Bearer ${login.data.token}` },
  });
  expect(res.statusCode).toBe(200);
  return res.data;
}

const fetchStation = () => api.getStation({ params: { id: STATION } });

function typeNotice(text: string) {
  const textarea = $('#notice-input textarea') as HTMLTextAreaElement;
  textarea.value = text;
  fireEvent.input(textarea, { target: { value: text } });
}

async function modal(): Promise<HTMLElement> {
  let found: HTMLElement | null = null;
  await waitFor(() => {
    found = [...document.querySelectorAll<HTMLElement>('.taro__modal')].find((m) => m.style.display !== 'none') ?? null;
    expect(found).not.toBeNull();
  });
  return found!;
}

test('a stale save is refused; the page shows what changed and re-applies the host\'s notice on top', async () => {
  await openPage(`/pkg-host/editor/index?id=${STATION}`);
  await waitFor(() => expect($('#editor-name')?.textContent?.trim()).toBe('都昌县智能化工会户外劳动者驿站'));
  expect($('#last-verified')?.textContent).toContain('第 1 版');

  // While the host types, someone else saves the phones.
  await otherPersonSaves(`/stations/${STATION}/phones`, { expectedVersion: 1, phones: ['0792-5222123'] });
  typeNotice('今天供应姜茶');
  fireEvent.click($('#save-notice')!);

  const dialog = await modal();
  expect(dialog.querySelector('.taro-modal__title')?.textContent).toBe('信息刚被其他人修改');
  expect(dialog.querySelector('.taro-modal__text')?.textContent).toContain('其他人刚刚修改了：电话');
  expect(dialog.querySelector('.taro-modal__text')?.textContent).toContain('您的修改不会影响对方的修改');
  fireEvent.click(dialog.querySelector('.taro-model__confirm')!);

  await waitFor(async () => expect((await fetchStation()).version).toBe(3));
  const saved = await fetchStation();
  expect(saved.notice).toBe('今天供应姜茶');
  expect(saved.phones).toEqual(['0792-5222123']);
  await waitFor(() => expect($('#last-verified')?.textContent).toContain('第 3 版'));
});

test('declining keeps the other person\'s change and drops the host\'s', async () => {
  await openPage(`/pkg-host/editor/index?id=${STATION}`);
  await waitFor(() => expect($('#last-verified')?.textContent).toContain('第 3 版'));
  await otherPersonSaves(`/stations/${STATION}/notice`, { expectedVersion: 3, notice: '周末暂停开放' });
  typeNotice('今天也供应姜茶');
  fireEvent.click($('#save-notice')!);

  const dialog = await modal();
  // They changed the very thing the host is changing: said so.
  expect(dialog.querySelector('.taro-modal__text')?.textContent).toContain('其他人刚刚修改了：公告');
  expect(dialog.querySelector('.taro-modal__text')?.textContent).toContain('重新保存将以您的为准');
  fireEvent.click(dialog.querySelector('.taro-model__cancel')!);

  await waitFor(() => expect($('#last-verified')?.textContent).toContain('第 4 版'));
  // The form shows the station as it now is (its fields follow a new version once React's effects run).
  await waitFor(() => expect(($('#notice-input textarea') as HTMLTextAreaElement).value).toBe('周末暂停开放'));
  const station = await fetchStation();
  expect(station).toMatchObject({ version: 4, notice: '周末暂停开放' });
});
