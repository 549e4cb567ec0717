import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import type { Me } from '@yz/shared';
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
