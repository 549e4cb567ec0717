import type { Me, StaffWish } from '@yz/shared';
import { loginAs, request } from '../helpers/api';
import { hardshipWorkerOnFile } from '../helpers/hardship';
import { startTestStack, type TestStack } from '../helpers/stack';
import { approve, postWish, wishBody } from '../helpers/wishes';
import { assertBuiltForLocalApi, installWechat, loadApp, loadPage, pageDriver, renderPage, stubWx, waitUntil, wxAnswers, type RenderedPage, type Wechat } from './weapp';

/**
 * 心愿审核 on the built weapp (miniprogram-simulate, real local API), as 都昌县's district staff: their
 * one region is chosen for them; a wish in review goes back to the worker with what to change, and
 * an open wish is closed — a reason is required, and both reach the worker.
 */

jest.setTimeout(60_000);

let stack: TestStack;
let wechat: Wechat;
let reviewPage: string;
const shown: RenderedPage[] = [];
const showModal = jest.fn();
let pending: string;
let open: string;

beforeAll(async () => {
  assertBuiltForLocalApi();
  stack = await startTestStack();
  const worker = await hardshipWorkerOnFile(stack.url, { districtCode: '360428' });
  pending = (await postWish(stack.url, worker.token, wishBody({ title: '想要一个书桌', story: '孩子写作业在饭桌上，学校名叫某某小学。' }))).id;
  const admin = await loginAs(stack.url, 'admin');
  open = (await approve(stack.url, admin.token, await postWish(stack.url, worker.token, wishBody({ title: '想要一台洗衣机', category: 'appliance' })))).id;

  wechat = installWechat({ apiBaseUrl: stack.url, location: { lat: 29.27, lng: 116.2 } });
  const staff = await loginAs(stack.url, 'district-staff');
  const me = await request<Me>(stack.url, 'GET', '/me', { token: staff.token });
  expect(me.body.staffScopes).toEqual(['360428']);
  wechat.storage.set('yz.session', { ...staff, me: me.body });
  stubWx({
    showModal: showModal.mockImplementation(wxAnswers.showModal),
    showToast: wxAnswers.showToast,
  });
  loadApp('pkg-wishes/review/index');
  reviewPage = loadPage('pkg-wishes/review/index');
});

afterAll(async () => {
  for (const page of shown) page.detach();
  await wechat?.settleRequests();
  await stack?.stop();
});

const { find, textOf, tap, type } = pageDriver('.wish');

async function staffView(id: string): Promise<StaffWish> {
  const staff = await loginAs(stack.url, 'district-staff');
  const page = await request<{ items: StaffWish[] }>(stack.url, 'GET', '/admin/wishes?regionCode=360428&status=all', { token: staff.token });
  return page.body.items.find((w) => w.id === id)!;
}

test('return a wish with what to change, and close an open one with a reason', async () => {
  const page = await renderPage(reviewPage, 'pkg-wishes/review/index');
  shown.push(page);
  // The queue of the staff's one region, without asking which.
  await waitUntil(() => textOf(page, `review-status-${pending}`) === '待审核', 'the wish waiting for review');
  expect(find(page, `review-${open}`)).toBeUndefined();
  expect(textOf(page, `review-${pending}`)).toContain('学校名叫某某小学');

  await tap(page, `return-${pending}`);
  await type(page, `reason-${pending}`, '请不要写孩子的学校名称');
  await waitUntil(() => textOf(page, `reason-count-${pending}`) === '11/200', 'the reason typed');
  await tap(page, `reason-submit-${pending}`);
  await waitUntil(() => textOf(page, `review-status-${pending}`) === '退回修改', 'the returned wish');
  expect(await staffView(pending)).toMatchObject({ status: 'returned', staffNote: '请不要写孩子的学校名称' });

  // 进行中: the open wish; closing needs a reason.
  await tap(page, 'review-active');
  await waitUntil(() => textOf(page, `review-status-${open}`) === '待认领', 'the open wish');
  await tap(page, `close-${open}`);
  await tap(page, `reason-submit-${open}`);
  await waitUntil(() => textOf(page, `review-error-${open}`).includes('请写明关闭的原因'), 'the missing reason');
  await type(page, `reason-${open}`, '许愿人已搬离本地');
  await waitUntil(() => textOf(page, `reason-count-${open}`) === '8/200', 'the reason typed');
  await tap(page, `reason-submit-${open}`);
  await waitUntil(() => textOf(page, `review-status-${open}`) === '已关闭', 'the closed wish');
  expect(await staffView(open)).toMatchObject({ status: 'closed', staffNote: '许愿人已搬离本地' });
  // Closed wishes leave the wall.
  const wall = await request(stack.url, 'GET', `/wishes/${open}`);
  expect(wall.status).toBe(404);
});
