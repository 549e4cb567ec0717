import Taro from '@tarojs/taro';
import { AMENITY_LABELS, STATION_TYPE_LABELS, type Amenity, type StationType } from '@yz/shared';

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

/**
 * One filter's key, as the nearby route names it in its relax hints: `openNow`, `type`, `q` or
 * `amenity:<name>`.
 */
export type FilterKey = string;

/** What a filter is, for people: "现在开放", "关键词“东风”", "热水". */
export function filterLabel(key: FilterKey, f: FinderFilters): string {
  if (key === 'openNow') return '现在开放';
  if (key === 'type') return f.type ? STATION_TYPE_LABELS[f.type] : '驿站类型';
  if (key === 'q') return `关键词“${f.q.trim()}”`;
  const amenity = key.replace('amenity:', '') as Amenity;
  return AMENITY_LABELS[amenity] ?? key;
}

/** The filters that are on, keyword first: what the list is narrowed by. */
export function activeFilters(f: FinderFilters): { key: FilterKey; label: string }[] {
  const keys: FilterKey[] = [
    ...(f.q.trim() ? ['q'] : []),
    ...(f.openNow ? ['openNow'] : []),
    ...(f.type ? ['type'] : []),
    ...f.amenities.map((a) => `amenity:${a}`),
  ];
  return keys.map((key) => ({ key, label: filterLabel(key, f) }));
}

export function withoutFilter(key: FilterKey, f: FinderFilters): FinderFilters {
  if (key === 'openNow') return { ...f, openNow: false };
  if (key === 'type') return { ...f, type: null };
  if (key === 'q') return { ...f, q: '' };
  return { ...f, amenities: f.amenities.filter((a) => `amenity:${a}` !== key) };
}
