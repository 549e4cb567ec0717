import Taro from '@tarojs/taro';
import type { LatLng, NearbyStation, Region } from '@yz/shared';

/**
 * The last nearby results, kept on the phone: on a weak network the list shows at once from here and
 * is refreshed when the network answers.
 */
export interface NearbySnapshot {
  savedAt: string;
  center: LatLng;
  /** The city picked by hand, when the search did not start from the worker's location. */
  cityName: string | null;
  items: NearbyStation[];
}

const KEY = 'yz.nearby.last';

export function loadNearby(): NearbySnapshot | null {
  try {
    const value = Taro.getStorageSync(KEY) as NearbySnapshot | '';
    return value && Array.isArray(value.items) ? value : null;
  } catch {
    return null;
  }
}

export function saveNearby(snapshot: NearbySnapshot): void {
  try {
    Taro.setStorageSync(KEY, snapshot);
  } catch {
    // storage full or unavailable: the cache is a convenience, never a failure
  }
}

const CITY_KEY = 'yz.city';

export function loadCity(): string | null {
  try {
    return (Taro.getStorageSync(CITY_KEY) as string) || null;
  } catch {
    return null;
  }
}

export function saveCity(name: string | null): void {
  try {
    if (name) Taro.setStorageSync(CITY_KEY, name);
    else Taro.removeStorageSync(CITY_KEY);
  } catch {
    // ignore, as above
  }
}

const DISTRICT_KEY = 'yz.district';

/** The district picked by hand (province → city → district), browsed again on the next visit. */
export function loadDistrict(): Region | null {
  try {
    const value = Taro.getStorageSync(DISTRICT_KEY) as Region | '';
    return value && typeof value.code === 'string' && typeof value.name === 'string' ? value : null;
  } catch {
    return null;
  }
}

export function saveDistrict(region: Region | null): void {
  try {
    if (region) Taro.setStorageSync(DISTRICT_KEY, { code: region.code, name: region.name });
    else Taro.removeStorageSync(DISTRICT_KEY);
  } catch {
    // ignore, as above
  }
}
