import type { Browser, Page } from 'playwright-core';
import { appInBrowser, artifactPath, phoneContext, screenshotSizes } from '../helpers/browser';
import { missingGlyphs } from '../helpers/glyphs';

/**
 * 网上入会 in the browser, on `npm start`'s stack: a worker fills in and submits the form, district staff
 * open it, reveal the ID number and approve it, and the worker sees the e-card; a station host checks
 * the card's rotating code and sees 有效会员, and the same code is refused after two minutes. Then the
 * main pages, on this same stack, are photographed at two phone sizes and the largest font, and no
 * rendered character lacks a font.
 */

const e2e = appInBrowser();

async function signIn(page: Page, persona: string) {
  await page.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await page.locator(`#persona-${persona}`).click({ timeout: 20_000 });
  await page.locator('#signed-in').waitFor({ timeout: 15_000 });
}

async function confirmModal(page: Page) {
  await page.locator('.taro-model__confirm').click({ timeout: 10_000 });
}

const ID_NUMBER = '11010519491231002X';
const HOST_STATION = 'amap-B0J3R71OZC'; // the `host` persona's station, in 都昌县
const DUCHANG_CENTRE = { lat: 29.2731, lng: 116.2041 };

/** The approved worker's page on the e-card, kept for the tests after the first. */
let cardPage: Page | null = null;

test('apply → staff approve → the applicant sees the e-card', async () => {
  // The worker fills in the form.
  const workerContext = await phoneContext(e2e.browser, null);
  const worker = await workerContext.newPage();
  await signIn(worker, 'worker');
  await worker.locator('#membership-link').click();
  await worker.locator('#start-apply').click({ timeout: 15_000 });
  await worker.locator('#apply-form').waitFor({ timeout: 15_000 });

  await worker.locator('#field-name input').fill('王小明');
  // The draft is kept on the phone: a reload keeps what was typed.
  await worker.reload();
  await expect(worker.locator('#field-name input').inputValue({ timeout: 15_000 })).resolves.toBe('王小明');

  await worker.locator('#field-idNumber input').fill('110105194912310021');
  await worker.locator('#field-mobile input').fill('13812341234');
  await worker.locator('#occupation-courier').click();
  await worker.locator('#field-employer input').fill('顺丰速运');
  await worker.locator('#field-district').click();
  await worker.locator('#region-36').click({ timeout: 15_000 });
  await worker.locator('#region-3604').click({ timeout: 15_000 });
  await worker.locator('#region-360428').click({ timeout: 15_000 });
  await expect(worker.locator('#field-district').textContent()).resolves.toContain('江西省 九江市 都昌县');

  // Submitting without consent and with a wrong check digit: both errors under their fields.
  await worker.locator('#submit-application').click();
  await worker.locator('#error-idNumber', { hasText: '校验位' }).waitFor({ timeout: 10_000 });
  await expect(worker.locator('#error-consent').textContent()).resolves.toContain('敏感个人信息');
  await worker.screenshot({ path: artifactPath('membership-form-errors.png'), fullPage: true });

  await worker.locator('#field-idNumber input').fill(ID_NUMBER.toLowerCase());
  await worker.locator('#id-derived', { hasText: '女 · 出生日期 1949-12-31' }).waitFor({ timeout: 10_000 });
  await worker.locator('#field-consent').click();
  expect(await worker.locator('#error-idNumber').count()).toBe(0);
  await worker.locator('#submit-application').click();
  await worker.locator('#status-badge', { hasText: '审核中' }).waitFor({ timeout: 15_000 });
  await expect(worker.locator('#application-status').textContent()).resolves.toContain('*'.repeat(18));

  // District staff approve it.
  const staffContext = await phoneContext(e2e.browser, null);
  const staff = await staffContext.newPage();
  await signIn(staff, 'district-staff');
  await staff.locator('#workbench-link').click();
  await staff.locator('#applications-link').click({ timeout: 15_000 });
  const row = staff.locator('.queue__item', { hasText: '王小明' });
  await row.locator('.queue__body').click({ timeout: 15_000 });
  await staff.locator('#application-detail').waitFor({ timeout: 15_000 });
  await expect(staff.locator('#row-idNumber').textContent()).resolves.toContain('*'.repeat(18));
  await staff.locator('#reveal-idNumber').click();
  await confirmModal(staff);
  await staff.locator('#row-idNumber', { hasText: ID_NUMBER }).waitFor({ timeout: 10_000 });
  await staff.locator('#approve').click();
  await confirmModal(staff);
  await staff.locator('#detail-status', { hasText: '已通过' }).waitFor({ timeout: 15_000 });
  const memberNo = ((await staff.locator('#row-memberNo').textContent()) ?? '').replace(/\D/g, '');
  expect(memberNo).toMatch(/^360428\d{10}$/);
  await staff.screenshot({ path: artifactPath('membership-staff-approved.png'), fullPage: true });
  await staffContext.close();

  // The worker sees the decision and the e-card.
  await worker.goto(`${e2e.app.url}/#/pkg-member/status/index`);
  await worker.locator('#status-badge', { hasText: '已通过' }).waitFor({ timeout: 15_000 });
  await worker.locator('#open-card').click();
  await worker.locator('#member-card').waitFor({ timeout: 15_000 });
  await expect(worker.locator('#card-name').textContent()).resolves.toBe('王小明');
  await expect(worker.locator('#card-member-no').textContent()).resolves.toBe(memberNo);
  await expect(worker.locator('#member-card').textContent()).resolves.toContain('都昌县总工会');
  // Let the page's slide-in finish before the picture.
  await worker.waitForFunction(() => {
    const card = (globalThis as unknown as { document: { querySelector(s: string): { getBoundingClientRect(): { left: number } } | null } }).document.querySelector('#member-card');
    return (card?.getBoundingClientRect().left ?? 999) < 40;
  });
  await worker.screenshot({ path: artifactPath('membership-e-card.png'), fullPage: true });
  cardPage = worker;
});

async function checkAsHost(page: Page, code: string) {
  await page.goto(`${e2e.app.url}/#/pkg-host/member-scan/index?id=${HOST_STATION}&name=${encodeURIComponent('都昌县智能化工会户外劳动者驿站')}`);
  await page.locator('#member-code textarea').fill(code, { timeout: 15_000 });
  await page.locator('#check-member').click();
}

test('a host checks the card’s rotating code: 有效会员 with the masked name, counted; two minutes later it is refused', async () => {
  const worker = cardPage!;
  // The card shows a live clock and the code's text (a browser has no camera: the text is pasted).
  await worker.locator('#member-qr').waitFor({ timeout: 15_000 });
  const clock = await worker.locator('#card-clock').textContent();
  await worker.waitForFunction((before) => document.querySelector('#card-clock')?.textContent !== before, clock, { timeout: 5_000 });
  const code = ((await worker.locator('#member-pass-content').textContent()) ?? '').trim();
  expect(code).toMatch(/^YZMEMBER:/);

  const hostContext = await phoneContext(e2e.browser, null);
  const host = await hostContext.newPage();
  await signIn(host, 'host');
  await checkAsHost(host, code);
  await host.locator('#member-valid').waitFor({ timeout: 15_000 });
  await expect(host.locator('#member-valid').textContent()).resolves.toContain('有效会员');
  await expect(host.locator('#member-valid-name').textContent()).resolves.toBe('王**');
  await host.locator('#member-count', { hasText: '已计入本站今日核验人次' }).waitFor({ timeout: 15_000 });
  await host.screenshot({ path: artifactPath('member-scan-valid.png'), fullPage: true });

  // Offline the check still works; the count waits on the phone and is sent when the page next opens online.
  await hostContext.setOffline(true);
  await checkAsHost(host, code);
  await host.locator('#member-valid-name', { hasText: '王**' }).waitFor({ timeout: 15_000 });
  await host.locator('#member-count', { hasText: '网络不可用：已在本机核验' }).waitFor({ timeout: 30_000 });
  const pending = () => host.evaluate(() => localStorage.getItem('yz-member-scans-pending'));
  expect(await pending()).toContain('YZMEMBER:');
  await hostContext.setOffline(false);
  await checkAsHost(host, code);
  await host.waitForFunction(() => localStorage.getItem('yz-member-scans-pending') === null, undefined, { timeout: 15_000 });

  // A changed character in the signature: refused as forged.
  const last = code.slice(-2, -1) === 'A' ? 'B' : 'A';
  await checkAsHost(host, `${code.slice(0, -2)}${last}${code.slice(-1)}`);
  await host.locator('#member-invalid-reason', { hasText: '签名校验失败' }).waitFor({ timeout: 15_000 });

  // The host's phone three minutes later: the same code (a screenshot of the card) is refused.
  const laterContext = await phoneContext(e2e.browser, null);
  const later = await laterContext.newPage();
  await later.clock.install({ time: new Date(Date.now() + 3 * 60_000) });
  await signIn(later, 'host');
  await checkAsHost(later, code);
  await later.locator('#member-invalid').waitFor({ timeout: 15_000 });
  await expect(later.locator('#member-invalid-reason').textContent()).resolves.toContain('会员码已过期（超过 2 分钟）');
  expect(await later.locator('#member-valid').count()).toBe(0);
  await later.screenshot({ path: artifactPath('member-scan-expired.png'), fullPage: true });
  await laterContext.close();
  await hostContext.close();
});

test('the main pages at 360×640, 390×844 and the largest font, with no character that no font can draw', async () => {
  const problems: string[] = [];
  const look = async (page: Page, name: string, url: string, ready: string) => {
    await page.goto(`${e2e.app.url}/#${url}`);
    // Taro's H5 router keeps earlier pages in the document, hidden: wait for the one in front.
    await page.locator(`${ready} >> visible=true`).first().waitFor({ timeout: 20_000 });
    for (const m of await missingGlyphs(page)) problems.push(`${name}: ${m.codePoint} ${m.char} in “${m.sample}”`);
    await screenshotSizes(page, name);
    await page.setViewportSize({ width: 390, height: 844 });
  };

  // The check itself: an emoji with no emoji font on this machine is caught.
  const probe = cardPage!;
  await probe.evaluate(() => {
    const span = document.createElement('span');
    span.id = 'glyph-probe';
    span.textContent = '📍 驿站';
    document.body.appendChild(span);
  });
  expect((await missingGlyphs(probe)).map((m) => m.codePoint)).toContain('U+1F4CD');
  await probe.evaluate(() => document.querySelector('#glyph-probe')?.remove());

  await look(probe, 'member-card', '/pkg-member/card/index', '#member-qr');
  await look(probe, 'me', '/pages/me/index', '#membership-link');
  await look(probe, 'wishes', '/pages/wishes/index', '.wall__card');
  await look(probe, 'privacy', '/pages/privacy/index', '.page');
  await look(probe, 'station', `/pages/station/index?id=${HOST_STATION}`, '#station-name');

  const nearContext = await phoneContext(e2e.browser, DUCHANG_CENTRE);
  const near = await nearContext.newPage();
  await look(near, 'stations', '/pages/stations/index', '.station-row');
  await nearContext.close();

  const hostContext = await phoneContext(e2e.browser, null);
  const host = await hostContext.newPage();
  await signIn(host, 'host');
  await look(host, 'host-stations', '/pkg-host/stations/index', `#host-station-${HOST_STATION}`);
  await look(host, 'member-scan', `/pkg-host/member-scan/index?id=${HOST_STATION}`, '#member-code');
  await hostContext.close();

  expect(problems).toEqual([]);
});

afterAll(async () => {
  await cardPage?.context().close().catch(() => undefined);
});
