import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { WISH_CATEGORY_LABELS, type ClaimedWish, type Me, type MyWish, type Session, type StaffWish } from '@yz/shared';
import { loginAs, loginWechat, request } from '../helpers/api';
import { hardshipWorkerOnFile } from '../helpers/hardship';
import { startTestStack, type TestStack } from '../helpers/stack';
import { assertBuiltForLocalApi, BUILT_API_ORIGIN, installWechat, loadApp, loadPage, pageDriver, renderPage, stubWx, waitUntil, wxAnswers, type RenderedPage, type Wechat } from './weapp';

/**
 * 认领 on the built weapp's wish page (miniprogram-simulate, real local API): a registered volunteer
 * taps 我来认领 a moment after someone else claimed the same wish. The server refuses with 409
 * WISH_ALREADY_CLAIMED; the page says someone was faster and shows the wish as it now is. On another
 * open wish the same tap claims it — after WeChat's subscribe dialog — and leads to 我认领的心愿. Someone
 * not yet registered is taken to the registration (name, mobile, the separate consent), whose one tap
 * registers and claims.
 */

// Starting the stack creates tables and loading a page compiles its WXML: room for a busy machine.
jest.setTimeout(60_000);

let stack: TestStack;
let wechat: Wechat;
let detailPage: string;
let volunteerPage: string;
let claimedPage: string;
const shown: RenderedPage[] = [];
const showModal = jest.fn();
const redirectTo = jest.fn();
const requestSubscribeMessage = jest.fn();
let volunteer: Session;
let faster: Session;
let wishes: string[] = [];

async function registerVolunteer(token: string, name: string, mobile: string) {
  const res = await request(stack.url, 'POST', '/volunteers', {
    token,
    body: { name, mobile, consent: true, consentVersion: '2026-12-v1' },
  });
  expect(res.status).toBeLessThan(300);
}

/** A wish posted by a worker on file and approved by staff: open on the wall. */
async function openWish(title: string): Promise<string> {
  const worker = await hardshipWorkerOnFile(stack.url);
  const posted = await request<MyWish>(stack.url, 'POST', '/wishes', {
    token: worker.token,
    body: { title, story: '孩子上学需要，谢谢好心人。', category: 'children_study', valueFen: 12_000, handover: { kind: 'staff' } },
  });
  expect(posted.status).toBe(201);
  const admin = await loginAs(stack.url, 'admin');
  const approved = await request<StaffWish>(stack.url, 'POST', `/wishes/${posted.body.id}/moderation`, {
    token: admin.token,
    body: { action: 'approve', version: posted.body.version },
  });
  expect(approved.body.status).toBe('open');
  return posted.body.id;
}

beforeAll(async () => {
  assertBuiltForLocalApi();
  stack = await startTestStack();
  const mine = await loginWechat(stack.url, `weapp-volunteer-${Date.now()}`);
  volunteer = mine.body;
  await registerVolunteer(volunteer.token, '陈爱心', '13800138000');
  faster = (await loginWechat(stack.url, `weapp-faster-${Date.now()}`)).body;
  await registerVolunteer(faster.token, '李快手', '13900139000');
  wishes = [await openWish('想要一个新书包'), await openWish('想要一盏护眼台灯'), await openWish('想要一套冬天的棉被')];

  wechat = installWechat({ apiBaseUrl: stack.url, location: { lat: 21.4813, lng: 109.1201 } });
  const me = await request<Me>(stack.url, 'GET', '/me', { token: volunteer.token });
  expect(me.body.roles).toContain('volunteer');
  wechat.storage.set('yz.session', { ...volunteer, me: me.body });

  stubWx({
    showModal: showModal.mockImplementation(wxAnswers.showModal),
    showToast: wxAnswers.showToast,
    redirectTo: redirectTo.mockImplementation(wxAnswers.redirectTo),
    requestSubscribeMessage: requestSubscribeMessage.mockImplementation(wxAnswers.requestSubscribeMessage),
  });
  loadApp('pkg-wishes/detail/index');
  detailPage = loadPage('pkg-wishes/detail/index');
  volunteerPage = loadPage('pkg-wishes/volunteer/index');
  claimedPage = loadPage('pkg-wishes/claimed/index');
});

afterAll(async () => {
  for (const page of shown) page.detach();
  await wechat?.settleRequests();
  await stack?.stop();
});

const { find, textOf, tap } = pageDriver('.wish');

test('someone else claimed a moment earlier: the page says so and shows the wish as claimed', async () => {
  const id = wishes[0]!;
  const page = await renderPage(detailPage, 'pkg-wishes/detail/index', { id });
  shown.push(page);
  await waitUntil(() => textOf(page, 'wish-status') === '待认领', 'the open wish');
  expect(textOf(page, 'wish-title')).toBe('想要一个新书包');
  // The button says 我来认领 only once the page knows this volunteer is registered.
  await waitUntil(() => textOf(page, 'claim-wish') === '我来认领', 'the registered volunteer');

  // Another volunteer's claim lands first.
  const first = await request<ClaimedWish>(stack.url, 'POST', `/wishes/${id}/claim`, { token: faster.token });
  expect(first.status).toBe(200);

  await tap(page, 'claim-wish');
  await waitUntil(() => showModal.mock.calls.length > 0, 'the message that someone was faster');
  const modal = showModal.mock.calls[0]![0] as { title: string; content: string };
  expect(modal.title).toBe('慢了一步');
  expect(modal.content.length).toBeGreaterThan(0);
  const refused = wechat.requests.find((r) => r.method === 'POST' && r.url.endsWith(`/wishes/${id}/claim`));
  expect(refused?.statusCode).toBe(409);
  // The page fetched the wish again: claimed, no claim button any more.
  await waitUntil(() => textOf(page, 'wish-status') === '已认领', 'the wish shown as claimed');
  expect(find(page, 'claim-wish')).toBeUndefined();
  expect(textOf(page, 'claim-error')).toBe(modal.content);
  expect(redirectTo).not.toHaveBeenCalled();
  // WeChat's dialog came first, inside the tap, before the answer was known.
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
});

test('分享给微信好友: the page answers WeChat\'s share with the public title and a path holding only the wish\'s id', async () => {
  const id = wishes[0]!;
  const page = await renderPage(detailPage, 'pkg-wishes/detail/index', { id });
  shown.push(page);
  await waitUntil(() => textOf(page, 'wish-title') === '想要一个新书包', 'the wish');
  expect(find(page, 'share-wish')).toBeTruthy();
  // WeChat calls the page's onShareAppMessage for the menu's 转发 and for a button with open-type share.
  const pages = (globalThis as unknown as { getCurrentPages: () => { route: string; onShareAppMessage?: (e: object) => unknown }[] }).getCurrentPages();
  const top = pages[pages.length - 1]!;
  expect(top.route).toBe('pkg-wishes/detail/index');
  const payload = top.onShareAppMessage?.({ from: 'button' });
  // Claimed by now (the first test): not asked for help, only named.
  expect(payload).toEqual({ title: `一个微心愿：想要一个新书包（${WISH_CATEGORY_LABELS.children_study}）`, path: `/pkg-wishes/detail/index?id=${id}` });
  expect(JSON.stringify(payload)).not.toMatch(/陈爱心|李快手|1380013|孩子上学需要|openid|token/);
});

test('an open wish: the tap asks for the subscribe message, claims it and opens 我认领的心愿', async () => {
  const id = wishes[1]!;
  const page = await renderPage(detailPage, 'pkg-wishes/detail/index', { id });
  shown.push(page);
  requestSubscribeMessage.mockClear();
  await waitUntil(() => textOf(page, 'claim-wish') === '我来认领', 'the claim button');
  await tap(page, 'claim-wish');
  await waitUntil(() => redirectTo.mock.calls.length > 0, 'the redirect to 我认领的心愿');
  expect((redirectTo.mock.calls[0]![0] as { url: string }).url).toBe(`/pkg-wishes/claimed/index?claimed=${id}`);
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);

  const claims = await request<{ items: ClaimedWish[]; subscribeTemplateIds: string[] }>(stack.url, 'GET', '/wishes/claimed', { token: volunteer.token });
  expect(claims.body.items.map((w) => [w.id, w.status, w.mine])).toEqual([[id, 'claimed', true]]);
  expect(requestSubscribeMessage.mock.calls[0]![0]).toMatchObject({ tmplIds: claims.body.subscribeTemplateIds });
});

test('not yet a volunteer: 认领 opens the registration, whose tap registers (with consent) and claims', async () => {
  const id = wishes[2]!;
  // Another person on this phone: a WeChat user who never registered.
  const newcomer = (await loginWechat(stack.url, `weapp-newcomer-${Date.now()}`)).body;
  wechat.storage.set('yz.session', newcomer);
  redirectTo.mockClear();
  requestSubscribeMessage.mockClear();

  const page = await renderPage(detailPage, 'pkg-wishes/detail/index', { id });
  shown.push(page);
  await waitUntil(() => textOf(page, 'claim-wish') === '我来认领（需先实名登记）', 'the button that says registration comes first');
  await tap(page, 'claim-wish');
  await waitUntil(() => wechat.navigateTo.mock.calls.length > 0, 'the way to the registration');
  const { url } = wechat.navigateTo.mock.calls.at(-1)![0] as { url: string };
  expect(url).toBe(`/pkg-wishes/volunteer/index?claim=${id}`);
  expect(wechat.requests.some((r) => r.method === 'POST' && r.url.endsWith(`/wishes/${id}/claim`))).toBe(false);

  const form = await renderPage(volunteerPage, 'pkg-wishes/volunteer/index', { claim: id });
  shown.push(form);
  const field = (fid: string) => form.querySelector(`#${fid}`) ?? form.querySelector(`.wish >>> #${fid}`);
  const formText = (fid: string) => field(fid)?.dom?.textContent ?? '';
  await waitUntil(() => Boolean(field('volunteer-form')), 'the registration form');
  expect(formText('consent-notice')).toContain('加密保存');
  expect(formText('register-volunteer')).toBe('登记并认领');
  field('field-name')!.dispatchEvent('input', { detail: { value: '王热心' } });
  field('field-mobile')!.dispatchEvent('input', { detail: { value: '1370000' } });
  field('register-volunteer')!.dispatchEvent('tap');
  await waitUntil(() => formText('error-consent').includes('同意'), 'the consent error');
  expect(formText('error-mobile')).toContain('手机号');
  expect(wechat.requests.some((r) => r.method === 'POST' && r.url.endsWith('/volunteers'))).toBe(false);

  field('field-mobile')!.dispatchEvent('input', { detail: { value: '13700001234' } });
  field('field-consent')!.dispatchEvent('tap');
  // The box shows its tick once the page has re-rendered with the new answers (a person taps slower).
  await waitUntil(() => formText('field-consent').includes('✓'), 'the ticked consent');
  field('register-volunteer')!.dispatchEvent('tap');
  await waitUntil(() => redirectTo.mock.calls.length > 0, 'the redirect to 我认领的心愿');
  expect((redirectTo.mock.calls[0]![0] as { url: string }).url).toBe(`/pkg-wishes/claimed/index?claimed=${id}`);
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);

  const profile = await request<{ profile: { nameMasked: string; mobileMasked: string } | null }>(stack.url, 'GET', '/volunteers/me', { token: newcomer.token });
  expect(profile.body.profile).toMatchObject({ mobileMasked: '137****1234' });
  expect(profile.body.profile?.nameMasked).not.toContain('热心');
  const claims = await request<{ items: ClaimedWish[] }>(stack.url, 'GET', '/wishes/claimed', { token: newcomer.token });
  expect(claims.body.items.map((w) => [w.id, w.status])).toEqual([[id, 'claimed']]);
});

test('我认领的心愿: where to hand it over and the time left; 取消认领 puts the wish back on the wall', async () => {
  const id = wishes[1]!; // claimed by `volunteer` in the second test
  const me = await request<Me>(stack.url, 'GET', '/me', { token: volunteer.token });
  wechat.storage.set('yz.session', { ...volunteer, me: me.body });
  showModal.mockClear();

  const page = await renderPage(claimedPage, 'pkg-wishes/claimed/index');
  shown.push(page);
  await waitUntil(() => textOf(page, `claim-status-${id}`) === '已认领', 'the claim');
  // A staff handover: the district union, never the worker's contact.
  expect(textOf(page, `handover-${id}`)).toContain('交给海城区总工会');
  expect(textOf(page, `deadline-${id}`)).toMatch(/还有 1[34] 天/);

  await tap(page, `cancel-claim-${id}`);
  await waitUntil(() => !find(page, `claim-status-${id}`) && textOf(page, `claim-${id}`).includes('认领已失效'), 'the released claim');
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消认领' }));

  const wish = await request<{ status: string }>(stack.url, 'GET', `/wishes/${id}`);
  expect(wish.body.status).toBe('open');
});

/**
 * wx.uploadFile as WeChat does it: the file at `filePath` in a multipart form under `name`, `success`
 * for any HTTP answer with the body as a string. Requests to the built origin go to the test stack.
 */
function wxUploadFile(apiBaseUrl: string) {
  type Options = { url: string; filePath: string; name: string; header?: Record<string, string>; success?: (r: unknown) => void; fail?: (r: unknown) => void; complete?: (r: unknown) => void };
  return (o: Options) => {
    const boundary = `----wx${Date.now().toString(16)}`;
    const file = readFileSync(o.filePath);
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${o.name}"; filename="${path.basename(o.filePath)}"\r\nContent-Type: image/png\r\n\r\n`),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const url = o.url.replace(BUILT_API_ORIGIN, apiBaseUrl);
    void fetch(url, { method: 'POST', headers: { ...o.header, 'content-type': `multipart/form-data; boundary=${boundary}` }, body }).then(
      async (res) => {
        const result = { errMsg: 'uploadFile:ok', statusCode: res.status, data: await res.text() };
        o.success?.(result);
        o.complete?.(result);
      },
      (error: Error) => {
        const result = { errMsg: `uploadFile:fail ${error.message}` };
        o.fail?.(result);
        o.complete?.(result);
      },
    );
    return { abort() {}, onProgressUpdate() {}, offProgressUpdate() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  };
}

test('标记送达 with a note and a photo from the camera: both reach the server, the photo shows on the claim', async () => {
  const id = wishes[1]!; // open again after the cancellation above
  const again = await request<ClaimedWish>(stack.url, 'POST', `/wishes/${id}/claim`, { token: volunteer.token });
  expect(again.status).toBe(200);
  // The phone's camera: a real PNG in a temporary file, as wx.chooseMedia hands it over.
  const photoPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'yz-wx-')), 'delivery.png');
  writeFileSync(photoPath, await QRCode.toBuffer('送达照片'));
  const wx = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
  const chooseMedia = jest.fn((o: { success?: (r: unknown) => void; complete?: (r: unknown) => void; mediaType?: string[] }) => {
    const res = { errMsg: 'chooseMedia:ok', type: 'image', tempFiles: [{ tempFilePath: photoPath, size: readFileSync(photoPath).length, fileType: 'image' }] };
    o.success?.(res);
    o.complete?.(res);
    return Promise.resolve(res);
  });
  Object.assign(wx, { chooseMedia, uploadFile: wxUploadFile(stack.url) });

  const page = await renderPage(claimedPage, 'pkg-wishes/claimed/index');
  shown.push(page);
  await waitUntil(() => textOf(page, `claim-status-${id}`) === '已认领', 'the claim');
  await tap(page, `deliver-${id}`);
  await waitUntil(() => Boolean(find(page, `deliver-note-${id}`)), 'the delivery form');
  find(page, `deliver-note-${id}`)!.dispatchEvent('input', { detail: { value: '已交到海城区总工会服务窗口' } });
  await waitUntil(() => textOf(page, `deliver-count-${id}`) === '13/100', 'the note typed');
  await tap(page, `deliver-photo-${id}`);
  await waitUntil(() => Boolean(find(page, `deliver-preview-${id}`)), 'the chosen photo');
  expect(chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ mediaType: ['image'] }));
  await tap(page, `deliver-confirm-${id}`);
  await waitUntil(() => textOf(page, `claim-status-${id}`) === '已送达' && Boolean(find(page, `delivery-photo-${id}`)), 'the delivered claim with its photo');

  const admin = await loginAs(stack.url, 'admin');
  const list = await request<{ items: StaffWish[] }>(stack.url, 'GET', '/admin/wishes?regionCode=450502&status=active', { token: admin.token });
  const staffView = list.body.items.find((w) => w.id === id)!;
  expect(staffView).toMatchObject({ status: 'delivered', deliveryNote: '已交到海城区总工会服务窗口' });
  expect(staffView.deliveryPhotoUrl).toBeTruthy();
  const photoUrl = staffView.deliveryPhotoUrl!;
  const photo = await fetch(photoUrl.startsWith('/') ? `${stack.url}${photoUrl}` : photoUrl);
  expect(photo.status).toBe(200);
  expect(Buffer.from(await photo.arrayBuffer()).equals(readFileSync(photoPath))).toBe(true);
});
