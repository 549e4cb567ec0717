import './zod-config';
import * as z from 'zod';

/**
 * Administrative divisions by their GB/T 2260 six-digit codes: 36 = 江西省, 3604 = 九江市,
 * 360428 = 都昌县. A staff scope is a code prefix: a province (2 digits), a city (4) or a district (6),
 * and it covers everything below it.
 */
export const DistrictCode = z.string().regex(/^\d{6}$/, { error: '区县代码应为 6 位数字' });
export const RegionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, { error: '地区代码应为 2、4 或 6 位数字' });

export const District = z.object({
  code: DistrictCode,
  name: z.string().min(1).max(40),
});
export type District = z.infer<typeof District>;

export type RegionLevel = 'province' | 'city' | 'district';

export function regionLevel(code: string): RegionLevel {
  return code.length === 2 ? 'province' : code.length === 4 ? 'city' : 'district';
}

/** Whether a region (a province, city or district code) contains the given district. */
export function regionContains(region: string, districtCode: string): boolean {
  return districtCode.startsWith(region);
}

export const provinceOf = (districtCode: string) => districtCode.slice(0, 2);
export const cityOf = (districtCode: string) => districtCode.slice(0, 4);

/** The levels below a parent, for pickers: `GET /regions?parent=`. */
export const RegionsQuery = z.object({
  /** A province (2 digits) or city (4 digits) code; absent for the provinces. */
  parent: z
    .string()
    .regex(/^(\d{2}|\d{4})$/, { error: '上级地区代码应为 2 位（省）或 4 位（市）数字' })
    .optional(),
});
export const Region = z.object({ code: RegionCode, name: z.string() });
export type Region = z.infer<typeof Region>;
export const RegionList = z.object({
  /** The parent and its ancestors, province first; empty for the provinces. */
  path: z.array(Region),
  /** The regions one level down; `leaf` marks districts (nothing below to pick). */
  items: z.array(Region.extend({ leaf: z.boolean() })),
});
export type RegionList = z.infer<typeof RegionList>;
