import { parse } from 'csv-parse/sync';
import { csvText, neutraliseCell, restoreCell } from '../../../functions/src/platform/csv';

/** The one CSV writer: no cell a spreadsheet would run, and our importer gets back what was written. */

const DANGEROUS = ['=1+2', '+86 138', '-2+3', '@SUM(A1)', '\t=cmd|calc', '\r=1', '  =1', '\u3000=1', '＝1+1', '＋1', "'=already", "''@x"];
const PLAIN = ['都昌镇环卫驿站', '', "'quoted text", 'a=b', '0792-5222123', '1+1', ' leading space'];

test('formula-leading cells get an apostrophe; others are left alone', () => {
  for (const v of DANGEROUS) expect(neutraliseCell(v)).toBe(`'${v}`);
  for (const v of PLAIN) expect(neutraliseCell(v)).toBe(v);
});

test('restoreCell undoes neutraliseCell exactly, for every value', () => {
  for (const v of [...DANGEROUS, ...PLAIN]) expect(restoreCell(neutraliseCell(v))).toBe(v);
});

test('the written file has a BOM, CRLF rows, and no cell starting with = + - @ tab or CR', () => {
  const text = csvText([['名称', '公告'], ...DANGEROUS.map((v) => [v, `${v} 公告`])]);
  expect(text.startsWith('\uFEFF名称,公告\r\n')).toBe(true);
  const cells = (parse(text, { bom: true }) as string[][]).flat();
  expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  expect(cells.filter((c) => /^\s*[=+\-@＝＋－＠]/.test(c))).toEqual([]);
});
