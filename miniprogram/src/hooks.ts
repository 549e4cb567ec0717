import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { regionName, regionPath, type Me, type RegionList } from '@yz/shared';
import { api, ApiError, errorMessage } from './services/api';
import { loadSession, onSessionChange } from './services/session';

/**
 * The signed-in user, fresh from the server each time the page shows (roles change when staff grant
 * them). `me` is null when nobody is signed in.
 */
export function useMe() {
  const [me, setMe] = useState<Me | null>(() => loadSession()?.me ?? null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    if (!loadSession() && process.env.TARO_ENV !== 'weapp') {
      setMe(null);
      return;
    }
    setLoading(true);
    setError(null);
    try {
      setMe(await api.getMe({}));
    } catch (e) {
      if (e instanceof ApiError && e.needsLogin) setMe(null);
      else setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, []);

  useDidShow(() => {
    void refresh();
  });
  useEffect(() => onSessionChange((session) => setMe(session?.me ?? null)), []);

  return { me, loading, error, refresh, setMe };
}

/**
 * A region code as people read it ("广西壮族自治区 北海市 海城区"): from the small table shipped with the
 * app when it knows every level, otherwise from `GET /regions` (the national table stays on the
 * server). Until then, and if that fails, the code itself.
 */
export function useRegionLabel(code: string): string {
  const known = code.length > 0 && [2, 4, 6].filter((n) => n <= code.length).every((n) => regionName(code.slice(0, n)) !== null);
  const [label, setLabel] = useState<string | null>(null);
  useEffect(() => {
    setLabel(null);
    if (known || !/^(\d{2}|\d{4}|\d{6})$/.test(code)) return;
    let live = true;
    const parent = code.slice(0, code.length - 2);
    api
      .listRegions({ query: parent ? { parent } : {} })
      .then((list) => {
        const own = list.items.find((r) => r.code === code);
        if (live && own) setLabel([...list.path.map((r) => r.name), own.name].join(' '));
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [code, known]);
  return known ? regionPath(code).join(' ') : (label ?? code);
}

/** The regions one level below `parent` (the provinces when it is undefined), loaded while `enabled`. */
export function useRegionChildren(parent: string | undefined, enabled = true): { items: RegionList['items'] | null; error: string | null } {
  const [items, setItems] = useState<RegionList['items'] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setItems(null);
    setError(null);
    api
      .listRegions({ query: parent ? { parent } : {} })
      .then((res) => live && setItems(res.items))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [enabled, parent]);
  return { items, error };
}
