import type { Station } from '@yz/shared';
import { appInBrowser, artifactPath, phoneContext } from '../helpers/browser';

/**
 * Onboarding a host in one scan: district staff make an invitation QR code on the station's page; a
 * worker opens 我的 → 扫码成为驿站负责人 and (in the browser) pastes the code's text, gives a name, and
 * is the station's host; they set Monday's hours and save, and the days they left alone stay unknown
 * rather than becoming 休息. Staff then see the host by name.
 */

const STATION = 'amap-B0J05RX596'; // a Duchang demo station with no host and no hours

const e2e = appInBrowser();

test('staff invite → host pastes the QR text → host is bound and sets hours, unknown days stay unknown', async () => {
  const before = (await (await fetch(`${e2e.app.url}/stations/${STATION}`)).json()) as Station;
  expect(before.hours).toBeNull();

  const staffContext = await phoneContext(e2e.browser, null);
  const staff = await staffContext.newPage();
  await staff.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await staff.locator('#persona-district-staff').click({ timeout: 20_000 });
  await staff.locator('#signed-in').waitFor({ timeout: 15_000 });
  await staff.goto(`${e2e.app.url}/#/pkg-staff/station-form/index?id=${STATION}`);
  await staff.waitForFunction(() => document.querySelector('#hosts-section')?.textContent?.includes('还没有绑定负责人') ?? false, null, { timeout: 20_000 });
  await staff.locator('#create-invitation').click();
  await staff.locator('#invitation-qr img, img#invitation-qr').first().waitFor({ timeout: 15_000 });
  const content = ((await staff.locator('#invitation-content').textContent()) ?? '').trim();
  expect(content).toMatch(/^YZHOST:[A-Za-z0-9_-]{32}$/);
  await staff.screenshot({ path: artifactPath('host-invitation-qr.png'), fullPage: true });

  const hostContext = await phoneContext(e2e.browser, null);
  const host = await hostContext.newPage();
  await host.goto(`${e2e.app.url}/#/pages/dev-login/index`);
  await host.locator('#persona-worker').click({ timeout: 20_000 });
  await host.locator('#signed-in').waitFor({ timeout: 15_000 });
  await host.locator('#join-host-link').click();
  await host.locator('#invitation-text textarea').fill(content, { timeout: 20_000 });
  await host.locator('#host-name input').fill('王师傅');
  await host.locator('#join-submit').click();
  // Bound: the host's station list opens with the station in it; its name opens the editor (the card also holds links).
  await host.locator(`#host-station-${STATION} .host__title`).click({ timeout: 20_000 });
  await host.locator('#edit-hours').click({ timeout: 20_000 });
  await host.locator('#day-mon-summary').waitFor({ timeout: 15_000 });
  // The editor opens on an unknown week, never on 休息.
  expect(await host.locator('#day-tue-summary').textContent()).toContain('未设置');
  await host.locator('#allday-mon').click();
  await host.locator('#save-hours').click();
  // Six days are left unset: the editor asks, and the host saves anyway.
  const modal = host.locator('.taro-modal__text');
  await modal.waitFor({ timeout: 15_000 });
  expect(await modal.textContent()).toContain('周二、周三、周四、周五、周六、周日还没有设置');
  await host.getByText('仍然保存', { exact: true }).click();
  await host.waitForFunction(
    async (url) => {
      const s = (await (await fetch(url)).json()) as { hours: unknown };
      return s.hours !== null;
    },
    `${e2e.app.url}/stations/${STATION}`,
    { timeout: 20_000 },
  );
  await host.screenshot({ path: artifactPath('host-invited-hours.png'), fullPage: true });
  await hostContext.close();

  const after = (await (await fetch(`${e2e.app.url}/stations/${STATION}`)).json()) as Station;
  expect(after.hours!.weekly).toEqual({ mon: [{ open: '00:00', close: '24:00' }], tue: null, wed: null, thu: null, fri: null, sat: null, sun: null });

  // Staff see the host by the name they gave, not by an account id.
  await staff.reload();
  await staff.locator('#host-0').waitFor({ timeout: 20_000 });
  const hosts = (await staff.locator('#hosts-section').textContent()) ?? '';
  expect(hosts).toContain('王师傅');
  expect(hosts).not.toContain('demo-worker');
  await staffContext.close();
});
