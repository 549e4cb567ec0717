import { fireEvent, waitFor } from '@testing-library/dom';
import type { PostView } from '@yz/shared';
import { api } from '../../miniprogram/src/services/api';
import { saveSession } from '../../miniprogram/src/services/session';
import { boardJobBody, createPost } from '../helpers/board';
import { startStackProcess, type StackProcess } from '../helpers/stack-process';
import { makeStation } from '../helpers/stations';
import { allowLocation } from './device';
import { currentPage, openPage, setApiBaseUrl } from './h5-app';

/**
 * The notice board's pages (pkg-board) on Taro's H5 runtime against a real local stack: the host's
 * form (the scam guard's refusal shown, then an event with places posted), the worker's nearby list
 * with its kind filter and empty state, 我要去 with the code, the host's check-in desk by code, the
 * phone behind sign-in and a tap, following the station from its page, and staff hiding a reported post.
 */

/** The `host` persona's station, in 都昌县. */
const STATION = 'amap-B0J3R71OZC';
const NEAR = { lat: 29.275, lng: 116.205 };

let stack: StackProcess;

beforeAll(async () => {
  stack = await startStackProcess({
    stations: [makeStation({ id: STATION, name: '都昌县城区户外劳动者驿站', district: { code: '360428', name: '都昌县' }, location: { lat: 29.2712, lng: 116.2015 } })],
  });
  setApiBaseUrl(stack.url);
});

afterAll(async () => {
  await stack?.stop();
});

const $ = (selector: string) => currentPage().querySelector(selector);
const text = (selector: string) => $(selector)?.textContent?.trim();
const signInAs = async (persona: 'host' | 'worker' | 'district-staff') => {
  const session = await api.loginDev({ body: { persona } });
  saveSession(session);
  return session.token;
};

/** Types into a Taro Input or Textarea once it has rendered its native element. */
async function type(selector: string, value: string) {
  await waitFor(() => expect($(`${selector} input`) ?? $(`${selector} textarea`)).not.toBeNull());
  const field = ($(`${selector} input`) ?? $(`${selector} textarea`)) as HTMLInputElement;
  field.value = value;
  fireEvent.input(field, { target: { value } });
}

async function click(selector: string) {
  await waitFor(() => expect($(selector)).not.toBeNull());
  fireEvent.click($(selector)!);
}

let eventId = '';
let code = '';

test("the host's form shows the scam guard's refusal, then posts an event with places", async () => {
  await signInAs('host');
  await openPage(`/pkg-board/compose/index?station=${STATION}&name=${encodeURIComponent('城区驿站')}`);
  await waitFor(() => expect($('#field-title')).not.toBeNull());
  // Nothing typed: the schema's messages under the fields, nothing sent.
  fireEvent.click($('#compose-submit')!);
  await waitFor(() => expect(text('#error-title')).toBeTruthy());

  await type('#field-title', '夏送清凉');
  await type('#field-gives', '领毛巾前先交押金 20 元');
  await type('#field-capacity', '2');
  fireEvent.click($('#compose-submit')!);
  await waitFor(() => expect(text('#compose-refused')).toContain('押金'));
  expect(text('#compose-refused')).toContain('不发布向劳动者收取');

  await type('#field-gives', '毛巾、香皂、绿豆汤');
  fireEvent.click($('#compose-submit')!);
  // Posted, the form gives way to the post's own page.
  await waitFor(() => expect(text('#post-title')).toBe('夏送清凉'), { timeout: 10_000 });
  expect(text('#post-places')).toBe('名额 2，已约 0，还剩 2');
  expect($('#post-checkin')).not.toBeNull();
  eventId = (await api.stationBoard({ params: { id: STATION } })).items.find((p) => p.kind === 'event' && p.title === '夏送清凉')?.id ?? '';
  expect(eventId).toMatch(/^bp_/);
});

test("the station page lists the station's board and links to the nearby list", async () => {
  await openPage(`/pkg-station/detail/index?id=${STATION}`);
  await waitFor(() => expect($(`#board-${eventId}`)).not.toBeNull());
  expect($(`#board-${eventId}`)?.textContent).toContain('夏送清凉');
  // The host may post from here.
  expect($('#board-compose')).not.toBeNull();
  expect($('#board-nearby-link')).not.toBeNull();
});

test('a worker nearby finds the event, filters by kind, and reserves a place with 我要去', async () => {
  await signInAs('worker');
  allowLocation(NEAR);
  await openPage('/pkg-board/nearby/index');
  await waitFor(() => expect($(`#post-${eventId}`)).not.toBeNull());
  expect(text('#board-where')).toBe('我的位置附近 5 公里内');
  expect($(`#post-${eventId}`)?.textContent).toContain('剩 2 个名额');

  fireEvent.click($('#board-kind-job')!);
  await waitFor(() => expect(text('#board-empty .state-view__title')).toBe('5 公里内暂时没有零工招聘'));
  fireEvent.click($('#board-kind-all')!);
  await waitFor(() => expect($(`#post-${eventId}`)).not.toBeNull());

  fireEvent.click($(`#post-${eventId}`)!);
  await waitFor(() => expect(text('#post-title')).toBe('夏送清凉'));
  fireEvent.click($('#post-reserve')!);
  await waitFor(() => expect(text('#post-code')).toMatch(/^\d{4}$/));
  code = text('#post-code')!;
  await waitFor(() => expect(text('#post-places')).toBe('名额 2，已约 1，还剩 1'));
  // Not a keeper of the station: no check-in or withdraw here.
  expect($('#post-keeper')).toBeNull();
});

test('a worker follows the station from its page (关注驿站) and unfollows it', async () => {
  await signInAs('worker');
  await openPage(`/pkg-station/detail/index?id=${STATION}`);
  await waitFor(() => expect(text('#board-follow')).toBe('关注驿站'));
  await click('#board-follow');
  await waitFor(() => expect(text('#board-follow')).toBe('已关注'));
  expect((await api.stationFollow({ params: { id: STATION } })).following).toBe(true);
  await click('#board-follow');
  await waitFor(() => expect(text('#board-follow')).toBe('关注驿站'));
  expect((await api.stationFollow({ params: { id: STATION } })).following).toBe(false);
});

test('the host checks the worker in by code and sees counts and codes, never names', async () => {
  await signInAs('host');
  await openPage(`/pkg-board/checkin/index?id=${eventId}`);
  await waitFor(() => expect(text('#count-reserved')).toBe('1'));
  expect(text('#count-capacity')).toBe('2');
  expect(text('#count-checked-in')).toBe('0');

  await type('#checkin-code', code === '0000' ? '9999' : '0000');
  fireEvent.click($('#checkin-submit')!);
  await waitFor(() => expect(text('#checkin-error')).toContain('签到码不对'));

  await type('#checkin-code', code);
  fireEvent.click($('#checkin-submit')!);
  await waitFor(() => expect(text('#checkin-done')).toBe(`${code} 签到成功`));
  expect(text('#count-checked-in')).toBe('1');
  expect(text(`#code-${code}`)).toBe(`${code} ✓`);
  expect(currentPage().textContent).not.toMatch(/演示|worker|1[3-9]\d{9}/);
});

test('the phone shows only to the signed-in, on tap; a reported post is hidden by staff from the queue', async () => {
  const host = await signInAs('host');
  const job: PostView = await createPost(stack.url, host, STATION, boardJobBody({ employer: '城区保洁公司', phone: '0792-5551234' }));

  saveSession(null);
  await openPage(`/pkg-board/post/index?id=${job.id}`);
  await waitFor(() => expect(text('#post-title')).toBe('城区保洁公司'));
  expect($('#post-login-hint')).not.toBeNull();
  expect(currentPage().textContent).not.toContain('0792-5551234');

  await signInAs('worker');
  await openPage(`/pkg-board/post/index?id=${job.id}`);
  await waitFor(() => expect($('#post-reveal')).not.toBeNull());
  expect(currentPage().textContent).not.toContain('0792-5551234');
  fireEvent.click($('#post-reveal')!);
  await waitFor(() => expect(text('#post-phone .board__phone')).toBe('0792-5551234'));

  await click('#post-report-open');
  await click('#report-charges_money');
  await waitFor(() => expect($('#report-charges_money')?.className).toContain('board__chip--on'));
  await click('#report-send');
  await waitFor(() => expect(text('#post-notice')).toContain('举报已送达'));

  await signInAs('district-staff');
  await openPage('/pkg-board/moderation/index');
  await waitFor(() => expect($(`#reported-${job.id}`)).not.toBeNull());
  expect($(`#reported-${job.id}`)?.textContent).toContain('收费');
  await click(`#hide-${job.id}`);
  // The decision reached the server: the region's queue is empty.
  await waitFor(async () => expect((await api.reportedPosts({ query: { regionCode: '360428' } })).items).toEqual([]));
  await waitFor(() => expect($(`#reported-${job.id}`)).toBeNull());
  await waitFor(() => expect(text('#moderation-empty .state-view__title')).toBe('没有待处理的举报'));
  // Hidden: gone for workers.
  await openPage(`/pkg-board/post/index?id=${job.id}`);
  await waitFor(() => expect($('#post-missing')).not.toBeNull());
});
