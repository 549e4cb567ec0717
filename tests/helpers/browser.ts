import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
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

/** The phone sizes every main page is looked at in: a small Android and a current iPhone. */
export const SCREEN_SIZES = [
  { width: 360, height: 640 },
  { width: 390, height: 844 },
] as const;

/**
 * The largest system font, emulated. Android's largest font setting (最大, font scale 1.3 before
 * Android 14) reaches a WeChat mini-program's web view as a text zoom: every computed font size times
 * the scale, boxes and images unchanged. Taro's H5 build sizes text in rem against a root font-size it
 * sets from the window width, so zooming the root would scale the whole layout (that is page zoom, not
 * a font setting); instead each element's computed font size is multiplied, as a text zoom does.
 */
export const LARGEST_FONT_SCALE = 1.3;

async function zoomText(page: Page, scale: number): Promise<void> {
  await page.evaluate((factor) => {
    const elements = Array.from(document.querySelectorAll<HTMLElement>('body *'));
    // Read every size first: setting one would change the em-based sizes of its children.
    const sizes = elements.map((el) => parseFloat(getComputedStyle(el).fontSize));
    elements.forEach((el, i) => el.style.setProperty('font-size', `${(sizes[i] ?? 16) * factor}px`, 'important'));
  }, scale);
}

/**
 * Screenshots of the page as it is now under .artifacts/screenshots/: at each phone size, and at the
 * larger size with the largest font. The page is left at 390×844 with its text zoomed: go to another
 * page (or reload) before using it further.
 */
export async function screenshotSizes(page: Page, name: string, opts: { ready?: (page: Page) => Promise<void> } = {}): Promise<string[]> {
  const dir = path.resolve(__dirname, '../../.artifacts/screenshots');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    // Taro recomputes its root font-size on resize; let that and the layout settle.
    await page.waitForTimeout(150);
    await opts.ready?.(page);
    const file = path.join(dir, `${name}-${size.width}x${size.height}.png`);
    await page.screenshot({ path: file, fullPage: true });
    files.push(file);
  }
  await zoomText(page, LARGEST_FONT_SCALE);
  const file = path.join(dir, `${name}-${SCREEN_SIZES[1].width}x${SCREEN_SIZES[1].height}-largest-font.png`);
  await page.screenshot({ path: file, fullPage: true });
  files.push(file);
  return files;
}
