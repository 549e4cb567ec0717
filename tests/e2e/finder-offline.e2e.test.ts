import { appInBrowser, artifactPath, phoneContext } from '../helpers/browser';

/**
 * The finder without a network, in Chromium against `npm start`'s stack: after a first search the
 * tiles are kept in the browser (IndexedDB), so with the network cut the list still answers, from
 * the stored tiles, and says how old they are. The clock is moved past the manifest's 30 s, so the
 * app really asks the network and finds it gone.
 */

const DUCHANG_CENTRE = { lat: 29.2731, lng: 116.2041 };

const e2e = appInBrowser();

test('with the network cut after the first search, the list answers from stored tiles and says how old they are', async () => {
  const context = await phoneContext(e2e.browser, DUCHANG_CENTRE);
  const page = await context.newPage();
  await page.clock.install();
  const tileRequests: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/tiles/')) tileRequests.push(req.url());
  });
  await page.goto(`${e2e.app.url}/`);
  const rows = page.locator('.station-row');
  await rows.first().waitFor({ timeout: 20_000 });
  const online = await page.locator('.station-row__name').allTextContents();
  expect(online.length).toBeGreaterThan(3);
  expect(tileRequests.some((u) => u.endsWith('/tiles/manifest.json'))).toBe(true);
  expect(await page.locator('#stale-banner').count()).toBe(0);

  await context.setOffline(true);
  await page.clock.fastForward(31_000);
  // "Open now" on and off again: two new searches, on the stored tiles only (at dawn none may be open).
  await page.locator('#filter-open-now').click();
  await page.locator('#stale-banner').waitFor({ timeout: 15_000 });
  await page.locator('#filter-open-now').click();
  await page.waitForFunction((n) => document.querySelectorAll('.station-row__name').length === n, online.length, { timeout: 15_000 });
  expect(await page.locator('#stale-banner').textContent()).toMatch(/网络不太好，显示的是.+的结果/);
  expect(await page.locator('.station-row__name').allTextContents()).toEqual(online);
  await page.screenshot({ path: artifactPath('finder-offline.png'), fullPage: true });
  await context.close();
});
