import { detectDelimiter, readSheet } from '../../../functions/src/stations/import/rows';

describe('reading a sheet', () => {
  it('takes the separator from the header, so a semicolon in a note is text, not a cell boundary', () => {
    expect(detectDelimiter('名称,地址,备注\n甲,乙;丙,丁')).toBe(',');
    expect(detectDelimiter('名称\t地址\t备注\n甲\t乙,丙\t丁')).toBe('\t');
    expect(detectDelimiter('\uFEFF名称;地址;备注\n')).toBe(';');
    const sheet = readSheet('名称,地址,备注\n甲驿站,乙路1号,geojson; ~37m from X\n');
    expect(sheet.records).toEqual([{ row: 2, record: { name: '甲驿站', address: '乙路1号' } }]);
  });

  it('refuses a row whose cell count differs from the header, naming both counts', () => {
    const sheet = readSheet('名称,地址,电话\n甲驿站,乙路,1号,0792-5222123\n丙驿站,丁路2号\n戊驿站,己路3号,0792-5222124\n,,\n');
    expect(sheet.records.map((r) => [r.row, r.refusal?.split('：')[0] ?? null])).toEqual([
      [2, '第 2 行有 4 列，表头有 3 列'],
      [3, '第 3 行有 2 列，表头有 3 列'],
      [4, null],
    ]);
  });
});
