/**
 * `npm run bench:import`: how long real-sized station lists take to import.
 *
 * 1. A 10,000-row list of a whole city (GBK, as Excel saves it; Chinese headers; the usual mess:
 *    rows without coordinates, hours in a dozen written forms, some that cannot be read, several
 *    phones per cell) through the command-line importer, as a person would run it, progress bar and
 *    all; then the same file again (every row unchanged).
 * 2. IMPORT_MAX_ROWS rows through the HTTP API (the local server and the real handler), which has
 *    to finish well inside API Gateway's 30 s.
 *
 * Everything runs on its own in-memory DynamoDB Local. Figures go to .artifacts/bench-import.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { IMPORT_MAX_ROWS, type ImportReport } from '@yz/shared';
import { startDynamoLocal } from '../dev/src/dynamodb-local';
import { startLocalStack } from '../dev/src/stack';
import { seededRandom } from '../dev/src/random';

const root = path.resolve(__dirname, '..');
const artifacts = path.join(root, '.artifacts');
mkdirSync(artifacts, { recursive: true });

const DISTRICTS = ['都昌县', '湖口县', '彭泽县', '庐山市', '瑞昌市', '共青城市', '武宁县', '修水县', '永修县', '德安县', '濂溪区', '浔阳区', '柴桑区'];
const STREETS = ['东风大道', '芙蓉路', '幸福路', '万里大道', '县府南路', '沿湖路', '建设路', '人民路', '解放路', '中山路', '长江路', '滨湖路'];
const KINDS = ['社区爱心驿站', '工会户外劳动者驿站', '建设银行劳动者港湾', '加油站爱心驿站', '环卫工人休息站', '警务亭驿站', '商场暖心驿站', '便利店骑手驿站'];
const HOURS = [
  '周一至周五 08:30-12:00,13:00-17:30',
  '07:30-22:30',
  '24小时',
  '全天',
  '周一到周五 ０８：３０－１７：３０；周六 9:00-12:00',
  '每天 08:00-20:00；周日 休息',
  '22:00-次日06:00',
  '工作日 8点-17点半',
  '周一至周五 上午8:00-12:00 下午2:00-5:30',
  '工作日开放',
  '节假日除外',
  '',
];
const AMENITIES = ['热水、卫生间、手机充电', '饮用水 微波炉 座椅', '热水、无微波炉', '', '空调/暖气、医药箱、雨伞'];


function list(rows: number, seed: number): string {
  const rand = seededRandom(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  const lines = ['名称,地址,区县,纬度,经度,开放时间,电话,类型,设施'];
  for (let i = 0; i < rows; i += 1) {
    const street = pick(STREETS);
    const kind = pick(KINDS);
    const located = rand() > 0.03;
    const lat = (29.0 + rand() * 0.9).toFixed(6);
    const lng = (115.4 + rand() * 1.0).toFixed(6);
    const phones = rand() < 0.3 ? `0792-52${String(10000 + i).slice(-5)}、139${String(10000000 + i).slice(-8)}` : `0792-53${String(10000 + i).slice(-5)}`;
    const name = `${street}${i + 1}号${kind}`;
    lines.push([name, `${street}${i + 1}号`, pick(DISTRICTS), located ? lat : '', located ? lng : '', `"${pick(HOURS)}"`, phones, '', pick(AMENITIES)].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function runCli(file: string, endpoint: string, prefix: string, report: string): { seconds: number; report: ImportReport & { seconds: number } } {
  const started = Date.now();
  const result = spawnSync(
    process.execPath,
    [require.resolve('tsx/cli'), 'scripts/import-stations.ts', file, '--district', '3604', '--endpoint', endpoint, '--prefix', prefix, '--report', report],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`the importer exited with ${result.status}`);
  return { seconds: (Date.now() - started) / 1000, report: JSON.parse(readFileSync(report, 'utf8')) as ImportReport & { seconds: number } };
}

async function main() {
  const engine = await startDynamoLocal({ heapMb: 2048 });
  try {
    const rows = 10_000;
    const file = path.join(artifacts, 'bench-import-10000-gbk.csv');
    writeFileSync(file, iconv.encode(list(rows, 7), 'gb18030'));
    console.log(`› ${rows} rows (GBK) → the command-line importer, first run`);
    const first = runCli(file, engine.endpoint, 'bench-cli-', path.join(artifacts, 'bench-import-first.json'));
    console.log(`\n› the same file again (nothing should change)`);
    const second = runCli(file, engine.endpoint, 'bench-cli-', path.join(artifacts, 'bench-import-second.json'));

    console.log(`\n› ${IMPORT_MAX_ROWS} rows through the HTTP API`);
    const stack = await startLocalStack({ dynamodbEndpoint: engine.endpoint, tablePrefix: 'bench-api-', port: 0, stage: 'local', limits: { loginPerAddress: 1000, writesPerUser: 1000, writesPerAddress: 1000 } });
    let api: { seconds: number; totals: ImportReport['totals'] };
    try {
      const login = (await (await fetch(`${stack.url}/auth/dev`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'city-staff' }) })).json()) as { token: string };
      const body = iconv.encode(list(IMPORT_MAX_ROWS, 11), 'gb18030');
      const started = Date.now();
      const res = await fetch(`${stack.url}/stations/import?regionCode=3604`, {
        method: 'POST',
        body,
        headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/octet-stream' },
      });
      const report = (await res.json()) as ImportReport;
      if (res.status !== 200) throw new Error(`the API answered ${res.status}: ${JSON.stringify(report).slice(0, 300)}`);
      api = { seconds: (Date.now() - started) / 1000, totals: report.totals };
    } finally {
      await stack.stop();
    }

    const figures = {
      measuredAt: new Date().toISOString(),
      machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? '', node: process.version },
      cli: {
        rows,
        encoding: first.report.encoding,
        firstRun: { seconds: first.seconds, importSeconds: first.report.seconds, rowsPerSecond: Math.round(rows / first.report.seconds), totals: first.report.totals },
        secondRun: { seconds: second.seconds, importSeconds: second.report.seconds, totals: second.report.totals },
      },
      api: { rows: IMPORT_MAX_ROWS, seconds: api.seconds, rowsPerSecond: Math.round(IMPORT_MAX_ROWS / api.seconds), totals: api.totals },
    };
    writeFileSync(path.join(artifacts, 'bench-import.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log('\nImport figures (DynamoDB Local, this machine):');
    console.log(`  CLI, ${rows} rows, first run:  ${first.report.seconds.toFixed(1)} s importing (${figures.cli.firstRun.rowsPerSecond} rows/s), ${first.seconds.toFixed(1)} s with start-up`);
    console.log(`       totals ${JSON.stringify(first.report.totals)}`);
    console.log(`  CLI, same file again:        ${second.report.seconds.toFixed(1)} s importing, totals ${JSON.stringify(second.report.totals)}`);
    console.log(`  API, ${IMPORT_MAX_ROWS} rows in one request: ${api.seconds.toFixed(1)} s (${figures.api.rowsPerSecond} rows/s)`);
    console.log(`  written to .artifacts/bench-import.json`);
  } finally {
    await engine.stop();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
