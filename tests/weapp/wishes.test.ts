import type { Me, MyWishes, StaffWish } from '@yz/shared';
import { loginAs, request } from '../helpers/api';
import { hardshipWorkerOnFile } from '../helpers/hardship';
import { putStations, stationAt, startTestStack, type TestStack } from '../helpers/stack';
import { postWish, wishBody } from '../helpers/wishes';
import { assertBuiltForLocalApi, installWechat, loadApp, loadPage, pageDriver, renderPage, stubWx, waitUntil, wxAnswers, type RenderedPage, type Wechat } from './weapp';

/**
 * The built weapp's 许个心愿 form in miniprogram-simulate: a hardship worker on file (北海 海城区)
 * writes a wish, is stopped by the shared schema when the story carries a phone number and when the
 * value is over the cap, picks a station near where the phone is, and posts it to the real local API;
 * 我的心愿 then shows it waiting for moderation.
 */

const BEIHAI = { lat: 21.4813, lng: 109.1201 };
const STATION = stationAt(
  { lat: 21.4829, lng: 109.1222 },
  { id: 'st-beihai-wish-1', name: '北部湾中路户外劳动者驿站', address: '广西北海市海城区北部湾中路 18 号', district: { code: '450502', name: '海城区' } },
);

// Starting the stack creates tables and loading a page compiles its WXML: room for a busy machine.
jest.setTimeout(60_000);

let stack: TestStack;
let wechat: Wechat;
let worker: { token: string; userId: string; fileId: string };
let postPage: string;
let minePage: string;
const shown: RenderedPage[] = [];
const requestSubscribeMessage = jest.fn();
const redirectTo = jest.fn();
const showModal = jest.fn();

beforeAll(async () => {
  assertBuiltForLocalApi();
  stack = await startTestStack();
  await putStations(stack, [STATION]);
  worker = await hardshipWorkerOnFile(stack.url);
  wechat = installWechat({ apiBaseUrl: stack.url, location: BEIHAI });
  // This phone is already signed in as the worker (the session the app keeps on the phone).
  const me = await request<Me>(stack.url, 'GET', '/me', { token: worker.token });
  expect(me.body.roles).toContain('hardship');
  wechat.storage.set('yz.session', { token: worker.token, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), me: me.body });

  stubWx({
    // The worker taps 允许 in WeChat's subscribe dialog.
    requestSubscribeMessage: requestSubscribeMessage.mockImplementation(wxAnswers.requestSubscribeMessage),
    redirectTo: redirectTo.mockImplementation(wxAnswers.redirectTo),
    showToast: wxAnswers.showToast,
    // The worker confirms what the page asks (撤回).
    showModal: showModal.mockImplementation(wxAnswers.showModal),
  });
  loadApp('pkg-wishes/post/index');
  postPage = loadPage('pkg-wishes/post/index');
  minePage = loadPage('pkg-wishes/mine/index');
});

afterAll(async () => {
  for (const page of shown) page.detach();
  await wechat?.settleRequests();
  await stack?.stop();
});

const { find, textOf, waitFor, tap, type } = pageDriver('.wish');

test('a hardship worker writes a wish, picks a station nearby and posts it; 我的心愿 shows it waiting for review', async () => {
  const page = await renderPage(postPage, 'pkg-wishes/post/index');
  shown.push(page);
  await waitFor(page, 'wish-form');

  await type(page, 'field-title', '给女儿买一双轮滑鞋');
  await waitUntil(() => textOf(page, 'title-count') === '9/30', 'the title counter');
  // The story is public: a mobile number in it is refused before anything is sent.
  await type(page, 'field-story', '女儿今年十岁，一直想学轮滑。有事请打13912345678');
  await type(page, 'field-value', '800');
  await tap(page, 'submit-wish');
  await waitUntil(() => textOf(page, 'error-story').includes('手机号'), 'the personal-data error under the story');
  expect(textOf(page, 'error-category')).toContain('类别');
  expect(textOf(page, 'error-valueFen')).toContain('¥500');
  expect(textOf(page, 'error-handover')).toContain('交接');
  expect(wechat.requests.some((r) => r.method === 'POST' && r.url.endsWith('/wishes'))).toBe(false);

  await type(page, 'field-story', '女儿今年十岁，一直想学轮滑，我在海城区做环卫，想在她生日时送她一双。');
  await waitUntil(() => textOf(page, 'story-count') === '34/300', 'the story counter');
  await type(page, 'field-value', '199.5');
  await tap(page, 'category-children_study');
  await tap(page, 'handover-station');
  await tap(page, 'stations-near');
  // The phone's location (wx.getLocation, GCJ-02) → /stations/nearby over HTTP → the station to pick.
  await tap(page, `pick-station-${STATION.id}`);
  await waitUntil(() => textOf(page, 'picked-station').includes('北部湾中路户外劳动者驿站'), 'the picked station');
  expect(wechat.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }));

  await tap(page, 'submit-wish');
  await waitUntil(() => redirectTo.mock.calls.length > 0, 'the redirect to 我的心愿');
  const { url } = redirectTo.mock.calls[0]![0] as { url: string };
  expect(url).toMatch(/^\/pkg-wishes\/mine\/index\?posted=w_[\w-]+$/);
  const posted = wechat.requests.find((r) => r.method === 'POST' && r.url.endsWith('/wishes'));
  expect(posted?.statusCode).toBe(201);

  // What reached the server, read back as the worker.
  const mine = await request<MyWishes>(stack.url, 'GET', '/wishes/mine', { token: worker.token });
  expect(mine.status).toBe(200);
  expect(mine.body.items).toHaveLength(1);
  expect(mine.body.items[0]).toMatchObject({
    title: '给女儿买一双轮滑鞋',
    category: 'children_study',
    valueFen: 19_950,
    status: 'pending_review',
    handoverKind: 'station',
    station: { id: STATION.id, name: STATION.name },
  });
  expect(url).toContain(mine.body.items[0]!.id);
  // WeChat's subscribe dialog was asked inside the submit tap, for the templates the API named.
  expect(mine.body.subscribeTemplateIds.length).toBeGreaterThan(0);
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: mine.body.subscribeTemplateIds }));

  // 我的心愿, where the redirect goes: the wish, waiting for moderation, and the count toward the limit.
  const id = mine.body.items[0]!.id;
  const list = await renderPage(minePage, 'pkg-wishes/mine/index', { posted: id });
  shown.push(list);
  await waitUntil(() => textOf(list, `my-status-${id}`) === '待审核', 'the wish in 我的心愿');
  expect(textOf(list, 'posted-banner')).toContain('审核');
  expect(textOf(list, 'open-count')).toContain('最多同时 2 个');
  expect(textOf(list, 'open-count')).toContain('现在有 1 个');
  expect(find(list, `withdraw-${id}`)).toBeTruthy();
});

test('a wish staff sent back: the form opens with their note and the wish as it was, and resubmits it', async () => {
  const posted = await postWish(stack.url, worker.token, wishBody({ title: '想要一台电风扇', story: '夏天宿舍太热，孩子在学校写作业的地方也没有风扇。', category: 'appliance', valueFen: 15_000 }));
  const admin = await loginAs(stack.url, 'admin');
  const returned = await request<StaffWish>(stack.url, 'POST', `/wishes/${posted.id}/moderation`, {
    token: admin.token,
    body: { action: 'return', reason: '请不要写孩子学校的情况，写家里的需要就好', version: posted.version },
  });
  expect(returned.body.status).toBe('returned');

  redirectTo.mockClear();
  const page = await renderPage(postPage, 'pkg-wishes/post/index', { id: posted.id });
  shown.push(page);
  await waitUntil(() => textOf(page, 'return-note').includes('请不要写孩子学校的情况'), 'the staff note');
  await waitUntil(() => textOf(page, 'title-count') === '7/30', 'the title as it was');
  expect(textOf(page, 'submit-wish')).toBe('修改后重新提交');
  await type(page, 'field-story', '夏天出租屋里太热，想要一台电风扇。');
  await tap(page, 'submit-wish');
  await waitUntil(() => redirectTo.mock.calls.length > 0, 'the redirect to 我的心愿');

  const mine = await request<MyWishes>(stack.url, 'GET', '/wishes/mine', { token: worker.token });
  const wish = mine.body.items.find((w) => w.id === posted.id);
  expect(wish).toMatchObject({ status: 'pending_review', story: '夏天出租屋里太热，想要一台电风扇。', title: '想要一台电风扇', category: 'appliance', valueFen: 15_000, handoverKind: 'staff' });
  expect(wish?.timeline.map((e) => e.action)).toEqual(['post', 'return', 'edit']);
});

test('撤回 on 我的心愿: asked first, then the wish is withdrawn and no longer counts toward the limit', async () => {
  const before = await request<MyWishes>(stack.url, 'GET', '/wishes/mine', { token: worker.token });
  const target = before.body.items.find((w) => w.title === '想要一台电风扇')!;
  expect(before.body.openCount).toBe(2);

  const list = await renderPage(minePage, 'pkg-wishes/mine/index');
  shown.push(list);
  await waitUntil(() => textOf(list, `my-status-${target.id}`) === '待审核', 'the wish waiting for review');
  expect(textOf(list, 'open-count')).toContain('现在有 2 个');
  await tap(list, `withdraw-${target.id}`);
  await waitUntil(() => textOf(list, `my-status-${target.id}`) === '已撤回', 'the withdrawn wish');
  // The quota line follows without leaving the page.
  await waitUntil(() => textOf(list, 'open-count').includes('现在有 1 个'), 'the quota line after withdrawing');
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回心愿' }));
  expect(find(list, `withdraw-${target.id}`)).toBeUndefined();

  const after = await request<MyWishes>(stack.url, 'GET', '/wishes/mine', { token: worker.token });
  expect(after.body.items.find((w) => w.id === target.id)?.status).toBe('withdrawn');
  expect(after.body.openCount).toBe(1);
});
