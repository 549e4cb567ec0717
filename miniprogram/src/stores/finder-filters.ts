import Taro from '@tarojs/taro';
import type { Amenity, StationType } from '@yz/shared';

/**
 * The worker's filters, kept on the phone: they stay set while moving between pages and across
 * restarts, until the worker clears them.
 */
export interface FinderFilters {
  amenities: Amenity[];
  openNow: boolean;
  type: StationType | null;
  q: string;
}

export const NO_FILTERS: FinderFilters = { amenities: [], openNow: false, type: null, q: '' };

const KEY = 'yz.finder.filters';

export function loadFilters(): FinderFilters {
  try {
    const value = Taro.getStorageSync(KEY) as Partial<FinderFilters> | '';
    if (!value) return NO_FILTERS;
    return {
      amenities: Array.isArray(value.amenities) ? value.amenities : [],
      openNow: value.openNow === true,
      type: value.type ?? null,
      q: typeof value.q === 'string' ? value.q : '',
    };
  } catch {
    return NO_FILTERS;
  }
}

export function saveFilters(filters: FinderFilters): void {
  try {
    Taro.setStorageSync(KEY, filters);
  } catch {
    // storage full or unavailable: filters then last only as long as the page
  }
}

export function filterCount(f: FinderFilters): number {
  return f.amenities.length + (f.openNow ? 1 : 0) + (f.type ? 1 : 0) + (f.q.trim() ? 1 : 0);
}

/** The filters as query parameters of the nearby and district routes. */
export function filterQuery(f: FinderFilters) {
  return {
    ...(f.amenities.length > 0 ? { amenities: f.amenities } : {}),
    ...(f.openNow ? { openNow: true } : {}),
    ...(f.type ? { type: [f.type] } : {}),
    ...(f.q.trim() ? { q: f.q.trim() } : {}),
  };
}
