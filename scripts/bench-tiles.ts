/**
 * `npm run bench:tiles -- --stations N` (default 400,000): station tiles at national scale.
 *
 * Loads the same generated national set as bench:nearby into DynamoDB Local, builds every tile from
 * it with the tile builder (functions/src/tiles), serves tiles and the nearby API from the bench
 * server in one process, then measures and writes .artifacts/bench/tiles.json:
 *   tileBytesGzip        every tile file, gzip-compressed
 *   coldSearchBytesGzip  all a search with an empty cache fetches (manifest, shards, tiles), radius 3 km
 *   searchMs             the app's search (shared/src/tile-client.ts) over tiles it holds, in Node
 *   tileServer, nearbyApi  autocannon, 16 connections, same query points, same run
 *   exactMismatches      tile answers that differ from a brute force over the set (and from the API)
 *   freshnessSeconds     a host-style edit written to the table until a fresh client's search shows it
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { distanceMeters, toShanghaiIso, type NearbyResponse, type Station, type StationRow } from '@yz/shared';
import { TILE_MANIFEST_PATH } from '@yz/shared/tiles';
import { TileClient } from '@yz/shared/tile-client';
import { startDynamoLocal } from '../dev/src/dynamodb-local';
import { ensureTables } from '../dev/src/tables';
import { followStationStream } from '../dev/src/tile-stream';
import { localConfig } from '../dev/src/stack';
import { createDb } from '../functions/src/platform/db';
import { DynamoStationStore, nearbyRowOf } from '../functions/src/stations/store';
import { stationTileSource } from '../functions/src/stations/ports';
import { summaryOf } from '../functions/src/stations/summary';
import { DiskTileFiles, TileBuilder } from '../functions/src/tiles';
import { benchCities, cityStations, queryPoints } from './bench/national-dataset';
import { BENCH_NOW, loadNationalSet, loadTest, startBenchServer } from './bench/nearby-setup';
import { httpTileFetch, memoryTileStore } from '../tests/helpers/tiles';

const root = path.resolve(__dirname, '..');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const STATIONS = Number(arg('stations', '400000'));
const DURATION = Number(arg('duration', '15'));
const QUERIES = Number(arg('queries', '2000'));
const RADIUS = 3000;
const LIMIT = 20;

const log = (line: string) => process.stdout.write(`› ${line}\n`);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * GET a JSON answer, tried again on a dropped connection: a keep-alive socket left idle while the
 * search was timed can be closed by the server just as it is reused (undici: "other side closed"),
 * and one such race should not cost a 25-minute run. A GET changes nothing, so a retry is safe.
 */
async function getJson<T>(url: string): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return (await (await fetch(url)).json()) as T;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => f.replaceAll(path.sep, '/'));
}

/** Every station row sorted by latitude, for a brute force that skips only rows provably too far north or south. */
function bruteForceIndex(rows: StationRow[]) {
  const sorted = [...rows].sort((a, b) => a.location.lat - b.location.lat);
  const lats = sorted.map((r) => r.location.lat);
  return (center: { lat: number; lng: number }, radius: number, limit: number) => {
    // A degree of latitude is at least 110.5 km anywhere: rows outside this band are farther than radius.
    const band = radius / 110_000;
    let lo = 0;
    let hi = lats.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lats[mid]! < center.lat - band) lo = mid + 1;
      else hi = mid;
    }
    const found: { id: string; d: number }[] = [];
    for (let i = lo; i < sorted.length && lats[i]! <= center.lat + band; i += 1) {
      const d = distanceMeters(center, sorted[i]!.location);
      if (d <= radius) found.push({ id: sorted[i]!.id, d });
    }
    return found
      .sort((a, b) => a.d - b.d || a.id.localeCompare(b.id))
      .slice(0, limit)
      .map((f) => `${f.id}@${Math.round(f.d)}`);
  };
}

async function main() {
  const heapMb = Math.max(1024, Math.ceil((STATIONS / 400_000) * 3072));
  log(`starting DynamoDB Local (in memory, -Xmx${heapMb}m)`);
  const engine = await startDynamoLocal({ heapMb });
  const photoDir = mkdtempSync(path.join(os.tmpdir(), 'yz-bench-tiles-'));
  const tileDir = path.join(photoDir, 'tiles');
  let server: ChildProcess | null = null;
  let follower: Awaited<ReturnType<typeof followStationStream>> | null = null;
  try {
    const tablePrefix = 'bench-';
    const config = localConfig({ endpoint: engine.endpoint, tablePrefix, stage: 'test', photoDir, wechat: { url: 'http://127.0.0.1:9', appId: 'bench', secret: 'bench' } });
    // A busy machine and a large set: no request cut-off for loading and building (what is measured is timed apart).
    const db = createDb(config, { requestTimeoutMs: 60_000, maxAttempts: 3 });
    await ensureTables(db, tablePrefix);
    log(`loading ${STATIONS.toLocaleString('en')} stations in ~300 cities with 8 parallel writers`);
    const store = new DynamoStationStore(db);
    const loadSeconds = await loadNationalSet(store, STATIONS, log);

    // The same rows the index holds (nearbyRowOf), built in memory: a rebuild from DynamoDB Local reads
    // the whole set again, which the full rebuild command does and this measurement does not need.
    const cities = benchCities(STATIONS);
    const stations: Station[] = cities.flatMap((city) => [...cityStations(city, toShanghaiIso(new Date(BENCH_NOW)))]);
    const rows = stations.flatMap((s) => (s.status === 'active' && s.location ? [nearbyRowOf({ ...s, location: s.location })] : []));
    const builder = new TileBuilder(stationTileSource(db), new DiskTileFiles(tileDir));
    const buildStarted = Date.now();
    const unlocated = stations.filter((s) => s.status === 'needs_location').map(summaryOf);
    const built = await builder.rebuildAll(
      new Date(),
      (async function* () {
        yield rows;
      })(),
      (async function* () {
        yield unlocated;
      })(),
    );
    const buildSeconds = (Date.now() - buildStarted) / 1000;
    log(`built ${built.tilesWritten} tiles in ${built.shardsWritten} shards from ${built.stations} stations in ${buildSeconds.toFixed(1)} s`);

    // Sizes: every tile's .gz; a cold search's bytes are the manifest's, its shards' and its tiles'.
    const files = filesUnder(tileDir);
    const gz = new Map(files.filter((f) => f.endsWith('.json.gz')).map((f) => [f.slice(0, -3), statSync(path.join(tileDir, f)).size]));
    const tileSizes = [...gz.entries()].filter(([name]) => name.startsWith('t/')).map(([, size]) => size);
    const points = queryPoints(cities, QUERIES);
    const started = await startBenchServer(engine.endpoint, tablePrefix, { tileDir });
    server = started.child;

    // A cold search: a phone with nothing stored, radius 3 km; what it fetches, counted gzip-compressed.
    const http = httpTileFetch(started.url);
    const coldFiles: string[][] = [];
    const coldBytes: number[] = [];
    for (const { point } of points) {
      const names: string[] = [];
      const cold = new TileClient(async (name, etag) => {
        names.push(name);
        return http(name, etag);
      }, memoryTileStore());
      await cold.search({ ...point, radius: RADIUS, limit: LIMIT }, new Date());
      coldFiles.push(names);
      coldBytes.push(names.reduce((sum, n) => sum + (gz.get(n) ?? 0), 0));
    }

    // The app's search, warm (every tile it needs in memory), in a process of its own (bench/tile-search.ts).
    log('timing the app\'s search over held tiles');
    const pointsFile = path.join(photoDir, 'points.json');
    writeFileSync(pointsFile, JSON.stringify(points.map((p) => p.point)));
    const timing = JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'bench/tile-search.ts'), started.url, pointsFile, String(RADIUS), String(LIMIT), new Date().toISOString()], {
        cwd: root,
        maxBuffer: 256 * 1024 * 1024,
        encoding: 'utf8',
      }),
    ) as { ms: number[]; answers: string[][] };
    const searchMs = timing.ms;
    const answers = timing.answers;
    log(`cold search gzip p50 ${percentile(coldBytes, 50)} B, p95 ${percentile(coldBytes, 95)} B; search p50 ${percentile(searchMs, 50).toFixed(3)} ms, p99 ${percentile(searchMs, 99).toFixed(3)} ms`);

    // Exactness: against a brute force over the whole set, and against the nearby API.
    log('comparing every answer with a brute force and with the nearby API');
    const brute = bruteForceIndex(rows);
    let exactMismatches = 0;
    for (let i = 0; i < points.length; i += 1) {
      const { point } = points[i]!;
      const want = brute(point, RADIUS, LIMIT);
      const api = await getJson<NearbyResponse>(`${started.url}/stations/nearby?lat=${point.lat}&lng=${point.lng}&radius=${RADIUS}&limit=${LIMIT}&locatedBy=city`);
      const fromApi = api.items.map((item) => `${item.id}@${item.distanceMeters}`);
      if (JSON.stringify(answers[i]) !== JSON.stringify(want) || JSON.stringify(answers[i]) !== JSON.stringify(fromApi)) exactMismatches += 1;
    }

    log(`autocannon: tiles, 16 connections for ${DURATION} s`);
    const tilePaths = coldFiles.flatMap((names) => names.map((n) => `/tiles/${n}`));
    const tileRun = await loadTest(started.url, tilePaths, 16, DURATION, { 'accept-encoding': 'gzip' });
    log(`  ${tileRun.requestsPerSecond} req/s, p99 ${tileRun.latencyMs.p99} ms, non-2xx ${tileRun.non2xx}`);
    log(`autocannon: nearby API, 16 connections for ${DURATION} s`);
    const apiPaths = points.map(({ point }) => `/stations/nearby?lat=${point.lat.toFixed(6)}&lng=${point.lng.toFixed(6)}&locatedBy=city`);
    const apiRun = await loadTest(started.url, apiPaths, 16, DURATION);
    log(`  ${apiRun.requestsPerSecond} req/s, p99 ${apiRun.latencyMs.p99} ms, non-2xx ${apiRun.non2xx}`);

    // Freshness: follow the stream as the local stack does, change a station's notice, and search as a
    // phone that has never been here (an empty store) until the change shows.
    // The follower writes through the same builder into the same folder (the photos folder's tiles/).
    follower = await followStationStream({ config, db }, { initialBuild: false });
    const target = stations.find((s) => s.status === 'active' && s.location)!;
    const notice = `停水通知 ${Date.now()}`;
    const edited = Date.now();
    await store.putMany([{ ...target, notice, version: target.version + 1 }]);
    let freshnessSeconds = -1;
    while (Date.now() - edited < 120_000) {
      const fresh = new TileClient(httpTileFetch(started.url), memoryTileStore());
      const answer = await fresh.search({ ...target.location!, radius: 50, limit: 50 }, new Date());
      if (answer.items.some((i) => i.id === target.id && i.notice === notice)) {
        freshnessSeconds = (Date.now() - edited) / 1000;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }

    const result = {
      stations: STATIONS,
      tileBytesGzip: { p50: percentile(tileSizes, 50), p95: percentile(tileSizes, 95), max: Math.max(...tileSizes) },
      coldSearchBytesGzip: { p50: percentile(coldBytes, 50), p95: percentile(coldBytes, 95) },
      searchMs: { p50: Number(percentile(searchMs, 50).toFixed(3)), p99: Number(percentile(searchMs, 99).toFixed(3)) },
      tileServer: { rps: tileRun.requestsPerSecond, p99Ms: tileRun.latencyMs.p99 },
      nearbyApi: { rps: apiRun.requestsPerSecond, p99Ms: apiRun.latencyMs.p99 },
      exactMismatches,
      freshnessSeconds: Number(freshnessSeconds.toFixed(2)),
    };
    const dir = path.join(root, '.artifacts/bench');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'tiles.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log('');
    console.log(JSON.stringify(result, null, 2));
    console.log(
      `(load ${loadSeconds.toFixed(0)} s, build ${buildSeconds.toFixed(1)} s, ${built.tilesWritten} tiles, ${built.shardsWritten} shards, manifest ${gz.get(TILE_MANIFEST_PATH)} B gzip; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`,
    );
    console.log(`written to ${path.relative(root, path.join(dir, 'tiles.json'))}`);
  } finally {
    await follower?.stop();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await engine.stop();
    rmSync(photoDir, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
