import type { Page } from 'playwright-core';
import { appInBrowser, artifactPath, phoneContext } from '../helpers/browser';

/**
 * 困难职工档案 in the browser, on `npm start`'s fresh data: the demo persona 刘阿姨 sees her file on the
 * demo data (hf_demo_liu), its assistance and her QR card; an admin pastes the card's text into the
 * scan page and opens the file; a plain worker who pastes it learns nothing.
 */

const e2e = appInBrowser();

async function signIn(page: Page, persona: string) {
  await page.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await page.locator(`#persona-${persona}`).click({ timeout: 20_000 });
  await page.locator('#signed-in').waitFor({ timeout: 15_000 });
}

async function scanAs(persona: string, content: string): Promise<Page> {
  const context = await phoneContext(e2e.browser, null);
  const page = await context.newPage();
  await signIn(page, persona);
  await page.goto(`${e2e.app.url}/#/pkg-hardship/scan/index`);
  await page.locator('#card-content textarea').fill(content, { timeout: 15_000 });
  await page.locator('#open-card').click();
  return page;
}

test('the demo worker shows her card; an admin scanning it opens the file, a worker learns nothing', async () => {
  const context = await phoneContext(e2e.browser, null);
  const worker = await context.newPage();
  await signIn(worker, 'hardship');
  await worker.locator('#hardship-link').click();
  await worker.locator('#my-card').waitFor({ timeout: 15_000 });
  await expect(worker.locator('#my-status').textContent()).resolves.toBe('在档');
  await expect(worker.locator('#my-total').textContent()).resolves.toContain('2300 元');
  const src = await worker.locator('#my-card-image img').getAttribute('src');
  expect(src).toMatch(/^data:image\/png;base64,/);
  await worker.screenshot({ path: artifactPath('hardship-my-card.png'), fullPage: true });

  // The card's text, as a scanner reads it from the QR code (the same card the page shows).
  const login = await fetch(`${e2e.app.url}/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'hardship' }) });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${e2e.app.url}/hardship/me`, { headers: { authorization: `Bearer ${token}` } });
  const content = ((await res.json()) as { file: { card: { content: string; image: string } } }).file.card.content;
  expect(content).toMatch(/^YZCARD:/);
  expect(((await (await fetch(`${e2e.app.url}/hardship/me`, { headers: { authorization: `Bearer ${token}` } })).json()) as { file: { card: { image: string } } }).file.card.image).toBe(src);

  const admin = await scanAs('admin', content);
  await admin.locator('#file-view').waitFor({ timeout: 15_000 });
  await expect(admin.locator('#file-name').textContent()).resolves.toBe('刘桂兰');
  await expect(admin.locator('#file-id-number').textContent()).resolves.toContain('*'.repeat(18));
  await admin.screenshot({ path: artifactPath('hardship-scanned-file.png'), fullPage: true });

  const stranger = await scanAs('worker', content);
  await stranger.locator('#scan-error', { hasText: '没有找到' }).waitFor({ timeout: 15_000 });
  expect(await stranger.locator('#file-view').count()).toBe(0);
});
