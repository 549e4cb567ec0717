import type { Page } from 'playwright-core';
import { appInBrowser, artifactPath, phoneContext } from '../helpers/browser';

/**
 * The notice board's walk in the browser on `npm start`'s stack: the demo host posts an event with
 * places at their station (都昌县), a worker standing nearby finds it under 附近的零工和活动, taps 我要去
 * and gets a 4-digit code, and the host checks them in by that code, seeing counts and codes only.
 */

const STATION = 'amap-B0J3R71OZC'; // 都昌县智能化工会户外劳动者驿站, the demo host's station
const NEAR_IT = { lat: 29.2712, lng: 116.2013 };
const TITLE = `冬送温暖 ${Date.now() % 10_000}`;

const e2e = appInBrowser();

async function signIn(page: Page, persona: string) {
  await page.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await page.locator(`#persona-${persona}`).click({ timeout: 20_000 });
  await page.locator('#signed-in').waitFor({ timeout: 15_000 });
}

test('the host posts an event, a worker nearby reserves a place, the host checks them in by code', async () => {
  // 1. The host opens their station and posts an event with 3 places.
  const host = await (await phoneContext(e2e.browser, null)).newPage();
  await signIn(host, 'host');
  await host.goto(`${e2e.app.url}/#/pages/station/index?id=${STATION}`);
  await host.locator('#board-compose').click({ timeout: 20_000 });
  await host.locator('#compose-page').waitFor({ timeout: 15_000 });
  await host.locator('#compose-category-warming').click();
  await host.locator('#field-title input').fill(TITLE);
  await host.locator('#field-gives textarea').fill('棉手套、保温杯和热姜茶，先到先得');
  await host.locator('#field-capacity input').fill('3');
  await host.locator('#compose-submit').click();
  await host.locator('#post-title', { hasText: TITLE }).waitFor({ timeout: 15_000 });
  await expect(host.locator('#post-places').textContent()).resolves.toBe('名额 3，已约 0，还剩 3');
  await host.screenshot({ path: artifactPath('board-posted.png'), fullPage: true });

  // 2. A worker nearby finds it in 附近的零工和活动 and taps 我要去.
  const worker = await (await phoneContext(e2e.browser, NEAR_IT)).newPage();
  await signIn(worker, 'worker');
  await worker.goto(`${e2e.app.url}/#/pages/stations/index`);
  await worker.locator('#board-link').click({ timeout: 20_000 });
  const row = worker.locator('[id^="post-bp_"]', { hasText: TITLE });
  await row.waitFor({ timeout: 20_000 });
  await expect(row.textContent()).resolves.toContain('剩 3 个名额');
  await row.click();
  await worker.locator('#post-reserve').click({ timeout: 15_000 });
  const codeText = worker.locator('#post-code');
  await codeText.waitFor({ timeout: 15_000 });
  const code = ((await codeText.textContent()) ?? '').trim();
  expect(code).toMatch(/^\d{4}$/);
  await worker.screenshot({ path: artifactPath('board-reserved.png'), fullPage: true });

  // 3. The host checks the worker in by the code they say.
  await host.locator('#post-checkin').click();
  await host.locator('#count-reserved', { hasText: '1' }).waitFor({ timeout: 15_000 });
  await host.locator('#checkin-code input').fill(code);
  await host.locator('#checkin-submit').click();
  await host.locator('#checkin-done', { hasText: `${code} 签到成功` }).waitFor({ timeout: 15_000 });
  await expect(host.locator('#count-checked-in').textContent()).resolves.toBe('1');
  await expect(host.locator(`#code-${code}`).textContent()).resolves.toBe(`${code} ✓`);
  // Counts and codes only: no name or phone of the worker on the desk.
  const desk = (await host.locator('#checkin-page').textContent()) ?? '';
  expect(desk).not.toMatch(/1[3-9]\d{9}|演示/);
  await host.screenshot({ path: artifactPath('board-checked-in.png'), fullPage: true });
});
