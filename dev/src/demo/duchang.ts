import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Station } from '@yz/shared';
import { applyDraft } from '@yz/functions/stations/import/service';
import { draftFromRecord, type RawRecord } from '@yz/functions/stations/import/rows';
import { DUCHANG } from './cities';

/**
 * Duchang county's stations as compiled from public map listings (AMap POIs, GCJ-02), loaded through
 * the station importer like any other list. Hours and amenities are not in the listing, so they load
 * as unknown rather than guessed.
 */

type Row = { name: string; amap_poi_id: string; address: string; township: string; lng_gcj02: string; lat_gcj02: string };

export { guessStationType } from '@yz/functions/stations/import/fields';

/** Listing names carry research annotations such as " (amap name: …)"; people should not see them. */
function cleanName(name: string): string {
  return name.replace(/\s*\((?:amap[^)]*)\)\s*$/i, '').trim();
}

/** The listing as importer records: names cleaned, addresses made whole (county and township in front). */
export function duchangRecords(): { row: number; record: RawRecord }[] {
  const file = path.join(__dirname, 'duchang_yizhan_amap.csv');
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Row[];
  return rows.map((row, i) => {
    const town = row.township && !row.address.includes(row.township) && !row.address.startsWith('都昌') ? row.township : '';
    return {
      row: i + 2,
      record: {
        poiId: row.amap_poi_id,
        name: cleanName(row.name),
        address: `江西省九江市都昌县${town}${row.address}`,
        district: DUCHANG.district.code,
        lat: row.lat_gcj02,
        lng: row.lng_gcj02,
        hostOrganisation: '都昌县总工会',
      },
    };
  });
}

/** The stations an import of the listing creates in empty tables (the same pure steps the importer takes). */
export function duchangStations(now: string): Station[] {
  return duchangRecords().map(({ row, record }) => {
    const result = draftFromRecord(row, record, DUCHANG.district.code);
    if (!result.ok) throw new Error(`Duchang listing row ${row}: ${result.reasons.join('; ')}`);
    return applyDraft(null, result.draft, now, result.draft.id!).station;
  });
}
