import type { District } from './region';

/**
 * Region names the mini-program can show without asking the server: the regions of the demo data and
 * the demo staff (all of 九江市 and 滁州市, and the single demo district of each other demo city). The
 * server uses the national table (functions/src/platform/regions.ts, also behind `GET /regions`); this
 * small one keeps the national table out of the mini-program package, and a code it does not know is
 * shown as the code.
 */

interface Row {
  code: string;
  name: string;
}

const PROVINCES: Row[] = [
  { code: '11', name: '北京市' },
  { code: '14', name: '山西省' },
  { code: '34', name: '安徽省' },
  { code: '36', name: '江西省' },
  { code: '45', name: '广西壮族自治区' },
];

const CITIES: Row[] = [
  { code: '1101', name: '北京市' },
  { code: '1401', name: '太原市' },
  { code: '3411', name: '滁州市' },
  { code: '3604', name: '九江市' },
  { code: '4505', name: '北海市' },
  { code: '4510', name: '百色市' },
];

const DISTRICTS: Row[] = [
  { code: '110105', name: '朝阳区' },
  { code: '140105', name: '小店区' },
  { code: '341102', name: '琅琊区' },
  { code: '341103', name: '南谯区' },
  { code: '341122', name: '来安县' },
  { code: '341124', name: '全椒县' },
  { code: '341125', name: '定远县' },
  { code: '341126', name: '凤阳县' },
  { code: '341181', name: '天长市' },
  { code: '341182', name: '明光市' },
  { code: '360402', name: '濂溪区' },
  { code: '360403', name: '浔阳区' },
  { code: '360404', name: '柴桑区' },
  { code: '360423', name: '武宁县' },
  { code: '360424', name: '修水县' },
  { code: '360425', name: '永修县' },
  { code: '360426', name: '德安县' },
  { code: '360428', name: '都昌县' },
  { code: '360429', name: '湖口县' },
  { code: '360430', name: '彭泽县' },
  { code: '360481', name: '瑞昌市' },
  { code: '360482', name: '共青城市' },
  { code: '360483', name: '庐山市' },
  { code: '450502', name: '海城区' },
  { code: '451081', name: '靖西市' },
];

const byCode = new Map<string, Row>([...PROVINCES, ...CITIES, ...DISTRICTS].map((r) => [r.code, r]));

/** The name of a province, city or district code ("3604" → "九江市"); null when unknown. */
export function regionName(code: string): string | null {
  return byCode.get(code)?.name ?? null;
}

/** "江西省九江市都昌县": the names above and including a district, for addresses and labels. */
export function regionPath(code: string): string[] {
  const names: string[] = [];
  for (const length of [2, 4, 6]) {
    if (code.length < length) break;
    const name = byCode.get(code.slice(0, length))?.name;
    // Municipalities name the province and the city alike (北京市, 北京市): keep one.
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/** Names without their level suffix, so "都昌" finds 都昌县 (but never shorter than two characters). */
function shortName(name: string): string {
  const short = name.replace(/(自治区|自治州|自治县|特别行政区|省|市|区|县|旗)$/, '');
  return short.length >= 2 ? short : name;
}

export interface DistrictContext {
  /**
   * The region the caller works in (a province, city or district code). Names shared by several
   * districts across China (朝阳区 is in Beijing and in Changchun) are resolved inside it.
   */
  regionCode?: string;
}

/**
 * A district by its six-digit code or its name (都昌县, 都昌, 江西省九江市都昌县). Null when the code
 * or name is unknown, or when a name matches more than one district in the context.
 */
export function lookupDistrict(nameOrCode: string, context: DistrictContext = {}): District | null {
  const text = nameOrCode.normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return null;
  if (/^\d{6}$/.test(text)) {
    const row = byCode.get(text);
    return row && row.code.length === 6 ? { code: row.code, name: row.name } : null;
  }
  const region = context.regionCode ?? '';
  const candidates = DISTRICTS.filter((d) => d.code.startsWith(region)).filter((d) => {
    // A full path ("九江市都昌县") ends with the district's name.
    if (text === d.name || text === shortName(d.name)) return true;
    if (!text.endsWith(d.name)) return false;
    const prefix = text.slice(0, text.length - d.name.length);
    const parents = regionPath(d.code).slice(0, -1);
    return parents.some((p) => prefix.endsWith(p) || prefix.endsWith(shortName(p)));
  });
  if (candidates.length !== 1) return null;
  const [only] = candidates;
  return only ? { code: only.code, name: only.name } : null;
}

/** The provinces the table knows, by code (an admin's region choices). */
export function knownProvinces(): string[] {
  return PROVINCES.map((p) => p.code);
}

/** The districts inside a region (a province, city or district code), by code. */
export function districtsIn(regionCode: string): District[] {
  return DISTRICTS.filter((d) => d.code.startsWith(regionCode)).map((d) => ({ code: d.code, name: d.name }));
}
