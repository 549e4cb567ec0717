/**
 * `npm test`: every check, in the order a failure is cheapest to find. Type-check, the architecture
 * rules (who may import whom: .dependency-cruiser.cjs), build both mini-program targets (the weapp
 * and browser tests run the real builds), check the weapp package size, then every jest project (unit, integration, mini-program pages, built weapp, browser),
 * then compare the AWS calls the functions made during the tests with their grants (scripts/check-iam.ts).
 *
 *   npm test                      everything
 *   npm test -- --selectProjects unit integration
 *                                 pass arguments to jest (builds still run unless YZ_SKIP_BUILD=1)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const timings: [string, number][] = [];

function step(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const started = Date.now();
  console.log(`\n› ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  timings.push([name, Date.now() - started]);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed`);
    summary();
    process.exit(result.status ?? 1);
  }
}

function build(target: 'weapp' | 'h5'): void {
  const dist = path.join(root, 'miniprogram/dist', target);
  // Taro can exit 0 without building (a rejected config) and leave an old dist behind: start clean.
  rmSync(dist, { recursive: true, force: true });
  step(`build ${target}`, 'npm', ['run', '-s', `build:${target}`], { NODE_ENV: 'production' });
  const marker = target === 'weapp' ? 'app.json' : 'index.html';
  if (!existsSync(path.join(dist, marker))) {
    console.error(`✗ the ${target} build produced no ${marker}`);
    process.exit(1);
  }
}

function summary(): void {
  console.log('\nTimings:');
  for (const [name, ms] of timings) console.log(`  ${name.padEnd(24)} ${(ms / 1000).toFixed(1)} s`);
  const total = timings.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`  ${'total'.padEnd(24)} ${(total / 1000).toFixed(1)} s`);
}

const jestArgs = process.argv.slice(2);
step('type-check', 'npx', ['tsc', '-b']);
const cruised = ['functions/src', 'shared/src', 'infra/src', 'dev/src', 'miniprogram/src'].filter((dir) => existsSync(path.join(root, dir)));
step('architecture rules', 'npx', ['depcruise', ...cruised, '--config', '.dependency-cruiser.cjs']);
if (process.env.YZ_SKIP_BUILD !== '1') {
  build('weapp');
  build('h5');
}
step('weapp package size', 'npx', ['tsx', 'scripts/weapp-size.ts']);
// The functions' AWS calls during the tests (functions/src/platform/aws-calls.ts), for the IAM check.
const awsCalls = path.join(root, '.cache/aws-calls');
rmSync(awsCalls, { recursive: true, force: true });
step('jest', 'npx', ['jest', '--ci', ...jestArgs], { YZ_RECORD_AWS_CALLS: awsCalls });
// IAM follows the code: every recorded call granted; after the whole suite, every grant used.
if (existsSync(awsCalls)) {
  step('IAM versus calls', 'npx', ['tsx', 'scripts/check-iam.ts', ...(jestArgs.length === 0 ? ['--complete'] : [])], { YZ_RECORD_AWS_CALLS: awsCalls });
}
summary();
