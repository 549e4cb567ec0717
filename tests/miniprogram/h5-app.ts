import * as React from 'react';
import ReactDOM from 'react-dom/client';
import { findDOMNode, render, unstable_batchedUpdates } from 'react-dom';
import { createHashHistory, createRouter, handleAppMountWithTabbar } from '@tarojs/router';
import { waitFor } from '@testing-library/dom';
import { Current, window as taroWindow } from '@tarojs/runtime';
import { createReactApp } from '@tarojs/plugin-framework-react/dist/runtime';
import Taro, { initPxTransform } from '@tarojs/taro';
import App from '../../miniprogram/src/app';
import appConfig from '../../miniprogram/src/app.config';

/**
 * Launches the mini-program in jsdom the way its H5 build does: this is the entry that
 * @tarojs/taro-loader generates for `taro build --type h5` (lib/h5.js), written out by hand. The app
 * config becomes the router's routes, createReactApp wraps App, and Taro's H5 router loads the page
 * named by the URL and runs its lifecycle: useLoad, useDidShow and useRouter work as in a browser.
 *
 * The app launches once per test file (jest gives every file a fresh jsdom and module registry): the
 * router and the Taro runtime are singletons, as in a browser tab. Later `openPage` calls reLaunch the
 * running app at another page, which is what WeChat does when a running mini-program is opened from
 * a QR code or a shared card: every page is unloaded and the new one loads (useLoad runs again).
 */

type PageModule = { default: unknown };

/** Where the app finds the API: the `API_BASE_URL` a build bakes in (config/index.ts defineConstants). */
export function setApiBaseUrl(url: string): void {
  Object.assign(globalThis, { API_BASE_URL: url, TILES_BASE_URL: `${url}/tiles/` });
}

let launched = false;

/** The element of the page on top of the stack (pages below it stay in the DOM, hidden, as in a browser). */
export function currentPage(): HTMLElement {
  const path = (Current.page as { path?: string } | null)?.path;
  const element = path ? document.getElementById(path) : null;
  if (!element) throw new Error(`no page is showing (Current.page: ${path ?? 'none'})`);
  return element;
}

/**
 * Opens the app at a page and query, e.g. `/pages/station/index?id=st-1`: the first call launches the
 * app, later ones reLaunch it. Resolves once that page is the only one left in the DOM.
 */
export async function openPage(path: string): Promise<void> {
  const previous = [...document.querySelectorAll('.taro_page')];
  if (!launched) {
    launched = true;
    launch(path);
  } else {
    await Taro.reLaunch({ url: path });
  }
  const pathname = path.split('?')[0]!;
  await waitFor(() => {
    expect(previous.filter((element) => element.isConnected)).toEqual([]);
    expect(currentPage().id.startsWith(`${pathname}?`)).toBe(true);
  });
}

/** A page's `index.config.ts`, read as the build reads it ({} when a page has none). */
function pageConfig(page: string): object {
  let file: string;
  try {
    file = require.resolve(`../../miniprogram/src/${page}.config`);
  } catch {
    return {};
  }
  return (require(file) as { default: object }).default;
}

function launch(path: string): void {
  // The URL the browser opened, already in place when the app starts (setting location.hash instead
  // would fire a hashchange after the router starts and load the page a second time).
  window.history.replaceState(null, '', `#${path}`);

  const config = {
    ...JSON.parse(JSON.stringify(appConfig)),
    // config/index.ts `h5.router`
    router: { mode: 'hash' },
    // The H5 router knows every page, sub-packages included (WeChat loads those on demand).
    routes: [...appConfig.pages!, ...(appConfig.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))].map((page) => ({
      path: page,
      load: (context: unknown, params: unknown) => {
        const module = require(`../../miniprogram/src/${page}`) as PageModule;
        return [module, context, params];
      },
      ...pageConfig(page),
    })),
  };
  Object.assign(taroWindow, { __taroAppConfig: config });

  // react-dom/client plus the legacy functions Taro's React runtime expects (the loader's
  // execBeforeCreateWebApp for React 18).
  const dom = Object.assign({}, ReactDOM, { findDOMNode, render, unstable_batchedUpdates });
  const inst = createReactApp(App, React, dom, config);
  const history = createHashHistory({ window: taroWindow as unknown as Window });
  handleAppMountWithTabbar(config, history);
  // The generated entry passes React itself as the "framework" (the router hands it to the pull-down
  // refresh wrapper); the typings say string.
  createRouter(history, inst as Parameters<typeof createRouter>[1], config, React as unknown as string);
  // config/index.ts designWidth and deviceRatio.
  initPxTransform({ designWidth: 750, deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 } });
}
