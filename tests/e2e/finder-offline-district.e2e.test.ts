import type { Page } from 'playwright-core';
import { appInBrowser, artifactPath, phoneContext } from '../helpers/browser';

/**
 * 下载本区县离线数据 in Chromium against `npm start`'s stack: the worker keeps 都昌县 on the phone from
 * the finder, then its district list reads no tile from the network (all were kept), and with the
 * network cut the district list and a keyword search in it still answer, from the kept tiles, saying
 * how old the data is; removed, its files leave the phone. The clock is moved past the manifest's 30 s,
 * so the app really asks the network.
 */

const DUCHANG_CENTRE = { lat: 29.2731, lng: 116.2041 };
const DUCHANG = '360428';

const e2e = appInBrowser();

const names = (page: Page) => page.locator('.station-row__name').allTextContents();

async function searchKeyword(page: Page, keyword: string, before: string[]): Promise<void> {
  await page.locator('#keyword input').fill(keyword);
  await page.locator('#search').click();
  await page.waitForFunction((old) => JSON.stringify([...document.querySelectorAll('.station-row__name')].map((e) => e.textContent)) !== old, JSON.stringify(before), { timeout: 15_000 });
}

test('a district kept for offline use lists and searches with the network cut, saying how old its data is', async () => {
  const context = await phoneContext(e2e.browser, DUCHANG_CENTRE);
  const page = await context.newPage();
  await page.clock.install();
  const tileRequests: string[] = [];
  page.on('request', (req) => {
    if (req.url().includes('/tiles/')) tileRequests.push(new URL(req.url()).pathname);
  });
  await page.goto(`${e2e.app.url}/`);
  await page.locator('.station-row').first().waitFor({ timeout: 20_000 });

  // From the finder: the district of the nearest station, kept with its progress, count and size.
  const link = page.locator('#offline-link');
  await link.waitFor();
  expect(await link.textContent()).toContain('下载本区县离线数据（都昌县）');
  await link.click();
  await page.locator('#download-district').click();
  const done = page.locator('#download-done');
  await done.waitFor({ timeout: 30_000 });
  const saved = (await done.textContent())!;
  expect(saved).toMatch(/^已保存 都昌县 的 \d+ 个驿站，可离线查看（共 \d+(\.\d)? [KM]B）$/);
  const count = Number(/的 (\d+) 个驿站/.exec(saved)![1]);
  expect(count).toBeGreaterThan(3);
  expect(await page.locator(`#saved-${DUCHANG}`).textContent()).toMatch(/数据更新于 \d{4}-\d\d-\d\d \d\d:\d\d（(刚刚|\d+ 分钟前)）/);
  await page.screenshot({ path: artifactPath('offline-district-saved.png'), fullPage: true });
  await page.goBack();
  await page.locator('#offline-link').waitFor();

  // Browsing the district now fetches no tile: everything it reads was kept.
  await page.locator('#change-city').click();
  await page.locator('#browse-district').click();
  for (const code of ['36', '3604', DUCHANG]) await page.locator(`#region-${code}`).click();
  const fetchedBefore = tileRequests.length;
  await page.locator('#station-list').waitFor({ timeout: 15_000 });
  expect(await page.locator('.stations-page__count').textContent()).toContain(`都昌县 · ${count} 个驿站，按名称排列`);
  expect(tileRequests.slice(fetchedBefore).filter((p) => !p.endsWith('/manifest.json'))).toEqual([]);
  const online = await names(page);
  // A keyword some of the names have and some do not.
  const keyword = online.map((n) => n.slice(0, 4)).find((k) => online.filter((n) => n.includes(k)).length < online.length)!;
  await searchKeyword(page, keyword, online);
  const onlineKeyword = await names(page);
  expect(onlineKeyword.length).toBeGreaterThan(0);
  await page.locator('#active-q').click();
  await page.waitForFunction((n) => document.querySelectorAll('.station-row__name').length === n, online.length, { timeout: 15_000 });

  // No network: the same answers, from the phone, with the data's age.
  await context.setOffline(true);
  await page.clock.fastForward(31_000);
  await searchKeyword(page, keyword, online);
  await page.locator('#stale-banner').waitFor({ timeout: 15_000 });
  expect(await page.locator('#stale-banner').textContent()).toMatch(/网络不太好，显示的是.+的结果/);
  expect(await names(page)).toEqual(onlineKeyword);
  await page.locator('#active-q').click();
  await page.waitForFunction((n) => document.querySelectorAll('.station-row__name').length === n, online.length, { timeout: 15_000 });
  expect(await names(page)).toEqual(online);
  expect(await page.locator('.stations-page__count').textContent()).toContain(`${count} 个驿站`);
  expect(await page.locator('#stale-banner').textContent()).toMatch(/网络不太好/);
  await page.screenshot({ path: artifactPath('offline-district-list.png'), fullPage: true });

  // Back online, the worker removes the district: its files go, the page says nothing is kept.
  await context.setOffline(false);
  await page.locator('#offline-link').click();
  await page.locator(`#remove-${DUCHANG}`).click();
  await page.locator('#no-saved').waitFor({ timeout: 15_000 });
  expect(await page.locator(`#saved-${DUCHANG}`).count()).toBe(0);
  const kept = await page.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const req = indexedDB.open('yz-tiles');
        req.onsuccess = () => {
          const keys = req.result.transaction('files').objectStore('files').getAllKeys();
          keys.onsuccess = () => resolve(keys.result.map(String));
        };
      }),
  );
  expect(kept.filter((k) => k.startsWith('tiles:d/360428.'))).toEqual([]);
  await context.close();
});
