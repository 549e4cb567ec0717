import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import type { ImportReport } from '@yz/shared';
import { runImportCli } from '../../dev/src/import-cli';
import { testEndpoint } from '../helpers/engine';
import { uniqueTablePrefix } from '../helpers/stack';

/**
 * `npm run import:stations -- FILE [--dry-run] [--district CODE]`: the command-line importer against a
 * DynamoDB endpoint, with its summary, the rows that need a person, and the full report on disk.
 */

const ROOT = path.resolve(__dirname, '../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'yz-import-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runImportCli(args, ROOT, { out: (line: string) => void out.push(line), err: (line: string) => void err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('imports a GBK list, reports what needs a person, and changes nothing the second time', async () => {
  const file = path.join(dir, '都昌驿站.csv');
  writeFileSync(
    file,
    iconv.encode(
      ['名称,地址,纬度,经度,开放时间,电话', '芙蓉社区爱心驿站,都昌镇芙蓉路133号,29.276595,116.208889,07:30-22:30,0792-5222123', '待定位驿站,都昌镇东风大道1号,,,工作日开放,'].join('\r\n'),
      'gbk',
    ),
  );
  const prefix = uniqueTablePrefix();
  const report = path.join(dir, 'report.json');
  const first = await run([file, '--district', '360428', '--endpoint', testEndpoint(), '--prefix', prefix, '--report', report]);
  expect(first).toMatchObject({ code: 0, err: '' });
  expect(first.out).toContain('导入完成：共 2 行');
  expect(first.out).toContain('新增 2 · 更新 0 · 无变化 0 · 未导入 0（其中 1 行有提醒）');
  expect(first.out).toContain('第 3 行 新增  待定位驿站：开放时间“工作日开放”无法准确识别（“工作日”没有写具体的开放时间），原文已保存为备注，未作推测；没有经纬度');
  const written = JSON.parse(readFileSync(report, 'utf8')) as ImportReport & { file: string };
  expect(written).toMatchObject({ file, encoding: 'gb18030', dryRun: false, totals: { imported: 2, rejected: 0 }, withWarnings: 1 });

  const dry = await run([file, '--district', '360428', '--endpoint', testEndpoint(), '--prefix', prefix, '--report', report, '--dry-run']);
  expect(dry.code).toBe(0);
  expect(dry.out).toContain('试导入（未写入）');
  expect(dry.out).toContain('新增 0 · 更新 0 · 无变化 2');
});

test('says how to use it when the arguments are wrong', async () => {
  const none = await run([]);
  expect(none.code).toBe(2);
  expect(none.err).toContain('用法: npm run import:stations -- 文件.csv');
  const missing = await run([path.join(dir, 'no-such.csv')]);
  expect(missing).toMatchObject({ code: 2 });
  expect(missing.err).toContain('找不到文件');
  const badRegion = await run([__filename, '--district', '都昌']);
  expect(badRegion.err).toContain('--district 应为 2、4 或 6 位地区代码');
});

test('refuses a file that is not a station list, with the reason', async () => {
  const file = path.join(dir, 'not-a-list.csv');
  writeFileSync(file, '地址,电话\n东风大道1号,0792-5222123\n');
  const res = await run([file, '--district', '360428', '--endpoint', testEndpoint(), '--prefix', uniqueTablePrefix()]);
  expect(res.code).toBe(1);
  expect(res.err).toContain('无法导入：没有找到“名称”列');
});
