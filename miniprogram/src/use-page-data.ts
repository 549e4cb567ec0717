import Taro, { useDidShow, useLoad, usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { ApiError, errorMessage } from './services/api';

/**
 * The data a page is about, fetched from the server: `error` is a message to show with 重试 (`load`).
 * With `pullDownRefresh` (the page's config enables it) a pull reloads and the spinner stops once
 * loaded. Used by subpackage pages only, so it lives apart from hooks.ts (which the main package loads).
 */
interface Options {
  pullDownRefresh?: boolean;
}

function useFetched<T>(fetch: () => Promise<T>, opts: Options & { signedOutOnLogin: boolean }) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [signedOut, setSignedOut] = useState(false);

  const load = async () => {
    setError(null);
    try {
      setData(await fetch());
    } catch (e) {
      if (opts.signedOutOnLogin && e instanceof ApiError && e.needsLogin) setSignedOut(true);
      else setError(errorMessage(e));
    } finally {
      if (opts.pullDownRefresh) Taro.stopPullDownRefresh();
    }
  };
  usePullDownRefresh(() => {
    if (opts.pullDownRefresh) void load();
  });

  return { data, setData, error, signedOut, load };
}

/**
 * Fetched once, when the page loads: a form's page keeps what was typed when the person comes back
 * to it. A refused login is an error like any other (the page asks for the login before it fetches).
 */
export function usePageData<T>(fetch: () => Promise<T>, opts: Options = {}) {
  const { data, setData, error, load } = useFetched(fetch, { ...opts, signedOutOnLogin: false });
  useLoad(() => {
    void load();
  });
  return { data, setData, error, load };
}

/**
 * The signed-in person's own data (我的帮扶, 我的心愿…), fetched each time the page shows. `signedOut`
 * when the server asks for a login.
 */
export function useOwnData<T>(fetch: () => Promise<T>, opts: Options = {}) {
  const fetched = useFetched(fetch, { ...opts, signedOutOnLogin: true });
  useDidShow(() => {
    void fetched.load();
  });
  return fetched;
}
