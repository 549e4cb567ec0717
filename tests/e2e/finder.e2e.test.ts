import { appInBrowser, artifactPath, phoneContext } from '../helpers/browser';

/**
 * The finder in Chromium against `npm start`'s stack: a worker in Duchang searches by keyword (part of
 * a street name, part of a station name), narrows with a filter, opens a station, and a scanned
 * station code opens the station page.
 */

const DUCHANG_CENTRE = { lat: 29.2731, lng: 116.2041 };

const e2e = appInBrowser();

test('a keyword finds stations by street and by name, and a station opens', async () => {
  const context = await phoneContext(e2e.browser, DUCHANG_CENTRE);
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/`);
  const rows = page.locator('.station-row');
  await rows.first().waitFor({ timeout: 20_000 });

  // Part of a street name: every row is on 东风大道.
  await page.locator('#keyword input, input#keyword').first().fill('东风');
  await page.locator('#search').click();
  await page.waitForFunction(() => {
    const addresses = [...document.querySelectorAll('.station-row__address')].map((e) => e.textContent ?? '');
    return addresses.length > 0 && addresses.every((a) => a.includes('东风'));
  }, undefined, { timeout: 15_000 });
  const count = await rows.count();
  expect(count).toBeGreaterThan(3);
  await page.screenshot({ path: artifactPath('finder-keyword-street.png') });

  // Part of a station's name.
  await page.locator('#keyword input, input#keyword').first().fill('芙蓉');
  await page.locator('#search').click();
  await page.waitForFunction(() => {
    const names = [...document.querySelectorAll('.station-row__name')].map((e) => e.textContent ?? '');
    return names.length === 1 && names[0]!.includes('芙蓉社区');
  }, undefined, { timeout: 15_000 });
  await rows.first().click();
  await page.locator('#station-name').waitFor({ timeout: 15_000 });
  expect(await page.locator('#station-name').textContent()).toContain('芙蓉社区爱心驿站');
  await expect(page.locator('#station-address').textContent()).resolves.toContain('芙蓉路');
  await expect(page.locator('#report-open').isVisible()).resolves.toBe(true);
  await page.screenshot({ path: artifactPath('finder-station.png'), fullPage: true });
  await context.close();
});

test('filters stay set, and an empty result says which filter to drop', async () => {
  const context = await phoneContext(e2e.browser, DUCHANG_CENTRE);
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/`);
  await page.locator('.station-row').first().waitFor({ timeout: 20_000 });
  await page.locator('#filter-amenity-hot_water').click();
  await page.locator('#filter-more').click();
  await page.locator('#filter-amenity-legal_aid').click();
  await page.locator('#filter-amenity-job_board').click();
  await page.locator('#keyword input, input#keyword').first().fill('芙蓉');
  await page.locator('#search').click();
  await page.locator('#empty-results').waitFor({ timeout: 15_000 });
  await expect(page.locator('#empty-results').textContent()).resolves.toContain('没有同时满足');
  await page.screenshot({ path: artifactPath('finder-empty.png'), fullPage: true });
  // Reloading keeps the filters (they are kept on the phone).
  await page.reload();
  await page.locator('#filter-bar').waitFor({ timeout: 20_000 });
  await expect(page.locator('#filter-amenity-hot_water').getAttribute('class')).resolves.toContain('is-on');
  await page.locator('#filter-clear').click();
  await page.locator('.station-row').first().waitFor({ timeout: 15_000 });
  await context.close();
});

test("a scanned station code opens the station page from the scene, and asks to sign in to count the visit", async () => {
  const context = await phoneContext(e2e.browser, DUCHANG_CENTRE);
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/#/pages/station/index?scene=${encodeURIComponent('amap-B0J3R71OZC')}`);
  await page.locator('#station-name').waitFor({ timeout: 20_000 });
  expect(await page.locator('#station-name').textContent()).toContain('都昌县智能化工会户外劳动者驿站');
  await expect(page.locator('#visit-note').textContent()).resolves.toContain('登录后扫码可计入到访人次');
  await context.close();
});

test('district staff see where to build next, the visits, the reports and a station QR code', async () => {
  const context = await phoneContext(e2e.browser, DUCHANG_CENTRE);
  const page = await context.newPage();
  // A worker's searches around Duchang's centre are counted (by cell, without who).
  await page.goto(`${e2e.app.url}/`);
  await page.locator('.station-row').first().waitFor({ timeout: 20_000 });

  await page.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await page.locator('#persona-district-staff').click({ timeout: 20_000 });
  await page.locator('#workbench-link').click({ timeout: 15_000 });

  await page.locator('#coverage-link').click({ timeout: 15_000 });
  await page.locator('#coverage-result').waitFor({ timeout: 20_000 });
  await expect(page.locator('#coverage-result').textContent()).resolves.toMatch(/\d+ 个网格共 \d+ 次搜索/);
  await page.screenshot({ path: artifactPath('staff-coverage.png'), fullPage: true });

  await page.goBack();
  await page.locator('#visits-link').click({ timeout: 15_000 });
  await page.locator('#visits-region-total').waitFor({ timeout: 20_000 });
  await expect(page.locator('#visits-region-total').textContent()).resolves.toMatch(/\d+ 人次/);

  await page.goBack();
  await page.locator('#reports-link').click({ timeout: 15_000 });
  await page.locator('#state-empty, [id^="report-"]').first().waitFor({ timeout: 20_000 });

  await page.goBack();
  await page.locator('#station-qr-link').click({ timeout: 15_000 });
  await page.locator('#qr-station-id input, input#qr-station-id').first().fill('amap-B0J3R71OZC');
  await page.locator('#qr-make').click();
  await page.locator('#qr-image').waitFor({ timeout: 15_000 });
  // In the browser the code is this app's own URL for the station page, with the station as its scene.
  await expect(page.locator('#qr-result').textContent()).resolves.toContain('#/pages/station/index?scene=amap-B0J3R71OZC');
  await page.screenshot({ path: artifactPath('staff-station-qr.png'), fullPage: true });
  await context.close();
});

test('位置 at 360 px: the stations around the worker with rings, and a tapped pin shows its row, which opens the station', async () => {
  const context = await phoneContext(e2e.browser, DUCHANG_CENTRE, { viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/`);
  await page.locator('.station-row').first().waitFor({ timeout: 20_000 });
  const listed = await page.locator('.station-row').count();

  await page.locator('#view-map').click();
  await page.locator('#position-view').waitFor({ timeout: 10_000 });
  // The square fits the screen's width; the rings and every listed station are there (a count marker
  // stands for stations too close together to tap apart).
  const square = (await page.locator('.position-view__square').boundingBox())!;
  expect(square.width).toBeLessThanOrEqual(360);
  expect(square.x).toBeGreaterThanOrEqual(0);
  expect(await page.locator('#ring-500m, #ring-walk, #ring-1km').count()).toBe(3);
  const pins = page.locator('.position-view__pin');
  const counted = await pins.evaluateAll((buttons) => buttons.reduce((sum, b) => sum + (b.classList.contains('position-view__pin--cluster') ? Number(b.textContent) : 1), 0));
  expect(counted).toBe(listed);
  await page.screenshot({ path: artifactPath('finder-position-360.png'), fullPage: true });

  // The last pin drawn is on top of any it overlaps: tap it.
  const pin = pins.last();
  const label = (await pin.getAttribute('aria-label')) ?? '';
  await pin.click();
  const shown = page.locator('#map-selection .station-row');
  await shown.first().waitFor({ timeout: 10_000 });
  const name = (await shown.first().locator('.station-row__name').textContent()) ?? '';
  expect(name.length).toBeGreaterThan(0);
  expect(label).toContain(name);
  await page.screenshot({ path: artifactPath('finder-position-pin-360.png'), fullPage: true });

  await shown.first().click();
  await page.locator('#station-name').waitFor({ timeout: 15_000 });
  expect(await page.locator('#station-name').textContent()).toContain(name);
  await context.close();
});
