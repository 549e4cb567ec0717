import type { Browser, Page } from 'playwright-core';
import { appInBrowser, artifactPath, phoneContext } from '../helpers/browser';

/**
 * 网上入会 in the browser, on `npm start`'s stack: a worker fills in and submits the form, district staff
 * open it, reveal the ID number and approve it, and the worker sees the e-card.
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
  await workerContext.close();
});
