import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from 'playwright-core';
import { removeDir, startApp, type StartedApp } from './start-process';

/**
 * Debian's Chromium driven by playwright-core: never a browser a test tool downloads. The flags keep
 * it from reaching for the network at start (this machine's network is closed).
 */
export const CHROMIUM = process.env.YZ_CHROMIUM ?? '/usr/bin/chromium';

/** playwright gives every launch a fresh, empty profile of its own. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A phone-sized page in Chinese, standing at a GCJ-02-ish point (the browser reports it as WGS-84). */
export async function phoneContext(browser: Browser, at: { lat: number; lng: number } | null, extra: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    ...(at ? { geolocation: { latitude: at.lat, longitude: at.lng }, permissions: ['geolocation'] } : {}),
    ...extra,
  });
}

/** Screenshots go to .artifacts/ (git-ignored) so a failed run can be looked at. */
export function artifactPath(name: string): string {
  const dir = path.resolve(__dirname, '../../.artifacts/e2e');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/**
 * An e2e file's world: `npm start`'s script on a fresh data folder and one Chromium, both started
 * before the file's tests and stopped (the data folder removed) after them. Read `app` and `browser`
 * inside tests and hooks, once they exist.
 */
export function appInBrowser(): { readonly app: StartedApp; readonly browser: Browser } {
  let app: StartedApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (app) removeDir(app.dataDir);
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`${what} is not started yet: use it inside a test or hook`);
    return value;
  };
  return {
    get app() {
      return started(app, 'the app');
    },
    get browser() {
      return started(browser, 'the browser');
    },
  };
}
