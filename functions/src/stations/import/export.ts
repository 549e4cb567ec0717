import { regionName, STATION_TYPE_LABELS, type Station } from '@yz/shared';
import { csvText, neutraliseCell } from '../../platform/csv';
import { COLUMN_LABELS, EXPORT_COLUMNS, type ImportColumn } from './columns';
import { amenitiesText } from './fields';
import { formatHoursText } from './hours-text';

/**
 * A region's stations for other systems: CSV with exactly the columns the importer reads (so an
 * exported file imports back to the same stations), and GeoJSON for map platforms.
 */

function cells(station: Station): Record<ImportColumn, string> {
  return {
    id: station.id,
    name: station.name,
    address: station.address,
    district: station.district.name,
    lat: station.location ? String(station.location.lat) : '',
    lng: station.location ? String(station.location.lng) : '',
    hours: station.hours ? formatHoursText(station.hours) : (station.hoursNote ?? ''),
    phone: station.phones.join('、'),
    type: STATION_TYPE_LABELS[station.type],
    amenities: amenitiesText(station.amenities),
    hostOrganisation: station.hostOrganisation ?? '',
    notice: station.notice ?? '',
    poiId: '',
    township: '',
    coordinates: '',
  };
}

/** Written by the one CSV writer (formula cells neutralised; the importer restores them: rows.ts). */
export function stationsCsv(stations: Station[]): string {
  return csvText([EXPORT_COLUMNS.map((c) => COLUMN_LABELS[c]), ...stations.map((s) => EXPORT_COLUMNS.map((c) => cells(s)[c]))]);
}

/** Free text (may be written by a host) as it goes into GeoJSON; null stays null. */
const text = <T extends string | null | undefined>(value: T): T => (typeof value === 'string' ? (neutraliseCell(value) as T) : value);

/**
 * A FeatureCollection of the stations on the map. GeoJSON (RFC 7946) means WGS-84, but these
 * coordinates are GCJ-02 as published by Chinese map platforms: said at the top and on every feature.
 *
 * Its free-text properties (name, address, hours, phones, host organisation, notice, closure reason)
 * get the CSV writer's formula neutralisation too: GIS tools (QGIS, ArcGIS, 高德/腾讯 data platforms)
 * routinely turn a layer's attribute table into CSV or XLSX without escaping, and a staff member
 * pasting properties into a sheet would otherwise run a host's `=HYPERLINK(...)`. Real station text
 * never starts with = + - @, so nothing a map shows changes; ids, codes and times are ours and left as they are.
 */
export function stationsGeoJson(stations: Station[], regionCode: string): string {
  const features = stations
    .filter((s) => s.location && s.status === 'active')
    .map((s) => ({
      type: 'Feature' as const,
      id: s.id,
      geometry: { type: 'Point' as const, coordinates: [s.location!.lng, s.location!.lat] },
      properties: {
        id: s.id,
        name: text(s.name),
        address: text(s.address),
        districtCode: s.district.code,
        district: text(s.district.name),
        type: s.type,
        typeLabel: STATION_TYPE_LABELS[s.type],
        hours: text(s.hours ? formatHoursText(s.hours) : (s.hoursNote ?? null)),
        phones: s.phones.map(neutraliseCell),
        amenities: Object.entries(s.amenities)
          .filter(([, v]) => v === 'yes')
          .map(([k]) => k),
        hostOrganisation: text(s.hostOrganisation),
        notice: text(s.notice),
        closed: s.closure ? { reason: text(s.closure.reason), until: s.closure.until } : null,
        updatedAt: s.updatedAt,
        coordinateSystem: 'GCJ-02',
      },
    }));
  return JSON.stringify({
    type: 'FeatureCollection',
    name: `${regionName(regionCode) ?? regionCode} 户外劳动者驿站`,
    coordinateSystem: 'GCJ-02',
    coordinateSystemNote: '坐标为 GCJ-02（国测局坐标，高德、腾讯地图使用），不是 GeoJSON 默认的 WGS-84',
    features,
  });
}
