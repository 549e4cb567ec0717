import { PERSONA_IDS, ROLE_LABELS, type Persona } from '@yz/shared';
import { appInBrowser, artifactPath, phoneContext } from '../helpers/browser';

/** The H5 build's development login: every demo persona can sign in through the picker. */

const e2e = appInBrowser();

let personas: Persona[];

beforeAll(async () => {
  personas = ((await (await fetch(`${e2e.app.url}/auth/dev/personas`)).json()) as { items: Persona[] }).items;
});

test('the picker lists every persona', () => {
  expect(personas.map((p) => p.id)).toEqual([...PERSONA_IDS]);
});

test.each([...PERSONA_IDS])('signs in as %s through the picker and sees their roles on 我的', async (id) => {
  const persona = personas.find((p) => p.id === id)!;
  const context = await phoneContext(e2e.browser, null);
  const page = await context.newPage();
  await page.goto(`${e2e.app.url}/#/pages/me/index`);
  await page.locator('#dev-login').click({ timeout: 20_000 });
  await page.locator(`#persona-${id}`).click({ timeout: 15_000 });
  await page.locator('#signed-in').waitFor({ timeout: 15_000 });
  const chips = await page.locator('#my-roles .chip').allTextContents();
  expect(chips).toEqual(persona.roles.map((r) => ROLE_LABELS[r]));
  await expect(page.locator('#my-id').textContent()).resolves.toContain(persona.userId);
  const staffish = persona.roles.includes('staff') || persona.roles.includes('admin');
  expect(await page.locator('#workbench-link').count()).toBe(staffish ? 1 : 0);
  if (id === 'district-staff') await page.screenshot({ path: artifactPath('persona-district-staff.png') });
  await context.close();
});

test('staff issue a binding code in the workbench and a worker becomes a host with it', async () => {
  const staffContext = await phoneContext(e2e.browser, null);
  const staff = await staffContext.newPage();
  await staff.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await staff.locator('#persona-district-staff').click({ timeout: 20_000 });
  await staff.locator('#workbench-link').click({ timeout: 15_000 });
  await staff.locator('#station-id input').fill('amap-B0J05RX596');
  await staff.locator('#issue-code').click();
  const code = (await staff.locator('.staff__code-value').textContent({ timeout: 15_000 }))?.trim() ?? '';
  expect(code).toMatch(/^[A-Z0-9]{8}$/);
  await staffContext.close();

  const workerContext = await phoneContext(e2e.browser, null);
  const worker = await workerContext.newPage();
  await worker.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await worker.locator('#persona-worker').click({ timeout: 20_000 });
  await worker.locator('#binding-code input').fill(code.toLowerCase());
  await worker.locator('#redeem').click();
  await worker.locator('#my-roles .chip', { hasText: ROLE_LABELS.host }).waitFor({ timeout: 15_000 });
  expect(await worker.locator('#binding-error').count()).toBe(0);
  await worker.screenshot({ path: artifactPath('worker-became-host.png') });
  await workerContext.close();
});
