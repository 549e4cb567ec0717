/**
 * `npm run bench:nearby`: the nearby search at national scale.
 *
 *   npm run bench:nearby                       400,000 stations, 20 s per load level
 *   npm run bench:nearby -- --stations 50000 --duration 10
 *   npm run bench:nearby -- --query 'amenities=hot_water&openNow=1'   extra query parameters
 *   npm run bench:nearby -- --stations 20000 --profile .artifacts/bench/profile   CPU profile of the server
 *
 * Starts its own DynamoDB Local (in memory, heap sized for the set), loads a generated national set
 * (scripts/bench/national-dataset.ts: ~300 cities, dense centres, sparse outskirts), starts the real
 * local HTTP server in a child process, then:
 *   1. an accounting pass: every query point once, in order, on a cold server, summing the
 *      x-yz-items-read header and the items returned (read amplification = read / returned);
 *   2. autocannon at concurrency 1 and 16 over the same query points: p50 / p99 latency, requests/s.
 * Prints the figures and writes them to .artifacts/bench/nearby.json. Not part of `npm test`.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDynamoLocal } from '../dev/src/dynamodb-local';
import { ensureTables } from '../dev/src/tables';
import { createDb } from '../functions/src/platform/db';
import { DynamoStationStore } from '../functions/src/stations/store';
import { benchCities, queryPoints } from './bench/national-dataset';
import { loadNationalSet, loadTest, startBenchServer } from './bench/nearby-setup';

const root = path.resolve(__dirname, '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const STATIONS = Number(arg('stations', '400000'));
const DURATION = Number(arg('duration', '20'));
const QUERIES = Number(arg('queries', '2000'));
const EXTRA = arg('query', '');
/** `--profile DIR`: write a V8 CPU profile of the server process there (open it in Chrome DevTools). */
const PROFILE = arg('profile', '');
const CONNECTIONS = arg('connections', '1,16')
  .split(',')
  .map(Number);

const TARGETS = { p99AtC16Ms: 25, rps: 800, readAmplification: 3 };

function log(line: string) {
  process.stdout.write(`› ${line}\n`);
}

interface Accounting {
  requests: number;
  itemsRead: number;
  itemsReturned: number;
  cellsRead: number;
  emptyAnswers: number;
  readAmplification: number;
  byKind: Record<string, { requests: number; itemsRead: number; itemsReturned: number; readAmplification: number }>;
}

async function accountingPass(url: string, paths: { path: string; kind: string }[]): Promise<Accounting> {
  const acc: Accounting = { requests: 0, itemsRead: 0, itemsReturned: 0, cellsRead: 0, emptyAnswers: 0, readAmplification: 0, byKind: {} };
  for (const { path: p, kind } of paths) {
    const res = await fetch(`${url}${p}`);
    if (res.status !== 200) throw new Error(`GET ${p} answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { items: unknown[] };
    const read = Number(res.headers.get('x-yz-items-read'));
    const cells = Number(res.headers.get('x-yz-cells-read'));
    if (!Number.isFinite(read)) throw new Error('no x-yz-items-read header');
    acc.requests += 1;
    acc.itemsRead += read;
    acc.cellsRead += cells;
    acc.itemsReturned += body.items.length;
    if (body.items.length === 0) acc.emptyAnswers += 1;
    const k = (acc.byKind[kind] ??= { requests: 0, itemsRead: 0, itemsReturned: 0, readAmplification: 0 });
    k.requests += 1;
    k.itemsRead += read;
    k.itemsReturned += body.items.length;
  }
  acc.readAmplification = acc.itemsRead / Math.max(1, acc.itemsReturned);
  for (const k of Object.values(acc.byKind)) k.readAmplification = k.itemsRead / Math.max(1, k.itemsReturned);
  return acc;
}

async function main() {
  const heapMb = Math.max(1024, Math.ceil((STATIONS / 400_000) * 3072));
  log(`starting DynamoDB Local (in memory, -Xmx${heapMb}m)`);
  const engine = await startDynamoLocal({ heapMb });
  let server: ChildProcess | null = null;
  try {
    const tablePrefix = 'bench-';
    const db = createDb({ dynamodbEndpoint: engine.endpoint, region: 'cn-north-1', tablePrefix });
    await ensureTables(db, tablePrefix);
    log(`loading ${STATIONS.toLocaleString('en')} stations in ~300 cities with 8 parallel writers`);
    const loadSeconds = await loadNationalSet(new DynamoStationStore(db), STATIONS, log);
    log(`loaded in ${loadSeconds.toFixed(1)} s`);

    const started = await startBenchServer(engine.endpoint, tablePrefix, { profileDir: PROFILE });
    server = started.child;
    const points = queryPoints(benchCities(STATIONS), QUERIES);
    const paths = points.map(({ point, kind }) => ({
      path: `/stations/nearby?lat=${point.lat.toFixed(6)}&lng=${point.lng.toFixed(6)}${EXTRA ? `&${EXTRA}` : ''}`,
      kind,
    }));

    log(`accounting pass: ${paths.length} queries, one at a time, cold server`);
    const accounting = await accountingPass(started.url, paths);
    log(`read amplification ${accounting.readAmplification.toFixed(2)} (${accounting.itemsRead} items read for ${accounting.itemsReturned} returned)`);

    const runs = [];
    for (const c of CONNECTIONS) {
      log(`autocannon: ${c} connection(s) for ${DURATION} s`);
      const run = await loadTest(started.url, paths.map((p) => p.path), c, DURATION);
      log(`  p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, ${run.requestsPerSecond} req/s, non-2xx ${run.non2xx}, errors ${run.errors}`);
      runs.push(run);
    }

    const c16 = runs.find((r) => r.connections === 16);
    const report = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memoryGb: Math.round(os.totalmem() / 2 ** 30), loadAverage: os.loadavg() },
      dataset: { stations: STATIONS, cities: 300, loadSeconds: Number(loadSeconds.toFixed(1)), heapMb },
      query: { points: paths.length, extra: EXTRA || null, defaults: 'radius 3000 m, limit 20' },
      accounting,
      runs,
      targets: TARGETS,
      met: c16
        ? {
            p99AtC16: c16.latencyMs.p99 <= TARGETS.p99AtC16Ms,
            rpsAtC16: c16.requestsPerSecond >= TARGETS.rps,
            readAmplification: accounting.readAmplification <= TARGETS.readAmplification,
          }
        : null,
    };
    const dir = path.join(root, '.artifacts/bench');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, EXTRA ? 'nearby-filtered.json' : 'nearby.json');
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log('');
    console.log(`Nearby search, ${STATIONS.toLocaleString('en')} stations, ${paths.length} query points (${EXTRA || 'no filters'})`);
    for (const r of runs) {
      console.log(`  concurrency ${String(r.connections).padStart(2)}: p50 ${r.latencyMs.p50} ms  p99 ${r.latencyMs.p99} ms  ${r.requestsPerSecond} req/s`);
    }
    console.log(`  read amplification: ${accounting.readAmplification.toFixed(2)} items read per item returned`);
    for (const [kind, k] of Object.entries(accounting.byKind)) {
      console.log(`    ${kind}: ${k.requests} queries, ${(k.itemsReturned / k.requests).toFixed(1)} returned and ${(k.itemsRead / k.requests).toFixed(1)} read per query (${k.readAmplification.toFixed(2)})`);
    }
    if (report.met) console.log(`  targets (p99 <= 25 ms at 16, >= 800 req/s, amplification <= 3): ${JSON.stringify(report.met)}`);
    console.log(`  written to ${path.relative(root, file)}`);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await engine.stop();
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
