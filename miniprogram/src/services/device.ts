import Taro from '@tarojs/taro';

const KEY = 'yz-device-id';

/**
 * A random id for this install of the app, kept in its storage: answers confirming stations are
 * limited per device as well as per person. It says nothing about the phone or the person.
 */
export function deviceId(): string {
  const kept: unknown = Taro.getStorageSync(KEY);
  if (typeof kept === 'string' && /^[a-z0-9]{20}$/.test(kept)) return kept;
  let id = '';
  while (id.length < 20) id += Math.random().toString(36).slice(2);
  id = id.slice(0, 20);
  Taro.setStorageSync(KEY, id);
  return id;
}
