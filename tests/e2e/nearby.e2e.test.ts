import { appInBrowser, artifactPath, phoneContext } from '../helpers/browser';
import { startApp } from '../helpers/start-process';

/**
 * The whole local stack as a new user meets it: `npm start`'s script, then the printed URL in
 * Chromium. A worker in Duchang county sees the stations near them and opens one.
 */

const DUCHANG_CENTRE = { lat: 29.2731, lng: 116.2041 };

const e2e = appInBrowser();

test('the printed URL shows nearby stations, nearest first, and a station page opens', async () => {
  const context = await phoneContext(e2e.browser, DUCHANG_CENTRE);
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/`);

  const rows = page.locator('[id^="station-amap-"]');
  await rows.first().waitFor({ timeout: 20_000 });
  expect(await rows.count()).toBeGreaterThan(5);
  await expect(page.locator('#where').textContent()).resolves.toContain('我的位置附近');

  // Distances read in order, nearest first.
  const distances = await page.locator('.station-row__distance').allTextContents();
  const meters = distances.map((d) => (d.includes('公里') ? parseFloat(d) * 1000 : parseFloat(d)));
  expect(meters).toEqual([...meters].sort((a, b) => a - b));
  await page.screenshot({ path: artifactPath('nearby-list.png') });

  const firstName = (await rows.first().locator('.station-row__name').textContent())?.trim();
  await rows.first().click();
  await page.locator('#station-name').waitFor({ timeout: 15_000 });
  expect((await page.locator('#station-name').textContent())?.trim()).toBe(firstName);
  await expect(page.locator('#station-address').textContent()).resolves.toContain('都昌');
  await page.screenshot({ path: artifactPath('station-page.png'), fullPage: true });
  await context.close();
});

test('without location permission the worker picks a city and sees its stations', async () => {
  const context = await phoneContext(e2e.browser, null);
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/`);
  await page.locator('#city-picker').waitFor({ timeout: 20_000 });
  await page.locator('#city-110105').click();
  await page.locator('[id^="station-demo-110105-"]').first().waitFor({ timeout: 15_000 });
  await expect(page.locator('#where').textContent()).resolves.toContain('北京');
  await page.screenshot({ path: artifactPath('city-picked.png') });
  await context.close();
});

test('Ctrl-C stops everything, Java included, and a second start reuses the data on disk', async () => {
  const endpoint = /DynamoDB Local:\s+(http:\/\/\S+)/.exec(e2e.app.output())?.[1];
  expect(endpoint).toBeDefined();
  expect(e2e.app.output()).toMatch(/created tables: stations, .*; loaded \d+ demo stations/);
  expect(await e2e.app.stop()).toBe(0);
  await expect(fetch(endpoint!)).rejects.toThrow();

  const again = await startApp({ dataDir: e2e.app.dataDir });
  try {
    expect(again.output()).toContain('reusing the data');
    const res = await fetch(`${again.url}/stations/nearby?lat=${DUCHANG_CENTRE.lat}&lng=${DUCHANG_CENTRE.lng}`);
    const body = (await res.json()) as { items: { id: string }[] };
    expect(body.items.length).toBeGreaterThan(5);
  } finally {
    expect(await again.stop()).toBe(0);
  }
});
