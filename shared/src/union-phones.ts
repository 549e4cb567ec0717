/**
 * Whom a worker can call when a station lists no phone: the district's trade union (区县总工会) and the
 * national union hotline 12351 (全国总工会职工服务热线). The region data carries no phone numbers, so
 * the district numbers live here, for the demo districts only.
 *
 * These district numbers are demo values in the local area code, not numbers checked with each union:
 * before a district goes live, replace its entry with the number the union publishes (or remove it,
 * and the page offers only 12351).
 */

export const UNION_HOTLINE = '12351';
export const UNION_HOTLINE_LABEL = '全国总工会职工服务热线';

export interface DistrictUnionPhone {
  /** The union's name as the page shows it. */
  name: string;
  phone: string;
}

const DISTRICT_UNION_PHONES: Record<string, DistrictUnionPhone> = {
  '360428': { name: '都昌县总工会', phone: '0792-5222000' },
  '341102': { name: '琅琊区总工会', phone: '0550-3000000' },
  '110105': { name: '朝阳区总工会', phone: '010-65000000' },
  '140105': { name: '小店区总工会', phone: '0351-7000000' },
  '450502': { name: '海城区总工会', phone: '0779-3000000' },
  '451081': { name: '靖西市总工会', phone: '0776-6000000' },
};

export function districtUnionPhone(districtCode: string): DistrictUnionPhone | null {
  return DISTRICT_UNION_PHONES[districtCode] ?? null;
}
