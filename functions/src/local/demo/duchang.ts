import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { unknownAmenities, type Station, type StationType } from '@yz/shared';
import { DUCHANG } from './cities';

/**
 * Duchang county's stations as compiled from public map listings (AMap POIs, GCJ-02). Hours and
 * amenities are not in the listing, so they load as unknown rather than guessed.
 */

type Row = { name: string; amap_poi_id: string; address: string; township: string; lng_gcj02: string; lat_gcj02: string };

export function guessStationType(name: string): StationType {
  if (/银行|农行|工行|建行|信用社|支行/.test(name)) return 'bank';
  if (/加油站|石化|石油/.test(name)) return 'petrol_station';
  if (/警务|交警|派出所|岗亭/.test(name)) return 'police_booth';
  if (/环卫/.test(name)) return 'sanitation_depot';
  if (/社区|村/.test(name)) return 'community';
  if (/商场|广场|新天地|购物/.test(name)) return 'mall';
  if (/政府|服务中心|便民|大厅/.test(name)) return 'service_hall';
  if (/工会/.test(name)) return 'union_center';
  if (/公司|企业|物流|厂/.test(name)) return 'enterprise';
  return 'other';
}

/** Listing names carry research annotations such as " (amap name: …)"; people should not see them. */
function cleanName(name: string): string {
  return name.replace(/\s*\((?:amap[^)]*)\)\s*$/i, '').trim();
}

export function duchangStations(now: string): Station[] {
  const file = path.join(__dirname, 'duchang_yizhan_amap.csv');
  const rows = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as Row[];
  return rows.map((row) => {
    const name = cleanName(row.name);
    const town = row.township && !row.address.includes(row.township) && !row.address.startsWith('都昌') ? row.township : '';
    return {
      id: `amap-${row.amap_poi_id}`,
      name,
      address: `江西省九江市都昌县${town}${row.address}`,
      district: DUCHANG.district,
      location: { lat: Number(row.lat_gcj02), lng: Number(row.lng_gcj02) },
      type: guessStationType(name),
      amenities: unknownAmenities(),
      hours: null,
      hoursNote: null,
      closure: null,
      phones: [],
      hostOrganisation: '都昌县总工会',
      notice: null,
      photoUrl: null,
      status: 'active',
      lastVerifiedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    } satisfies Station;
  });
}
