import Taro from '@tarojs/taro';
import type { Session } from '@yz/shared';

/**
 * The session token, kept on the phone. In WeChat the app signs in silently (wx.login → our server →
 * WeChat), on launch and again once if the server says the session ended. Off WeChat (H5) there is no
 * wx.login: people sign in with a demo persona on the development login page.
 */

const KEY = 'yz.session';

export function loadSession(): Session | null {
  try {
    const value = Taro.getStorageSync(KEY) as Session | '';
    if (!value || !value.token) return null;
    if (Date.parse(value.expiresAt) <= Date.now()) return null;
    return value;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  try {
    if (session) Taro.setStorageSync(KEY, session);
    else Taro.removeStorageSync(KEY);
  } catch {
    // storage unavailable: the session lasts as long as the page
  }
  for (const listener of listeners) listener(session);
}

const listeners = new Set<(session: Session | null) => void>();

/** Pages re-render when someone signs in or out elsewhere. */
export function onSessionChange(listener: (session: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True where wx.login exists (the WeChat build). */
export const canLoginSilently = process.env.TARO_ENV === 'weapp';
