import gcoord from 'gcoord';
import { appInBrowser, artifactPath, phoneContext } from '../helpers/browser';

/**
 * A worker standing at a station whose hours nobody has given (the real Duchang list) confirms it open
 * with one tap on its page; the finder's "现在开放" then lists it, marked as workers' word.
 */

const STATION = 'amap-B0J3R71OZC'; // 都昌县智能化工会户外劳动者驿站: no hours in the list
const STATION_GCJ02 = { lat: 29.271245, lng: 116.201522 };

/** What the phone's browser reports standing about 60 m from the station: WGS-84, as browsers do. */
function browserFixNearStation(): { lat: number; lng: number } {
  const [lng, lat] = gcoord.transform([STATION_GCJ02.lng, STATION_GCJ02.lat + 0.0005], gcoord.GCJ02, gcoord.WGS84);
  return { lat, lng };
}

const e2e = appInBrowser();

test('a worker near the station confirms it open, and the list shows it open', async () => {
  const context = await phoneContext(e2e.browser, browserFixNearStation());
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await page.locator('#persona-worker').click({ timeout: 20_000 });
  await page.locator('#signed-in').waitFor({ timeout: 15_000 });

  // Before: its hours are unknown, so "现在开放" does not list it.
  await page.goto(`${e2e.app.url}/`);
  const row = page.locator(`#station-${STATION}`);
  await row.waitFor({ timeout: 20_000 });
  expect(await row.locator('.badge').textContent()).toBe('开放时间未知');
  await page.locator('#filter-open-now').click();
  await page.waitForFunction((id) => !document.querySelector(`#station-${id}`), STATION, { timeout: 15_000 });

  // At the station: 现在开着吗？ → 开着.
  await page.goto(`${e2e.app.url}/#/pages/station/index?id=${STATION}`);
  await page.locator('#confirm-open-yes').click({ timeout: 20_000 });
  await page.locator('#confirm-open-done').waitFor({ timeout: 15_000 });
  expect(await page.locator('#confirm-open-done').textContent()).toBe('谢谢！已记录：开着');
  expect(await page.locator('#confirm-evidence').textContent()).toMatch(/^今天 \d\d:\d\d 有师傅确认开着（(刚刚|1 分钟前)）$/);
  await page.screenshot({ path: artifactPath('confirm-station-open.png'), fullPage: true });

  // The list, "现在开放" on: the station is there, its badge the workers' word, with the evidence. The
  // finder searches on tiles, rebuilt from the stations stream: the worker looks again (a reload, as a
  // pull-to-refresh) until the edge has them, within the freshness target of 60 s.
  const filter = page.locator('#filter-open-now');
  const confirmedAt = Date.now();
  for (;;) {
    await page.goto(`${e2e.app.url}/`);
    await filter.waitFor({ timeout: 20_000 });
    if (!((await filter.getAttribute('class')) ?? '').includes('is-on')) await filter.click();
    const listed = await row.waitFor({ timeout: 5_000 }).then(() => true, () => false);
    if (listed) break;
    if (Date.now() - confirmedAt > 60_000) throw new Error('the confirmation did not reach the list within 60 s');
  }
  expect(await row.locator('.badge').textContent()).toBe('师傅确认开着');
  expect(await page.locator(`#evidence-${STATION}`).textContent()).toMatch(/有师傅确认开着（(刚刚|1 分钟前)）$/);
  await page.screenshot({ path: artifactPath('finder-confirmed-open.png') });
  await context.close();
}, 180_000);
