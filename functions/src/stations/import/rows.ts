import { lookupDistrict, regionName } from '../../platform/regions';
import { parse } from 'csv-parse/sync';
import { restoreCell } from '../../platform/csv';
import { regionContains, StationId, type Amenity, type District, type LatLng, type OpeningHours, type StationType } from '@yz/shared';
import { badRequest } from '../../platform/errors';
import { mapColumns, type ColumnMap, type ImportColumn } from './columns';
import { guessStationType, parseAmenities, parseCoordinatePair, parseCoordinates, parsePhones, parseStationType } from './fields';
import { parseHoursText } from './hours-text';

/**
 * From a list's text to one draft per row: what the row says about a station, read strictly, with
 * every doubt written down as a reason. Nothing here touches the database.
 */

export type RawRecord = Partial<Record<ImportColumn, string>>;

export interface SheetRecord {
  /** The spreadsheet row number (the header is row 1). */
  row: number;
  record: RawRecord;
  /** Why the row cannot be read at all (its cells do not line up with the header); it is refused as it is. */
  refusal?: string;
}

export interface SheetRows {
  columns: ColumnMap;
  records: SheetRecord[];
}

/**
 * The one separator a file uses, read off its header: the most frequent of comma, tab and semicolon.
 * Parsing with all three at once would split a note such as "geojson; ~37m from …" into two cells.
 */
export function detectDelimiter(text: string): ',' | '\t' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (d: string) => header.split(d).length - 1;
  const candidates = [',', '\t', ';'] as const;
  return candidates.reduce((best, d) => (count(d) > count(best) ? d : best), candidates[0]);
}

export function readSheet(text: string): SheetRows {
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw badRequest('IMPORT_UNREADABLE', `文件无法按 CSV 读取${line ? `（第 ${line} 行附近）` : ''}，请在表格软件中另存为 CSV 后再试`);
  }
  const [header, ...body] = rows;
  if (!header) throw badRequest('IMPORT_UNREADABLE', '文件是空的');
  const columns = mapColumns(header);
  if (!columns.byIndex.includes('name')) {
    throw badRequest('IMPORT_NO_NAME_COLUMN', `没有找到“名称”列（表头是：${header.slice(0, 8).join('、')}），请把第一行写成列名，如 名称、地址、区县、纬度、经度、开放时间`);
  }
  const records = body
    // Rows with nothing in them (a trailing line of commas) are not stations.
    .map((cells, i) => ({ cells, row: i + 2 }))
    .filter(({ cells }) => cells.some((v) => v.trim() !== ''))
    .map(({ cells, row }): SheetRecord => {
      const record: RawRecord = {};
      columns.byIndex.forEach((column, c) => {
        // Our own export neutralised formula cells with a leading apostrophe (platform/csv.ts): undo it.
        if (column && cells[c] !== undefined) record[column] = restoreCell(cells[c]);
      });
      // An unquoted comma inside an address adds a cell and moves every later value one column to the
      // right (the phone lands in 类型…): such a row is refused whole, never read shifted.
      if (cells.length !== header.length) {
        return { row, record, refusal: `第 ${row} 行有 ${cells.length} 列，表头有 ${header.length} 列：可能是地址等内容里有逗号（请给它加上引号）或少填了分隔符，这一行没有导入` };
      }
      return { row, record };
    });
  return { columns, records };
}

/** What a row says about a station. `undefined` fields were not given and leave an existing station as it is. */
export interface RowDraft {
  row: number;
  /** The station id the row names (an 编号 column, or `amap-<POI>` from an AMap POI id). */
  id: string | null;
  name: string;
  address: string;
  district: District;
  /** null: the row gives no usable location (a new station then waits for one, off the map). */
  location: LatLng | null;
  /** Why the row's coordinates were not usable, when they were given but wrong. */
  locationProblem: string | null;
  hours: { kind: 'hours'; hours: OpeningHours } | { kind: 'note'; note: string } | undefined;
  phones: string[] | undefined;
  /** The type as written, or, for new stations, the one its name suggests. */
  type: StationType | undefined;
  guessedType: StationType;
  amenitiesYes: Amenity[];
  amenitiesNo: Amenity[];
  hostOrganisation: string | undefined;
  notice: string | undefined;
  /** Things a person should look at: the report lists them beside the row, which is stored all the same. */
  flags: string[];
}

export type DraftResult = { ok: true; draft: RowDraft } | { ok: false; reasons: string[]; name: string | null };

const cell = (record: RawRecord, column: ImportColumn) => (record[column] ?? '').trim();
/** Spaces tidied; the characters themselves are kept as written (a notice's full-width comma stays one). */
const clean = (text: string) => text.replace(/[\s\u3000]+/g, ' ').trim();

/** The district of a row: its own column (a name or a code), else the district the import is for. */
function rowDistrict(record: RawRecord, regionCode: string): { district: District } | { reason: string } {
  const written = cell(record, 'district');
  if (written === '') {
    if (regionCode.length === 6) {
      const d = lookupDistrict(regionCode);
      if (d) return { district: d };
    }
    return {
      reason: regionCode === '' ? '缺少区县：请在“区县”列写明，或导入时指定区县' : `缺少区县（本次导入的地区是${regionName(regionCode) ?? regionCode}，请在“区县”列写明）`,
    };
  }
  const district = lookupDistrict(written, { regionCode }) ?? lookupDistrict(written);
  if (!district) return { reason: `区县“${written}”无法识别，请写区县全名（如 都昌县）或 6 位区县代码` };
  if (!regionContains(regionCode, district.code)) {
    return { reason: `区县“${district.name}”不在本次导入的地区（${regionName(regionCode) ?? regionCode}）内` };
  }
  return { district };
}

export function draftFromRecord(row: number, record: RawRecord, regionCode: string): DraftResult {
  const name = clean(cell(record, 'name'));
  const reasons: string[] = [];
  if (name === '') return { ok: false, reasons: ['缺少名称'], name: null };
  if (name.length > 60) reasons.push(`名称超过 60 个字（${name.length} 个字）`);

  let address = clean(cell(record, 'address'));
  const township = clean(cell(record, 'township'));
  // A list may keep the township (乡镇/街道) apart from the street address; the address needs both.
  if (township !== '' && address !== '' && !address.includes(township)) address = `${township}${address}`;
  if (address === '') reasons.push('缺少地址');
  else if (address.length > 120) reasons.push(`地址超过 120 个字（${address.length} 个字）`);

  const where = rowDistrict(record, regionCode);
  if ('reason' in where) reasons.push(where.reason);

  let id: string | null = null;
  const idCell = cell(record, 'id');
  const poi = cell(record, 'poiId');
  if (idCell !== '') {
    if (StationId.safeParse(idCell).success) id = idCell;
    else reasons.push(`编号“${idCell}”格式不正确（3–64 位字母、数字、- 或 _）`);
  } else if (poi !== '') {
    if (/^[A-Za-z0-9]{5,40}$/.test(poi)) id = `amap-${poi}`;
    else reasons.push(`高德 POI 编号“${poi}”格式不正确`);
  }
  if (reasons.length > 0 || 'reason' in where) return { ok: false, reasons, name };

  const flags: string[] = [];
  const coordinates =
    cell(record, 'lat') !== '' || cell(record, 'lng') !== ''
      ? parseCoordinates(cell(record, 'lat'), cell(record, 'lng'))
      : parseCoordinatePair(cell(record, 'coordinates'));
  let location: LatLng | null = null;
  let locationProblem: string | null = null;
  if (coordinates.kind === 'ok') {
    location = coordinates.location;
    if (coordinates.note) flags.push(coordinates.note);
  } else if (coordinates.kind === 'bad') {
    locationProblem = coordinates.reason;
  }

  let hours: RowDraft['hours'];
  const hoursCell = cell(record, 'hours');
  if (hoursCell !== '') {
    const parsed = parseHoursText(hoursCell);
    if (parsed.ok) {
      hours = { kind: 'hours', hours: parsed.hours };
      flags.push(...parsed.notes);
    } else {
      hours = { kind: 'note', note: hoursCell.slice(0, 200) };
      flags.push(`开放时间“${hoursCell.slice(0, 30)}”无法准确识别（${parsed.reason}），原文已保存为备注，未作推测`);
    }
  }

  let phones: string[] | undefined;
  const phoneCell = cell(record, 'phone');
  if (phoneCell !== '') {
    const parsed = parsePhones(phoneCell);
    phones = parsed.phones.slice(0, 5);
    if (parsed.invalid.length > 0) flags.push(`电话“${parsed.invalid.join('、')}”格式不正确，未导入`);
    if (parsed.phones.length > 5) flags.push(`电话超过 5 个，只导入了前 5 个`);
  }

  const guessedType = guessStationType(name);
  let type: StationType | undefined;
  const typeCell = cell(record, 'type');
  if (typeCell !== '') {
    const parsed = parseStationType(typeCell);
    if (parsed) type = parsed;
    else flags.push(`类型“${typeCell}”无法识别，按名称归类`);
  }

  const amenities = parseAmenities(cell(record, 'amenities'));
  if (amenities.unknown.length > 0) flags.push(`设施“${amenities.unknown.join('、')}”无法识别，未导入`);

  const host = clean(cell(record, 'hostOrganisation'));
  const notice = clean(cell(record, 'notice'));
  if (host.length > 80) flags.push('主办单位超过 80 个字，未导入');
  if (notice.length > 120) flags.push('公告超过 120 个字，未导入');

  return {
    ok: true,
    draft: {
      row,
      id,
      name,
      address,
      district: where.district,
      location,
      locationProblem,
      hours,
      phones,
      type,
      guessedType,
      amenitiesYes: amenities.yes,
      amenitiesNo: amenities.no,
      hostOrganisation: host !== '' && host.length <= 80 ? host : undefined,
      notice: notice !== '' && notice.length <= 120 ? notice : undefined,
      flags,
    },
  };
}
