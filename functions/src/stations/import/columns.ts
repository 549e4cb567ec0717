/**
 * The columns a station list may have, under the names people give them (Chinese or English).
 * Export writes the first name of each column, so an exported file imports back unchanged.
 */

export const IMPORT_COLUMNS = [
  'id',
  'name',
  'address',
  'district',
  'lat',
  'lng',
  'hours',
  'phone',
  'type',
  'amenities',
  'hostOrganisation',
  'notice',
  'poiId',
  'township',
  'coordinates',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Header names per column; the first is what export writes. Compared after `headerKey`. */
const ALIASES: Record<ImportColumn, string[]> = {
  id: ['编号', '驿站编号', 'id', 'station_id', 'stationid'],
  name: ['名称', '驿站名称', '站点名称', '站名', 'name', 'station_name'],
  address: ['地址', '详细地址', '所在地址', 'address', 'addr'],
  district: ['区县', '所属区县', '区/县', '县区', '县(市、区)', '行政区', 'district', 'county', 'district_code', 'adcode'],
  lat: ['纬度', 'lat', 'latitude', 'lat_gcj02', 'y'],
  lng: ['经度', 'lng', 'lon', 'long', 'longitude', 'lng_gcj02', 'lon_gcj02', 'x'],
  hours: ['开放时间', '营业时间', '服务时间', '开放时段', 'hours', 'opening_hours', 'open_hours'],
  phone: ['电话', '联系电话', '联系方式', '电话号码', 'phone', 'phones', 'tel', 'telephone'],
  type: ['类型', '驿站类型', '站点类型', 'type', 'category'],
  amenities: ['设施', '服务设施', '服务项目', '配套设施', 'amenities', 'facilities'],
  hostOrganisation: ['主办单位', '建设单位', '依托单位', '管理单位', 'host', 'host_organisation', 'organisation', 'organization'],
  notice: ['公告', '通知', '备注公告', 'notice'],
  poiId: ['amap_poi_id', '高德poi', '高德id', 'poi_id', 'poi'],
  township: ['乡镇', '街道', '乡镇街道', '乡镇(街道)', 'township', 'town'],
  coordinates: ['经纬度', '坐标', 'location', 'coordinates', 'lnglat'],
};

export const COLUMN_LABELS: Record<ImportColumn, string> = Object.fromEntries(
  IMPORT_COLUMNS.map((c) => [c, ALIASES[c][0]!]),
) as Record<ImportColumn, string>;

/** A header as compared: half-width, lower case, no spaces, units and notes in brackets dropped ("纬度（GCJ-02）"). */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .replace(/\((?:gcj-?02|wgs-?84|bd-?09|火星坐标|高德|腾讯|百度)[^)]*\)$/i, '')
    .replace(/[*＊]$/, '')
    .toLowerCase();
}

const lookup = new Map<string, ImportColumn>(IMPORT_COLUMNS.flatMap((c) => ALIASES[c].map((a) => [headerKey(a), c] as const)));

export interface ColumnMap {
  /** The column each position holds, or null when the column is not one of ours. */
  byIndex: (ImportColumn | null)[];
  /** Header as written → the column it was understood as (its Chinese name). */
  recognised: Record<string, string>;
  ignored: string[];
}

export function mapColumns(header: string[]): ColumnMap {
  const seen = new Set<ImportColumn>();
  const byIndex: (ImportColumn | null)[] = [];
  const recognised: Record<string, string> = {};
  const ignored: string[] = [];
  for (const raw of header) {
    const column = lookup.get(headerKey(raw)) ?? null;
    // A second column of the same meaning is ignored rather than silently mixed with the first.
    if (column && !seen.has(column)) {
      seen.add(column);
      byIndex.push(column);
      recognised[raw.trim()] = COLUMN_LABELS[column];
    } else {
      byIndex.push(null);
      if (raw.trim() !== '') ignored.push(raw.trim());
    }
  }
  return { byIndex, recognised, ignored };
}

/** The columns export writes, in order: the ones the importer reads back to the same station. */
export const EXPORT_COLUMNS: ImportColumn[] = ['id', 'name', 'address', 'district', 'lat', 'lng', 'hours', 'phone', 'type', 'amenities', 'hostOrganisation', 'notice'];
