/**
 * What bench:nearby and bench:tiles share: loading the generated national set into DynamoDB Local,
 * the bench server in its own process, and an autocannon run over a list of paths.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import { toShanghaiIso, type Station } from '@yz/shared';
import type { DynamoStationStore } from '../../functions/src/stations/store';
import { benchCities, cityStations } from './national-dataset';

const root = path.resolve(__dirname, '../..');

/** The generated set's "now": its updatedAt, so two runs generate the very same stations. */
export const BENCH_NOW = '2026-11-25T09:00:00+08:00';

export async function loadNationalSet(store: DynamoStationStore, total: number, log: (line: string) => void): Promise<number> {
  const cities = benchCities(total);
  const now = toShanghaiIso(new Date(BENCH_NOW));
  const started = Date.now();
  let written = 0;
  let lastReport = 0;
  // Eight callers writing batches side by side; stations are generated city by city as they go.
  const source = (function* () {
    for (const city of cities) yield* cityStations(city, now);
  })();
  const worker = async () => {
    for (;;) {
      const batch: Station[] = [];
      for (let i = 0; i < 100; i += 1) {
        const next = source.next();
        if (next.done) break;
        batch.push(next.value);
      }
      if (batch.length === 0) return;
      await store.putMany(batch);
      written += batch.length;
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        log(`loaded ${written.toLocaleString('en')} / ${total.toLocaleString('en')} stations (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return (Date.now() - started) / 1000;
}

export async function startBenchServer(
  endpoint: string,
  tablePrefix: string,
  opts: { profileDir?: string; tileDir?: string } = {},
): Promise<{ url: string; child: ChildProcess }> {
  const profile = opts.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(opts.profileDir)}`] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(__dirname, 'server.ts')], {
    cwd: root,
    env: { ...process.env, YZ_DYNAMODB_ENDPOINT: endpoint, YZ_TABLE_PREFIX: tablePrefix, POWERTOOLS_LOG_LEVEL: 'ERROR', ...(opts.tileDir ? { YZ_BENCH_TILE_DIR: opts.tileDir } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      const match = /listening (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}: ${out}`)));
  });
  return { url, child };
}

export async function loadTest(url: string, paths: string[], connections: number, duration: number, headers: Record<string, string> = {}) {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration,
    headers,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const p = paths[next % paths.length]!;
          next += 1;
          return { ...req, path: p };
        },
      },
    ],
  });
  return {
    connections,
    durationSeconds: duration,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

