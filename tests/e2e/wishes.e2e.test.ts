import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { appInBrowser, artifactPath, phoneContext } from '../helpers/browser';

/**
 * A micro-wish from posting to thanks, in the browser on `npm start`'s stack: the demo hardship worker
 * (环卫工人刘阿姨, on file in 北海市海城区 as the demo file hf_demo_liu) posts a wish handed over through
 * union staff; staff whose region covers 海城区 approve it; the demo volunteer (registered by the demo
 * data) claims it from the wall and marks it delivered; the worker confirms receipt and thanks; the wall shows the thanks.
 * 海城区总工会's district staff persona moderates and reads the numbers in the walk; the station
 * handover test moderates as the platform admin, who types the region code.
 */

const e2e = appInBrowser();

async function signIn(page: Page, persona: string) {
  await page.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await page.locator(`#persona-${persona}`).click({ timeout: 20_000 });
  await page.locator('#signed-in').waitFor({ timeout: 15_000 });
}

/** The admin's region: typed once the page has mounted, and shown back before going on. */
async function chooseRegion(page: Page, code: string, name: string) {
  await page.locator('#region-bar').waitFor({ timeout: 15_000 });
  await page.locator('#scope-input input').fill(code);
  await page.locator('#scope-apply').click();
  // Shown by name, not by code.
  await page.locator('#current-region', { hasText: `当前地区：${name}` }).waitFor({ timeout: 15_000 });
}

async function confirmModal(page: Page) {
  await page.locator('.taro-model__confirm').click({ timeout: 10_000 });
}

const TITLE = `想要一台电饭煲 ${Date.now() % 10_000}`;
const THANKS = '电饭煲收到了，煮饭又快又香，谢谢好心人！';

test('post → moderate → claim → deliver → confirm received → thanks, and the wall shows the thanks', async () => {
  // 1. The hardship worker posts a wish.
  const workerContext = await phoneContext(e2e.browser, null);
  const worker = await workerContext.newPage();
  await signIn(worker, 'hardship');
  await worker.locator('#my-wishes-link').click();
  await worker.locator('#new-wish').click({ timeout: 15_000 });
  await worker.locator('#wish-form').waitFor({ timeout: 15_000 });
  await worker.locator('#field-title input').fill(TITLE);
  await worker.locator('#field-story textarea').fill('家里的电饭煲用了十几年，内胆坏了，早上出门扫街前想给孙子煮口热饭。');
  await worker.locator('#category-appliance').click();
  await worker.locator('#field-value input').fill('260');
  await worker.locator('#handover-staff').click();
  await worker.locator('#submit-wish').click();
  await worker.locator('#posted-banner').waitFor({ timeout: 15_000 });
  const card = worker.locator('[id^="my-wish-"]', { hasText: TITLE });
  const wishId = ((await card.getAttribute('id')) ?? '').replace('my-wish-', '');
  expect(wishId).toMatch(/^w_/);
  await expect(worker.locator(`#my-status-${wishId}`).textContent()).resolves.toBe('待审核');
  await worker.screenshot({ path: artifactPath('wishes-posted.png'), fullPage: true });

  // Not on the wall before moderation.
  const wall = await (await phoneContext(e2e.browser, null)).newPage();
  await wall.goto(`${e2e.app.url}/#/pages/wishes/index`);
  await wall.locator('#wall-list, #wall-empty').first().waitFor({ timeout: 20_000 });
  expect(await wall.locator(`#wish-${wishId}`).count()).toBe(0);

  // 2. Staff whose region covers 海城区 approve it.
  const staffContext = await phoneContext(e2e.browser, null);
  const staff = await staffContext.newPage();
  await signIn(staff, 'district-staff-beihai');
  await staff.locator('#workbench-link').click();
  await staff.locator('#wish-review-link').click({ timeout: 15_000 });
  await staff.locator('#region-bar', { hasText: '海城区' }).waitFor({ timeout: 15_000 });
  await staff.locator(`#review-${wishId}`).waitFor({ timeout: 15_000 });
  await expect(staff.locator(`#review-${wishId}`).textContent()).resolves.toContain('内胆坏了');
  await staff.locator(`#approve-${wishId}`).click();
  await confirmModal(staff);
  await staff.locator(`#review-status-${wishId}`, { hasText: '待认领' }).waitFor({ timeout: 15_000 });
  await staff.screenshot({ path: artifactPath('wishes-approved.png'), fullPage: true });

  // 3. The volunteer finds it on the wall, opens it and claims it.
  const volunteerContext = await phoneContext(e2e.browser, null);
  const volunteer = await volunteerContext.newPage();
  await signIn(volunteer, 'volunteer');
  await volunteer.goto(`${e2e.app.url}/#/pages/wishes/index`);
  await volunteer.locator('#wall-status-open').click({ timeout: 20_000 });
  await volunteer.locator(`#wish-${wishId}`).click({ timeout: 20_000 });
  await volunteer.locator('#wish-detail').waitFor({ timeout: 15_000 });
  const label = (await volunteer.locator('#wish-label').textContent()) ?? '';
  expect(label).toBe('环卫工人 · 北海');
  expect(await volunteer.locator('#wish-detail').textContent()).not.toContain('刘');
  // The demo volunteer is registered (npm start's demo data): the tap claims at once.
  await volunteer.locator('#claim-wish', { hasText: '我来认领' }).click();
  await volunteer.locator('#claimed-banner').waitFor({ timeout: 15_000 });
  await expect(volunteer.locator(`#handover-${wishId}`).textContent()).resolves.toContain('海城区总工会');
  await expect(volunteer.locator(`#deadline-${wishId}`).textContent()).resolves.toMatch(/还有 1[34] 天/);

  // Staff arranging the handover see the claimant masked, and in full only on purpose (audited).
  await staff.locator('#review-active').click();
  const claimant = staff.locator(`#claimant-${wishId}`);
  await expect(claimant.textContent({ timeout: 15_000 })).resolves.toMatch(/1\d\d\*{4}\d{4}/);
  await staff.locator(`#reveal-${wishId}`).click();
  await confirmModal(staff);
  await staff.locator(`#claimant-${wishId}`, { hasText: /1\d{10}/ }).waitFor({ timeout: 15_000 });

  // 4. The volunteer hands it to the union and marks it delivered, with a note.
  await volunteer.locator(`#deliver-${wishId}`).click();
  await volunteer.locator(`#deliver-note-${wishId} textarea`).fill('已交到海城区总工会一楼服务窗口');
  await volunteer.locator(`#deliver-confirm-${wishId}`).click();
  await volunteer.locator(`#claim-status-${wishId}`, { hasText: '已送达' }).waitFor({ timeout: 15_000 });
  await volunteer.screenshot({ path: artifactPath('wishes-delivered.png'), fullPage: true });

  // 5. The worker confirms receipt and writes thanks.
  await worker.goto(`${e2e.app.url}/#/pkg-wishes/mine/index`);
  await worker.reload();
  await worker.locator(`#confirm-received-${wishId}`).click({ timeout: 20_000 });
  await confirmModal(worker);
  await worker.locator(`#my-status-${wishId}`, { hasText: '已收到' }).waitFor({ timeout: 15_000 });
  await worker.locator(`#thank-${wishId}`).click();
  await worker.locator(`#thanks-text-${wishId} textarea`).fill(THANKS);
  await worker.locator(`#thanks-send-${wishId}`).click();
  await worker.locator(`#my-status-${wishId}`, { hasText: '已致谢' }).waitFor({ timeout: 15_000 });
  await worker.locator(`#timeline-toggle-${wishId}`).click();
  const timeline = (await worker.locator(`#my-wish-${wishId} #wish-timeline`).textContent()) ?? '';
  for (const step of ['发布心愿', '审核通过', '认领', '标记送达', '确认收到', '致谢']) expect(timeline).toContain(step);

  // 6. The wall shows it fulfilled, with the thanks.
  await wall.goto(`${e2e.app.url}/#/pages/wishes/index`);
  await wall.reload();
  await wall.locator('#wall-status-done').click({ timeout: 20_000 });
  const done = wall.locator(`#wish-${wishId}`);
  await done.waitFor({ timeout: 20_000 });
  await expect(done.textContent()).resolves.toContain(THANKS);
  await expect(done.textContent()).resolves.toContain('已致谢');
  await wall.screenshot({ path: artifactPath('wishes-wall-thanks.png'), fullPage: true });

  // Staff's numbers for 海城区 count it as posted, claimed and fulfilled.
  await staff.goto(`${e2e.app.url}/#/pkg-wishes/stats/index`);
  await staff.locator('#region-bar', { hasText: '海城区' }).waitFor({ timeout: 15_000 });
  await staff.locator('#stats-numbers').waitFor({ timeout: 15_000 });
  for (const stat of ['posted', 'claimed', 'fulfilled']) {
    expect(Number((await staff.locator(`#stat-${stat} .wish__stat-value`).textContent()) ?? '0')).toBeGreaterThanOrEqual(1);
  }
  await expect(staff.locator('#stat-median').textContent()).resolves.toMatch(/\d+(\.\d)? 天/);
  expect(Number((await staff.locator('#stat-category-appliance').textContent())?.replace(/\D/g, '') ?? '0')).toBeGreaterThanOrEqual(1);
  await staff.screenshot({ path: artifactPath('wishes-stats.png'), fullPage: true });

  // And the volunteer sees the thanks among their claims.
  await volunteer.reload();
  await volunteer.locator(`#claim-thanks-${wishId}`, { hasText: THANKS }).waitFor({ timeout: 15_000 });
  await Promise.all([workerContext.close(), staffContext.close(), volunteerContext.close()]);
});

const STATION = 'amap-B0J3R71OZC'; // 都昌县智能化工会户外劳动者驿站, the demo host's station

test('a station handover: the volunteer sees the station and adds a photo, the host sees only the pickup code and hands it over', async () => {
  // The worker posts a wish to be picked up at a station, found by district and keyword.
  const workerContext = await phoneContext(e2e.browser, null);
  const worker = await workerContext.newPage();
  await signIn(worker, 'hardship');
  await worker.goto(`${e2e.app.url}/#/pkg-wishes/post/index`);
  await worker.locator('#wish-form').waitFor({ timeout: 15_000 });
  const title = `想要一双防滑雨靴 ${Date.now() % 10_000}`;
  const story = '下雨天扫街鞋子总是湿透，想要一双防滑的雨靴。';
  await worker.locator('#field-title input').fill(title);
  await worker.locator('#field-story textarea').fill(story);
  await worker.locator('#category-clothing').click();
  await worker.locator('#field-value input').fill('89');
  await worker.locator('#handover-station').click();
  await worker.locator('#stations-district').click();
  await worker.locator('#region-36').click({ timeout: 15_000 });
  await worker.locator('#region-3604').click({ timeout: 15_000 });
  await worker.locator('#region-360428').click({ timeout: 15_000 });
  await worker.locator('#station-keyword input').fill('智能化', { timeout: 15_000 });
  await worker.locator('#station-search').click();
  await worker.locator(`#pick-station-${STATION}`).click({ timeout: 15_000 });
  await expect(worker.locator('#picked-station').textContent()).resolves.toContain('都昌县智能化工会户外劳动者驿站');
  await worker.locator('#submit-wish').click();
  await worker.locator('#posted-banner').waitFor({ timeout: 15_000 });
  const wishId = ((await worker.locator('[id^="my-wish-"]', { hasText: title }).getAttribute('id')) ?? '').replace('my-wish-', '');
  expect(wishId).toMatch(/^w_/);

  // Staff approve; the volunteer claims and is told where to bring it.
  const staff = await (await phoneContext(e2e.browser, null)).newPage();
  await signIn(staff, 'admin');
  await staff.goto(`${e2e.app.url}/#/pkg-wishes/review/index`);
  await chooseRegion(staff, '450502', '广西壮族自治区 北海市 海城区');
  await staff.locator(`#approve-${wishId}`).click({ timeout: 15_000 });
  await confirmModal(staff);
  await staff.locator(`#review-status-${wishId}`, { hasText: '待认领' }).waitFor({ timeout: 15_000 });

  const volunteer = await (await phoneContext(e2e.browser, null)).newPage();
  await signIn(volunteer, 'volunteer');
  await volunteer.goto(`${e2e.app.url}/#/pkg-wishes/detail/index?id=${wishId}`);
  await volunteer.locator('#claim-wish', { hasText: '我来认领' }).click({ timeout: 15_000 });
  const handover = volunteer.locator(`#handover-${wishId}`);
  await handover.waitFor({ timeout: 15_000 });
  await expect(handover.textContent()).resolves.toContain('都昌县智能化工会户外劳动者驿站');

  // Before delivery the host sees the wish waiting, by reference and pickup code, without the story.
  const host = await (await phoneContext(e2e.browser, null)).newPage();
  await signIn(host, 'host');
  await host.locator('#host-stations-link').click();
  await host.locator(`#host-wishes-${STATION}`).click({ timeout: 15_000 });
  const row = host.locator(`#host-wish-${wishId}`);
  await row.waitFor({ timeout: 15_000 });
  expect(await host.locator('#station-handover').textContent()).not.toContain(story);

  // The volunteer delivers with a photo (the browser's file picker).
  await volunteer.locator(`#deliver-${wishId}`).click();
  const [chooser] = await Promise.all([volunteer.waitForEvent('filechooser'), volunteer.locator(`#deliver-photo-${wishId}`).click()]);
  await chooser.setFiles({ name: 'delivery.png', mimeType: 'image/png', buffer: await QRCode.toBuffer('送达照片') });
  await volunteer.locator(`#deliver-confirm-${wishId}`).click();
  await volunteer.locator(`#claim-status-${wishId}`, { hasText: '已送达' }).waitFor({ timeout: 15_000 });
  await volunteer.locator(`#delivery-photo-${wishId}`).waitFor({ timeout: 15_000 });
  await volunteer.screenshot({ path: artifactPath('wishes-station-delivered.png'), fullPage: true });

  // The worker has the pickup code; a wrong code is refused, the right one hands it over.
  await worker.goto(`${e2e.app.url}/#/pkg-wishes/mine/index`);
  await worker.reload();
  const code = ((await worker.locator(`#pickup-code-${wishId}`).textContent({ timeout: 20_000 })) ?? '').trim();
  expect(code).toMatch(/^\d{6}$/);
  await host.reload();
  await host.locator('#pickup-code-input input').fill(code === '222222' ? '333333' : '222222', { timeout: 15_000 });
  await host.locator('#handover-submit').click();
  await expect(host.locator('#handover-error').textContent({ timeout: 15_000 })).resolves.toContain('取件码不正确');
  await host.locator('#pickup-code-input input').fill(code);
  await host.locator('#handover-submit').click();
  await expect(host.locator('#handover-done').textContent({ timeout: 15_000 })).resolves.toContain(title);
  await host.screenshot({ path: artifactPath('wishes-station-handover.png'), fullPage: true });

  await worker.reload();
  await worker.locator(`#my-status-${wishId}`, { hasText: '已收到' }).waitFor({ timeout: 15_000 });
  await expect(worker.locator(`#thank-${wishId}`).count()).resolves.toBe(1);
  await workerContext.close();
});

const BEIHAI_CENTRE = { lat: 21.4813, lng: 109.1201 };

test('the wall at 360×640: filters folded so the first wish shows on the first screen; 我附近 finds 北海', async () => {
  const context = await phoneContext(e2e.browser, BEIHAI_CENTRE, { viewport: { width: 360, height: 640 } });
  const wall = await context.newPage();
  await wall.goto(`${e2e.app.url}/#/pages/wishes/index`);
  const first = wall.locator('.wall__card').first();
  await first.waitFor({ timeout: 20_000 });
  expect(await wall.locator('#wall-filters').count()).toBe(0);
  // Its top (and its title) are above the tab bar, on the first screen.
  const card = (await first.boundingBox())!;
  const tabBar = await wall.locator('.taro-tabbar__tabbar').first().boundingBox();
  const bottom = tabBar ? tabBar.y : 640;
  expect(card.y).toBeGreaterThanOrEqual(0);
  expect(card.y + 40).toBeLessThanOrEqual(bottom);
  await wall.screenshot({ path: artifactPath('wishes-wall-360.png') });

  await wall.locator('#wall-filter-toggle').click();
  await wall.locator('#wall-filters').waitFor({ timeout: 10_000 });
  await wall.locator('#wall-near-me').click();
  // The city of the nearest station's district, named by the region table; the filters fold away.
  await wall.locator('#wall-active-city', { hasText: '北海' }).waitFor({ timeout: 20_000 });
  expect(await wall.locator('#wall-filters').count()).toBe(0);
  await expect(wall.locator('#wall-filter-toggle').textContent()).resolves.toBe('筛选 1');
  await wall.waitForFunction(() => {
    const labels = [...document.querySelectorAll('.wall__card .wall__label')].map((e) => e.textContent ?? '');
    return labels.length > 0 && labels.every((l) => l.includes('北海'));
  }, undefined, { timeout: 15_000 });
  await wall.screenshot({ path: artifactPath('wishes-wall-near-me-360.png') });

  // The chip clears it.
  await wall.locator('#wall-active-city').click();
  await wall.waitForFunction(() => document.querySelectorAll('#wall-active-city').length === 0, undefined, { timeout: 10_000 });
  await context.close();
});

test('the wall with location refused says so and offers the region picker; a picked city filters the wall', async () => {
  const context = await phoneContext(e2e.browser, null, { viewport: { width: 360, height: 640 } });
  const wall = await context.newPage();
  await wall.goto(`${e2e.app.url}/#/pages/wishes/index`);
  await wall.locator('.wall__card').first().waitFor({ timeout: 20_000 });
  await wall.locator('#wall-filter-toggle').click();
  await wall.locator('#wall-near-me').click();
  await wall.locator('#wall-near-problem').waitFor({ timeout: 20_000 });
  await expect(wall.locator('#wall-near-problem').textContent()).resolves.toContain('没有获得定位权限');
  await wall.locator('#wall-pick-region').click();
  await wall.locator('#region-45').click({ timeout: 15_000 });
  await wall.locator('#region-4510').click({ timeout: 15_000 });
  await wall.locator('#wall-active-city', { hasText: '百色' }).waitFor({ timeout: 15_000 });
  await wall.waitForFunction(() => {
    const labels = [...document.querySelectorAll('.wall__card .wall__label')].map((e) => e.textContent ?? '');
    return labels.length > 0 && labels.every((l) => l.includes('百色'));
  }, undefined, { timeout: 15_000 });
  await wall.screenshot({ path: artifactPath('wishes-wall-picked-city-360.png') });
  await context.close();
});
