import { stringify } from 'csv-stringify/sync';
import { regionName, STATION_TYPE_LABELS, type Station } from '@yz/shared';
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

/** UTF-8 with a byte-order mark, which Excel needs to show Chinese in a CSV. */
export function stationsCsv(stations: Station[]): string {
  const rows = [EXPORT_COLUMNS.map((c) => COLUMN_LABELS[c]), ...stations.map((s) => EXPORT_COLUMNS.map((c) => cells(s)[c]))];
  return `\uFEFF${stringify(rows, { record_delimiter: '\r\n' })}`;
}

/**
 * A FeatureCollection of the stations on the map. GeoJSON (RFC 7946) means WGS-84, but these
 * coordinates are GCJ-02 as published by Chinese map platforms: said at the top and on every feature.
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
        name: s.name,
        address: s.address,
        districtCode: s.district.code,
        district: s.district.name,
        type: s.type,
        typeLabel: STATION_TYPE_LABELS[s.type],
        hours: s.hours ? formatHoursText(s.hours) : (s.hoursNote ?? null),
        phones: s.phones,
        amenities: Object.entries(s.amenities)
          .filter(([, v]) => v === 'yes')
          .map(([k]) => k),
        hostOrganisation: s.hostOrganisation,
        notice: s.notice,
        closed: s.closure ? { reason: s.closure.reason, until: s.closure.until } : null,
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
