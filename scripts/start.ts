/**
 * `npm start`: the whole of Yizhan on this machine. DynamoDB Local keeps its data in .data/ (git-ignored)
 * so a second start reuses it; the H5 build is made when missing or older than its sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startLocalStack } from '../dev/src/stack';

const root = path.resolve(__dirname, '..');
const h5Dir = path.join(root, 'miniprogram/dist/h5');
const started = Date.now();

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function ensureH5Build(): void {
  const index = path.join(h5Dir, 'index.html');
  const sources = Math.max(newestMtime(path.join(root, 'miniprogram/src')), newestMtime(path.join(root, 'shared/src')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources && !process.argv.includes('--rebuild')) return;
  console.log('› building the H5 app (about 20 s, only when its sources changed)…');
  const result = spawnSync('npm', ['run', '-s', 'build:h5'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env } });
  if (result.status !== 0 || !existsSync(index)) {
    console.error('The H5 build failed; the API will still start. Run `npm run build:h5` to see why.');
  }
}

async function main() {
  if (!process.argv.includes('--no-build')) ensureH5Build();
  const port = Number(process.env.PORT ?? 8787);
  const defaultData = !process.env.YZ_DATA_DIR;
  const stack = await startLocalStack({
    dataDir: process.env.YZ_DATA_DIR ?? path.join(root, '.data/dynamodb'),
    photoDir: path.join(process.env.YZ_DATA_DIR ?? path.join(root, '.data'), 'photos'),
    port,
    host: process.env.HOST ?? '127.0.0.1',
    staticDir: h5Dir,
    seed: true,
    // Notifications flow locally too: the outbox is drained every few seconds, as the schedule does in AWS.
    outboxIntervalMs: 3000,
    claimExpiryIntervalMs: 60_000,
    // The finder searches on station tiles, rebuilt from the stations table's stream after every write.
    tiles: true,
    log: (line) => console.log(`› ${line}`),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log('');
  console.log(`驿站 Yizhan is running: ${stack.url}/`);
  console.log(`  API docs (OpenAPI): ${stack.url}/openapi.json`);
  console.log(`  DynamoDB Local:     ${stack.endpoint}`);
  console.log(
    stack.created.length > 0
      ? `  created tables: ${stack.created.join(', ')}; loaded ${stack.seeded} demo stations`
      : '  reusing the data from the last run (delete .data/ to start fresh)',
  );
  console.log(`ready in ${seconds} s. Press Ctrl-C to stop.`);
  // `npm run import:stations` writes into this running stack rather than opening its data files twice.
  const stackFile = path.join(root, '.data/local-stack.json');
  if (defaultData) writeFileSync(stackFile, JSON.stringify({ endpoint: stack.endpoint, tablePrefix: 'yz-local-', url: stack.url, pid: process.pid }));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the server and DynamoDB Local…`);
    if (defaultData) rmSync(stackFile, { force: true });
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: Error) => {
  console.error(`Could not start Yizhan: ${error.message}`);
  process.exit(1);
});
