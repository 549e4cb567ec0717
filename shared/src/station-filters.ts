import { confirmedOpenAt, effectiveAmenity } from './confirmation';
import { openStatus } from './opening-hours';
import { foldText } from './search-text';
import type { NearbyStation, StationFilters } from './station';

/**
 * The one place that says whether a station matches a worker's filters. The server filters with it,
 * and the app can apply it to the list it has cached when the network is gone.
 */

export type FilterRow = Pick<NearbyStation, 'name' | 'address' | 'type' | 'amenities' | 'hours' | 'closure'> & {
  confirmations?: NearbyStation['confirmations'];
};

/** Filters ready to apply: the keyword folded once, the moment for "open now" fixed. */
export interface PreparedFilters {
  amenities: readonly string[];
  types: readonly string[] | null;
  openNow: boolean;
  keyword: string;
  now: Date;
}

export function prepareFilters(filters: StationFilters, now: Date): PreparedFilters {
  return {
    amenities: filters.amenities ?? [],
    types: filters.type && filters.type.length > 0 ? filters.type : null,
    openNow: filters.openNow === true,
    keyword: foldText(filters.q ?? ''),
    now,
  };
}

export function hasFilters(f: PreparedFilters): boolean {
  return f.amenities.length > 0 || f.types !== null || f.openNow || f.keyword !== '';
}

/**
 * Open now, or closing soon: somewhere a worker can still go in. Where the hours say nothing (unknown,
 * and no closure in force), a station workers confirmed open within the last hour counts as open.
 */
export function isOpenAt(row: Pick<FilterRow, 'hours' | 'closure' | 'confirmations'>, now: Date): boolean {
  const state = openStatus(row, now).state;
  return state === 'open' || state === 'closing_soon' || (state === 'unknown' && confirmedOpenAt(row, now));
}

/**
 * The filters a station fails: `[]` when it matches. Names are `openNow`, `type`, `q` and
 * `amenity:<name>`, the same as the relax hints of the nearby answer.
 */
export function failedFilters(row: FilterRow, f: PreparedFilters): string[] {
  const failed: string[] = [];
  if (f.types && !f.types.includes(row.type)) failed.push('type');
  for (const a of f.amenities) if (effectiveAmenity(row, a as keyof FilterRow['amenities']) !== 'yes') failed.push(`amenity:${a}`);
  if (f.keyword !== '' && !foldText(row.name).includes(f.keyword) && !foldText(row.address).includes(f.keyword)) failed.push('q');
  if (f.openNow && !isOpenAt(row, f.now)) failed.push('openNow');
  return failed;
}

/** Rough share of stations that pass the filters, for planning how far to read (never for results). */
export function expectedSelectivity(f: PreparedFilters): number {
  let s = 1;
  if (f.openNow) s *= 0.6;
  s *= 0.5 ** f.amenities.length;
  if (f.types) s *= Math.min(1, f.types.length / 8);
  if (f.keyword !== '') s *= 0.05;
  return Math.max(s, 0.005);
}
