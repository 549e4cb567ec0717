import { appInBrowser, artifactPath, phoneContext } from '../helpers/browser';

/**
 * A station host closes their station for the afternoon in the app, and a worker looking for a
 * station nearby sees it shown as closed, with the reason, instead of walking there in the rain.
 */

const STATION = 'amap-B0J3R71OZC'; // 都昌县智能化工会户外劳动者驿站, the demo host's station
const NEAR_IT = { lat: 29.2712, lng: 116.2013 };

const e2e = appInBrowser();

test('a host closes their station temporarily and the finder shows it closed', async () => {
  // The worker's view before: the station is in the list, not marked as paused.
  const workerContext = await phoneContext(e2e.browser, NEAR_IT);
  const worker = await workerContext.newPage();
  await worker.goto(`${e2e.app.url}/`);
  const row = worker.locator(`#station-${STATION}`);
  await row.waitFor({ timeout: 20_000 });
  expect(await row.locator('.badge').textContent()).not.toContain('暂停开放');

  // The host signs in through the development login and opens their station.
  const hostContext = await phoneContext(e2e.browser, null);
  const host = await hostContext.newPage();
  await host.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await host.locator('#persona-host').click({ timeout: 20_000 });
  await host.locator('#host-stations-link').click({ timeout: 15_000 });
  await host.locator(`#host-station-${STATION} .host__title`).click({ timeout: 15_000 });
  await host.locator('#closure-reason input').fill('水管检修，下午暂停开放', { timeout: 15_000 });
  await host.locator('#close-station').click();
  await host.locator('#closure-now').waitFor({ timeout: 15_000 });
  expect(await host.locator('#closure-now').textContent()).toContain('水管检修，下午暂停开放');
  await host.screenshot({ path: artifactPath('host-closed-station.png'), fullPage: true });

  // The change is in the station's history, with who made it.
  await host.locator('#history-link').click();
  await host.locator('#history .host__entry').first().waitFor({ timeout: 15_000 });
  const newest = await host.locator('#history .host__entry').first().textContent();
  expect(newest).toContain('暂停开放');
  expect(newest).toContain('demo-host');
  await hostContext.close();

  // The worker looks again (a reload, as a pull-to-refresh) until the rebuilt tiles reach their phone:
  // the phone keeps its manifest 30 s and the browser's cache may add its own 30 s (docs/data-model.md,
  // "Station tiles": about 65 s at worst). Then the station is shown closed, and its page says why.
  const closedAt = Date.now();
  for (;;) {
    await worker.reload();
    await row.waitFor({ timeout: 20_000 });
    const shown = await worker
      .waitForFunction((id) => document.querySelector(`#station-${id} .badge`)?.textContent?.includes('暂停开放') ?? false, STATION, { timeout: 5_000 })
      .then(() => true, () => false);
    if (shown) break;
    if (Date.now() - closedAt > 75_000) throw new Error('the closure did not reach the finder within 75 s');
  }
  expect(await row.locator('.badge').getAttribute('class')).toContain('closed');
  // The row itself says why, and when it should reopen.
  expect(await row.locator('.station-row__closure').textContent()).toMatch(/^暂停开放：水管检修，下午暂停开放 · (预计 .+ 恢复|恢复时间待定)$/);
  await worker.screenshot({ path: artifactPath('finder-shows-closed.png') });
  await row.click();
  await worker.locator('#station-name').waitFor({ timeout: 15_000 });
  expect(await worker.locator('.station-page__closure').first().textContent()).toMatch(/^暂停开放：水管检修，下午暂停开放 · (预计 .+ 恢复|恢复时间待定)$/);
  await workerContext.close();
});

test('a worker reports a problem; the host answers and closes it in the inbox; the worker reads the answer', async () => {
  const workerContext = await phoneContext(e2e.browser, null);
  const worker = await workerContext.newPage();
  await worker.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await worker.locator('#persona-worker').click({ timeout: 20_000 });
  await worker.locator('#signed-in').waitFor({ timeout: 15_000 });
  await worker.goto(`${e2e.app.url}/#/pages/station/index?id=${STATION}`);
  await worker.locator('#report-open').click({ timeout: 20_000 });
  await worker.locator('#report-kind-wrong_hours').click();
  await worker.locator('#report-text textarea').fill('周日下午没开门');
  await worker.locator('#report-send').click();
  await worker.locator('#report-open').waitFor({ timeout: 15_000 });

  const hostContext = await phoneContext(e2e.browser, null);
  const host = await hostContext.newPage();
  await host.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await host.locator('#persona-host').click({ timeout: 20_000 });
  await host.locator('#host-stations-link').click({ timeout: 15_000 });
  const link = host.locator(`#host-reports-${STATION}`);
  await link.waitFor({ timeout: 15_000 });
  await host.waitForFunction((id) => document.querySelector(`#host-reports-${id}`)?.textContent?.includes('1 条待处理') ?? false, STATION, {
    timeout: 15_000,
  });
  await link.click();
  const card = host.locator('[id^="report-"][class*="card"]', { hasText: '周日下午没开门' });
  await card.waitFor({ timeout: 15_000 });
  await card.locator('textarea').fill('已核实，周日改为全天开放，谢谢提醒');
  await card.locator('[id^="report-resolve-"]').click();
  await host.locator('#state-empty').waitFor({ timeout: 15_000 });
  await host.locator('#reports-resolved').click();
  await host.locator('[id^="report-reply-"]', { hasText: '周日改为全天开放' }).waitFor({ timeout: 15_000 });
  await host.screenshot({ path: artifactPath('host-report-inbox.png'), fullPage: true });
  await hostContext.close();

  await worker.goto(`${e2e.app.url}/#/pkg-me/reports/index`);
  const mine = worker.locator('[id^="my-report-"]', { hasText: '周日下午没开门' });
  await mine.waitFor({ timeout: 20_000 });
  expect(await mine.textContent()).toContain('驿站回复：已核实，周日改为全天开放，谢谢提醒');
  expect(await mine.textContent()).toContain('已处理');
  await workerContext.close();
}, 180_000);
