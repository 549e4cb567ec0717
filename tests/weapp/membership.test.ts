import { maskIdNumber, type Application, type MyMembership } from '@yz/shared';
import { loginAs, request } from '../helpers/api';
import { makeIdNumber } from '../helpers/membership';
import { startTestStack, type TestStack } from '../helpers/stack';
import { assertBuiltForLocalApi, installWechat, loadApp, loadPage, pageDriver, renderPage, stubWx, waitUntil, wxAnswers, wxOk, type RenderedPage, type Wechat, type WxCallbacks } from './weapp';

/**
 * The built weapp's 申请入会 form in miniprogram-simulate: a courier signs in silently through WeChat,
 * fills in the form (the region from /regions over HTTP), taps submit — which asks WeChat for the
 * subscribe message first — and the application reaches the real local API.
 */

const TEMPLATE = 'local-tmpl-membership-result';
const CODE = `weapp-courier-${Date.now()}`;
const ID_NUMBER = makeIdNumber({ region: '360428', birth: '19920815', seq: '271' });

// Starting the stack and compiling a page's WXML take a while on a busy machine.
jest.setTimeout(60_000);

let stack: TestStack;
let wechat: Wechat;
let applyPage: string;
let statusPage: string;
const shown: RenderedPage[] = [];
const requestSubscribeMessage = jest.fn();
const redirectTo = jest.fn();

beforeAll(async () => {
  assertBuiltForLocalApi();
  stack = await startTestStack();
  wechat = installWechat({ apiBaseUrl: stack.url, location: { lat: 29.27, lng: 116.2 } });
  stubWx({
    // This phone's WeChat user: each wx.login gives a fresh code for the same person.
    login: (o: WxCallbacks) => wxOk('login', o, { code: `${CODE}.${Math.random().toString(36).slice(2)}` }),
    // The user taps 允许 in WeChat's subscribe dialog.
    requestSubscribeMessage: requestSubscribeMessage.mockImplementation(wxAnswers.requestSubscribeMessage),
    redirectTo: redirectTo.mockImplementation(wxAnswers.redirectTo),
    showToast: wxAnswers.showToast,
  });
  loadApp('pkg-member/apply/index');
  applyPage = loadPage('pkg-member/apply/index');
  statusPage = loadPage('pkg-member/status/index');
});

afterAll(async () => {
  for (const page of shown) page.detach();
  await wechat?.settleRequests();
  await stack?.stop();
});

const { find, textOf, waitFor, tap, type } = pageDriver('.member');

test('fills in and submits the application form; the subscribe message is asked for on the submit tap', async () => {
  const page = await renderPage(applyPage, 'pkg-member/apply/index');
  shown.push(page);
  await waitFor(page, 'apply-form');

  await type(page, 'field-name', '赵快递');
  await type(page, 'field-idNumber', ID_NUMBER.toLowerCase());
  await type(page, 'field-mobile', '13912345678');
  await waitUntil(() => (find(page, 'id-derived')?.dom?.textContent ?? '').includes('男 · 出生日期 1992-08-15'), 'gender and birth date from the ID');

  // A tap before the form is complete: the shared schema's messages under the fields, nothing sent.
  await tap(page, 'submit-application');
  await waitUntil(() => (find(page, 'error-occupation')?.dom?.textContent ?? '').includes('职业'), 'the occupation error');
  expect(find(page, 'error-districtCode')?.dom?.textContent).toContain('工作地区');
  expect(find(page, 'error-consent')?.dom?.textContent).toContain('敏感个人信息');
  expect(requestSubscribeMessage).not.toHaveBeenCalled();

  await tap(page, 'occupation-courier');
  await type(page, 'field-employer', '中通快递都昌网点');
  await tap(page, 'field-district');
  await tap(page, 'region-36');
  await tap(page, 'region-3604');
  await tap(page, 'region-360428');
  await waitUntil(() => (find(page, 'field-district')?.dom?.textContent ?? '').includes('江西省 九江市 都昌县'), 'the chosen district');
  await tap(page, 'field-consent');
  // The draft is on the phone while the form is open (saved after each render).
  await waitUntil(() => (wechat.storage.get('yz.membership.draft') as { consent?: boolean } | undefined)?.consent === true, 'the draft with consent');
  expect(wechat.storage.get('yz.membership.draft')).toMatchObject({ name: '赵快递', districtCode: '360428', occupation: 'courier' });

  await tap(page, 'submit-application');
  await waitUntil(() => redirectTo.mock.calls.length > 0, 'the redirect to the status page');
  expect(requestSubscribeMessage).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: [TEMPLATE] }));
  const { url } = redirectTo.mock.calls[0]![0] as { url: string };
  expect(url).toMatch(/^\/pkg-member\/status\/index\?id=ma_[\w-]+&submitted=1$/);
  expect(wechat.storage.has('yz.membership.draft')).toBe(false);

  // What reached the server, read back as the applicant.
  const posted = wechat.requests.find((r) => r.method === 'POST' && r.url.endsWith('/membership/applications'));
  expect(posted?.statusCode).toBe(201);
  const session = wechat.storage.get('yz.session') as { token: string };
  const mine = await request<MyMembership>(stack.url, 'GET', '/membership/me', { token: session.token });
  const app = mine.body.applications[0] as Application;
  expect(app).toMatchObject({
    status: 'submitted',
    name: '赵快递',
    idNumberMasked: maskIdNumber(ID_NUMBER),
    gender: 'male',
    age: expect.any(Number),
    occupation: 'courier',
    employer: '中通快递都昌网点',
    districtCode: '360428',
    mobileMasked: '139****5678',
  });
  expect(url).toContain(app.id);
  // The tap's 允许 became one grant for the decision's notification.
  const grants = await request<{ grants: Record<string, number> }>(stack.url, 'POST', '/membership/subscriptions', { token: session.token, body: { results: {} } });
  expect(grants.body.grants).toEqual({ [TEMPLATE]: 1 });
});

test('after approval, the status page opened again at the submit link shows 已通过 without "等待审核"', async () => {
  const session = wechat.storage.get('yz.session') as { token: string };
  const mine = await request<MyMembership>(stack.url, 'GET', '/membership/me', { token: session.token });
  const app = mine.body.applications[0] as Application;
  const staff = await loginAs(stack.url, 'district-staff');
  const decided = await request<Application>(stack.url, 'POST', `/membership/applications/${app.id}/decision`, {
    token: staff.token,
    body: { action: 'approve', version: app.version },
  });
  expect(decided.body.status).toBe('approved');

  // The URL the submit redirected to, still carrying `submitted=1`, as after a reload.
  const page = await renderPage(statusPage, 'pkg-member/status/index', { id: app.id, submitted: '1' });
  shown.push(page);
  await waitUntil(() => textOf(page, 'status-badge') === '已通过', 'the approved status');
  expect(page.dom?.textContent ?? '').not.toContain('等待审核');
});
