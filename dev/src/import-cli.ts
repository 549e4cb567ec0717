import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import { IMPORT_OUTCOME_LABELS, IMPORT_OUTCOMES, regionName, RegionCode, type ImportReport } from '@yz/shared';
import type { Platform } from '@yz/functions/platform';
import { configFromEnv } from '@yz/functions/platform/config';
import { createDb } from '@yz/functions/platform/db';
import { AppError } from '@yz/functions/platform/errors';
import { stationImporter } from '@yz/functions/stationBulk';
import { startDynamoLocal, type DynamoLocal } from './dynamodb-local';
import { ensureTables } from './tables';

/**
 * `npm run import:stations -- FILE [--dry-run] [--district CODE]`: a station list into the stations
 * tables, through the same importer as the API (no row limit here), with a progress bar.
 *
 * Where it writes:
 *   - the running local stack (`npm start` leaves its DynamoDB endpoint in .data/local-stack.json);
 *   - otherwise the local stack's data in .data/dynamodb, starting DynamoDB Local on it for the run;
 *   - `--endpoint URL [--prefix P]`: any DynamoDB endpoint and table prefix;
 *   - `--aws`: the AWS account and stage in the environment (YZ_TABLE_PREFIX, AWS_REGION, credentials).
 */

export const LOCAL_STACK_FILE = '.data/local-stack.json';

const USAGE = `用法: npm run import:stations -- 文件.csv [--dry-run] [--district 区县代码]

  --dry-run          只检查并报告，不写入
  --district CODE    名单所属的区县（6 位）、市（4 位）或省（2 位）代码；
                     名单里没有“区县”列时必须是 6 位区县代码
  --report FILE      完整报告（JSON）写到这里；默认 .artifacts/import-report-时间.json
  --endpoint URL     写入这个 DynamoDB（默认：正在运行的本地环境，或 .data/ 中的本地数据）
  --prefix P         表名前缀（默认 yz-local-）
  --aws              写入环境变量所指的 AWS 环境（YZ_TABLE_PREFIX、AWS_REGION 与凭证）
`;

interface Target {
  platform: Platform;
  describe: string;
  close(): Promise<void>;
}

async function reachable(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1500) });
    return res.status < 500;
  } catch {
    return false;
  }
}

function platformAt(endpoint: string, tablePrefix: string): Platform {
  const config = { ...configFromEnv({ YZ_STAGE: 'local' }), dynamodbEndpoint: endpoint, tablePrefix };
  return { config, db: createDb(config) };
}

export async function connect(root: string, values: { endpoint?: string; prefix?: string; aws?: boolean }): Promise<Target> {
  if (values.aws) {
    const config = configFromEnv();
    const platform = { config, db: createDb(config) };
    return { platform, describe: `AWS（${config.region}，表前缀 ${config.tablePrefix}）`, close: async () => platform.db.raw.destroy() };
  }
  if (values.endpoint) {
    const platform = platformAt(values.endpoint, values.prefix ?? 'yz-local-');
    await ensureTables(platform.db, platform.config.tablePrefix);
    return { platform, describe: `${values.endpoint}（表前缀 ${platform.config.tablePrefix}）`, close: async () => platform.db.raw.destroy() };
  }
  const stackFile = path.join(root, LOCAL_STACK_FILE);
  if (existsSync(stackFile)) {
    const running = JSON.parse(readFileSync(stackFile, 'utf8')) as { endpoint: string; tablePrefix: string };
    if (await reachable(running.endpoint)) {
      const platform = platformAt(running.endpoint, running.tablePrefix);
      return { platform, describe: `正在运行的本地环境（${running.endpoint}）`, close: async () => platform.db.raw.destroy() };
    }
  }
  const dataDir = path.join(root, '.data/dynamodb');
  const engine: DynamoLocal = await startDynamoLocal({ dbPath: dataDir });
  const platform = platformAt(engine.endpoint, values.prefix ?? 'yz-local-');
  await ensureTables(platform.db, platform.config.tablePrefix);
  return {
    platform,
    describe: `本地数据 ${path.relative(root, dataDir)}（已临时启动 DynamoDB Local）`,
    close: async () => {
      platform.db.raw.destroy();
      await engine.stop();
    },
  };
}

function printReport(report: ImportReport, seconds: number, out: (line: string) => void): void {
  const { totals } = report;
  out('');
  out(`${report.dryRun ? '试导入（未写入）' : '导入完成'}：共 ${report.rows.length} 行，用时 ${seconds.toFixed(1)} 秒（文件编码 ${report.encoding}）`);
  out(`  ${IMPORT_OUTCOMES.map((k) => `${IMPORT_OUTCOME_LABELS[k]} ${totals[k]}`).join(' · ')}${report.withWarnings > 0 ? `（其中 ${report.withWarnings} 行有提醒）` : ''}`);
  if (report.columns.ignored.length > 0) out(`  未使用的列：${report.columns.ignored.join('、')}`);
  const attention = report.rows.filter((r) => r.outcome === 'rejected' || r.warnings.length > 0);
  const shown = attention.slice(0, 40);
  if (shown.length > 0) out('\n需要处理的行：');
  for (const row of shown) out(`  第 ${row.row} 行 ${IMPORT_OUTCOME_LABELS[row.outcome]}  ${row.name ?? ''}：${[...row.reasons, ...row.warnings].join('；')}`);
  if (attention.length > shown.length) out(`  ……另有 ${attention.length - shown.length} 行，见完整报告`);
}

/** Runs the command; returns the exit code. */
export async function runImportCli(argv: string[], root: string, io = { out: console.log, err: console.error }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        district: { type: 'string' },
        region: { type: 'string' },
        report: { type: 'string' },
        endpoint: { type: 'string' },
        prefix: { type: 'string' },
        aws: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length !== 1) {
    (values.help ? io.out : io.err)(USAGE);
    return values.help ? 0 : 2;
  }
  const file = path.resolve(positionals[0]!);
  if (!existsSync(file)) {
    io.err(`找不到文件 ${file}`);
    return 2;
  }
  const region = values.district ?? values.region ?? '';
  if (region !== '' && !RegionCode.safeParse(region).success) {
    io.err(`--district 应为 2、4 或 6 位地区代码，例如 360428（都昌县）`);
    return 2;
  }

  const target = await connect(root, values);
  const bar = new SingleBar({
    format: '导入中 [{bar}] {percentage}% | {value}/{total} 行 | 用时 {duration_formatted} | 预计还要 {eta_formatted}',
    barCompleteChar: '█',
    barIncompleteChar: '░',
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 2000,
    stream: process.stderr,
  });
  const started = Date.now();
  try {
    io.out(`把 ${path.basename(file)} 导入到 ${target.describe}${region ? `，地区 ${regionName(region) ?? region}` : ''}${values['dry-run'] ? '（试导入，不写入）' : ''}`);
    const { importer } = stationImporter(target.platform);
    let barStarted = false;
    const report = await importer.importFile(readFileSync(file), {
      regionCode: region,
      dryRun: values['dry-run'],
      actor: { userId: `import-cli:${os.userInfo().username}`, role: 'import' },
      now: new Date(),
      onProgress: (done, total) => {
        if (!barStarted) {
          bar.start(total, done);
          barStarted = true;
        } else bar.update(done);
      },
    });
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    printReport(report, seconds, io.out);
    const reportFile = path.resolve(values.report ?? path.join(root, '.artifacts', `import-report-${new Date().toISOString().replace(/[:.]/g, '-')}.json`));
    mkdirSync(path.dirname(reportFile), { recursive: true });
    writeFileSync(reportFile, `${JSON.stringify({ file, seconds, ...report }, null, 2)}\n`);
    io.out(`\n完整报告：${path.relative(process.cwd(), reportFile)}`);
    return 0;
  } catch (error) {
    bar.stop();
    if (error instanceof AppError) {
      io.err(`无法导入：${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await target.close();
  }
}
