import type { Station } from '@yz/shared';
import { loginAs, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';
import { assertBuiltForLocalApi, installWechat, loadApp, loadPage, renderPage, stubWx, waitUntil, wxOk, type RenderedPage, type Wechat, type WxCallbacks } from './weapp';

/**
 * The built WeChat mini-program in miniprogram-simulate: a station host edits their station's weekly
 * hours on the hours page (add an interval, 24 hours on Saturday, copy Monday to other days, an
 * overnight mistake caught at the interval before anything is sent) and saves them to the real API.
 */

const STATION = 'amap-B0J3R71OZC'; // the demo host's station
const HERE = { lat: 29.2712, lng: 116.2015 };

let stack: TestStack;
let wechat: Wechat;
let hoursPage: string;
const shown: RenderedPage[] = [];

beforeAll(async () => {
  assertBuiltForLocalApi();
  stack = await startTestStack();
  await putStations(stack, [makeStation({ id: STATION, name: '都昌县智能化工会户外劳动者驿站', location: HERE, hours: null })]);
  wechat = installWechat({ apiBaseUrl: stack.url, location: HERE });
  // Signed in as the host already (the app keeps its session in storage), so no wx.login is needed.
  wechat.storage.set('yz.session', await loginAs(stack.url, 'host'));
  loadApp('pages/me/index');
  hoursPage = loadPage('pkg-host/hours/index');
}, 60_000);

afterAll(async () => {
  for (const page of shown) page.detach();
  await wechat?.settleRequests();
  await stack?.stop();
}, 30_000);

/** Taro continues deep trees in nested components; `>>>` reaches into them. */
function find(page: RenderedPage, id: string): RenderedPage | undefined {
  return page.querySelector(`#${id}`) ?? page.querySelector(`.host >>> #${id}`);
}
function tap(page: RenderedPage, id: string): void {
  const node = find(page, id);
  if (!node) throw new Error(`#${id} is not on the page`);
  node.dispatchEvent('tap');
}
const text = (page: RenderedPage, id: string) => find(page, id)?.dom?.textContent?.trim() ?? '';

test('a host edits the weekly hours and saves them', async () => {
  const page = await renderPage(hoursPage, 'pkg-host/hours/index', { id: STATION });
  shown.push(page);
  await waitUntil(() => Boolean(find(page, 'day-mon')), 'the week to show');
  // Hours nobody has given start unknown, never closed.
  expect(text(page, 'day-mon-summary')).toBe('未设置（显示为未知）');

  // Monday: office hours, then a second interval after them.
  tap(page, 'add-mon');
  await waitUntil(() => text(page, 'day-mon-summary') === '1 个时段', 'an interval on Monday');
  expect(text(page, 'interval-mon-0-open')).toBe('08:30');
  expect(text(page, 'interval-mon-0-close')).toBe('17:30');
  tap(page, 'add-mon');
  await waitUntil(() => text(page, 'day-mon-summary') === '2 个时段', 'a second interval on Monday');
  expect(text(page, 'interval-mon-1-open')).toBe('18:30');

  // Saturday round the clock.
  tap(page, 'allday-sat');
  await waitUntil(() => text(page, 'interval-sat-0-close') === '24:00', 'Saturday at 24 hours');

  // Monday copied to Tuesday and Wednesday.
  tap(page, 'copy-mon');
  await waitUntil(() => Boolean(find(page, 'copy-panel')), 'the copy panel');
  tap(page, 'copy-to-tue');
  tap(page, 'copy-to-wed');
  await waitUntil(() => (find(page, 'copy-to-wed')?.dom?.className ?? '').includes('is-on'), 'Wednesday chosen');
  tap(page, 'copy-apply');
  await waitUntil(() => text(page, 'day-wed-summary') === '2 个时段', 'Monday copied to Wednesday');
  expect(text(page, 'day-tue-summary')).toBe('2 个时段');
  expect(text(page, 'day-thu-summary')).toBe('未设置（显示为未知）');
  // Sunday closed, said so on purpose.
  tap(page, 'closed-sun');
  await waitUntil(() => text(page, 'day-sun-summary') === '休息', 'Sunday closed');

  // "次日" on 08:30–17:30 makes a 33-hour interval: named at the interval, and nothing can be sent.
  tap(page, 'interval-mon-0-nextday');
  await waitUntil(() => Boolean(find(page, 'interval-mon-0-problem')), 'the problem at the interval');
  expect(text(page, 'interval-mon-0-problem')).toBe('周一第 1 段：跨夜时段应在次日 08:30 之前结束');
  expect(text(page, 'hours-problems')).toContain('还有 1 处需要修改');
  const putsBefore = wechat.requests.filter((r) => r.method === 'PUT').length;
  tap(page, 'save-hours');
  tap(page, 'interval-mon-0-nextday');
  await waitUntil(() => !find(page, 'interval-mon-0-problem'), 'the problem to go');
  expect(wechat.requests.filter((r) => r.method === 'PUT').length).toBe(putsBefore);

  // Thursday and Friday are still unset: saving asks first; "回去设置" sends nothing.
  const asked: { content?: string }[] = [];
  let answer = false;
  stubWx({ showModal: (o: WxCallbacks & { content?: string }) => (asked.push(o), wxOk('showModal', o, { confirm: answer, cancel: !answer })) });
  tap(page, 'save-hours');
  await waitUntil(() => asked.length === 1, 'the question about unset days');
  expect(asked[0]!.content).toContain('周四、周五还没有设置');
  await new Promise((r) => setTimeout(r, 300));
  expect(wechat.requests.filter((r) => r.method === 'PUT').length).toBe(putsBefore);
  answer = true;
  tap(page, 'save-hours');
  await waitUntil(() => wechat.requests.some((r) => r.method === 'PUT' && r.statusCode !== undefined), 'the save to be answered');
  const put = wechat.requests.find((r) => r.method === 'PUT')!;
  expect(put).toMatchObject({ url: `http://127.0.0.1:8787/stations/${STATION}/hours`, statusCode: 200 });

  const saved = (await request<Station>(stack.url, 'GET', `/stations/${STATION}`)).body;
  const office = [
    { open: '08:30', close: '17:30' },
    { open: '18:30', close: '20:30' },
  ];
  expect(saved.hours).toEqual({
    weekly: { mon: office, tue: office, wed: office, thu: null, fri: null, sat: [{ open: '00:00', close: '24:00' }], sun: [] },
    exceptions: [],
  });
  expect(saved.version).toBe(2);
  const history = await request<{ items: { action: string; actorId: string }[] }>(stack.url, 'GET', `/stations/${STATION}/history`, {
    token: (await loginAs(stack.url, 'host')).token,
  });
  expect(history.body.items[0]).toMatchObject({ action: 'hours', actorId: 'demo-host' });
}, 60_000);
