/**
 * `npm run bench:bundles`: what each Lambda function costs at a cold start, measured on the very
 * assets the stack deploys. It synthesizes the dev stack with bundling on (the stack's own esbuild
 * options, infra/src/cdk/functions.ts), then for each function reports the bundle's bytes (minified,
 * without the .map) and the time `require(bundle)` takes in a fresh Node process with the function's
 * environment, median of several runs. Figures go to .artifacts/bench/bundles.json.
 *
 *   npm run bench:bundles                         the stack as configured (AWS SDK from the runtime)
 *   npm run bench:bundles -- --aws-sdk=bundled    the same with the AWS SDK bundled, to compare
 *   npm run bench:bundles -- --runs=15 --check    more runs; exit 1 when a function misses a target
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { App } from 'aws-cdk-lib';
import { cdkJsonContext } from '../infra/src/cdk/context';
import { BUNDLE_AWS_SDK } from '../infra/src/cdk/functions';
import { EXAMPLE_SETTINGS_FILE, loadDeploySettings } from '../infra/src/cdk/settings';
import { YizhanStack } from '../infra/src/cdk/stack';

export const TARGET_BYTES = 500 * 1000;
export const TARGET_LOAD_MS = 150;

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const runs = Number(option('runs') ?? 9);
const sdk = option('aws-sdk') ?? (BUNDLE_AWS_SDK ? 'bundled' : 'external');
if (sdk !== 'bundled' && sdk !== 'external') throw new Error('--aws-sdk is bundled or external');
const check = args.includes('--check');

interface CfnFunction {
  Type: string;
  Metadata?: Record<string, unknown>;
  Properties: { FunctionName?: string; Handler?: string; Environment?: { Variables?: Record<string, unknown> } };
}

export interface BundleFigures {
  function: string;
  bytes: number;
  gzipBytes: number;
  mapBytes: number;
  /** Wall-clock time of `require(bundle)`. */
  loadMs: { median: number; min: number; max: number; runs: number[] };
  /** CPU time (user + system) of the same require. */
  loadCpuMs: { median: number; runs: number[] };
}

function synthesize(outdir: string): { dir: string; functions: [string, CfnFunction][] } {
  rmSync(outdir, { recursive: true, force: true });
  const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:enable-asset-metadata': true } });
  // The example's shape with look-alike values: a function refuses to start on the example's placeholders.
  const deploySettings = {
    ...loadDeploySettings('example', EXAMPLE_SETTINGS_FILE),
    templates: { membershipResult: 'tmpl-bench-1', wishProgress: 'tmpl-bench-2', wishClaim: 'tmpl-bench-3', boardPost: 'tmpl-bench-4', staleDigest: 'tmpl-bench-5' },
    domains: { api: 'api.bench-yizhan.cn', web: 'm.bench-yizhan.cn' },
  };
  const stack = new YizhanStack(app, 'Yizhan-bench', { stage: 'dev', bundleAwsSdk: sdk === 'bundled', deploySettings });
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as { Resources: Record<string, CfnFunction> };
  const functions = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
  return { dir: assembly.directory, functions };
}

/** The variables the function gets in AWS, with references (secret ARNs) replaced by look-alikes. */
function lambdaEnvironment(fn: CfnFunction): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'cn-north-1',
    AWS_DEFAULT_REGION: 'cn-north-1',
    AWS_LAMBDA_FUNCTION_NAME: fn.Properties.FunctionName ?? 'bench',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    // Lambda runs Node 22; on the Node 20 this may run on, the SDK would print a support warning.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  for (const [key, value] of Object.entries(fn.Properties.Environment?.Variables ?? {})) {
    const service = key === 'YZ_KMS_KEY_ARN' ? 'kms' : 'secretsmanager';
    const resource = service === 'kms' ? 'key/00000000-0000-0000-0000-000000000000' : `secret:${key}`;
    env[key] = typeof value === 'string' ? value : `arn:aws-cn:${service}:cn-north-1:000000000000:${resource}`;
  }
  return env;
}

/** Wall time of the require, and the CPU time it used (steadier on a busy machine). */
const LOAD = [
  'const c=process.cpuUsage(),t=process.hrtime.bigint();',
  'require(process.argv[1]);',
  'const w=Number(process.hrtime.bigint()-t)/1e6,u=process.cpuUsage(c);',
  'process.stdout.write(JSON.stringify([w,(u.user+u.system)/1e3]))',
].join('');

function loadTimes(bundle: string, env: Record<string, string>): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  // One unmeasured run first: the file system cache, not the bundle, would dominate it.
  for (let i = 0; i <= runs; i += 1) {
    const out = spawnSync(process.execPath, ['-e', LOAD, bundle], { env, encoding: 'utf8', cwd: path.dirname(bundle) });
    if (out.status !== 0) throw new Error(`require(${bundle}) failed:\n${out.stderr}`);
    const [w, c] = JSON.parse(out.stdout) as [number, number];
    if (i > 0) {
      wall.push(w);
      cpu.push(c);
    }
  }
  return { wall, cpu };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const round = (x: number) => Math.round(x * 10) / 10;

function main(): void {
  const outdir = path.join(root, `.artifacts/bench/cdk.out-sdk-${sdk}`);
  console.log(`Synthesizing the dev stack with bundling (AWS SDK ${sdk})…`);
  const { dir, functions } = synthesize(outdir);
  const figures: BundleFigures[] = [];
  for (const [, fn] of functions) {
    const asset = fn.Metadata?.['aws:asset:path'];
    if (typeof asset !== 'string') throw new Error(`no asset path for ${fn.Properties.FunctionName}`);
    const bundle = path.join(dir, asset, 'index.js');
    const { wall: times, cpu } = loadTimes(bundle, lambdaEnvironment(fn));
    figures.push({
      function: fn.Properties.FunctionName ?? asset,
      bytes: statSync(bundle).size,
      gzipBytes: gzipSync(readFileSync(bundle)).length,
      mapBytes: statSync(`${bundle}.map`).size,
      loadMs: { median: round(median(times)), min: round(Math.min(...times)), max: round(Math.max(...times)), runs: times.map(round) },
      loadCpuMs: { median: round(median(cpu)), runs: cpu.map(round) },
    });
  }

  const report = {
    measuredAt: new Date().toISOString(),
    awsSdk: sdk,
    node: process.version,
    cpu: `${os.cpus()[0]?.model ?? 'unknown'} × ${os.cpus().length}`,
    targets: { bytes: TARGET_BYTES, loadMs: TARGET_LOAD_MS },
    functions: figures,
  };
  const asConfigured = (sdk === 'bundled') === BUNDLE_AWS_SDK;
  const file = path.join(root, '.artifacts/bench', asConfigured ? 'bundles.json' : `bundles-sdk-${sdk}.json`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);

  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  console.log(`\nnode ${process.version}, ${report.cpu}, AWS SDK ${sdk}, ${runs} runs each\n`);
  console.log(`${'function'.padEnd(28)} ${'bytes'.padStart(10)} ${'gzip'.padStart(9)}    ${'load ms: median (min–max)'}   cpu ms`);
  let ok = true;
  for (const f of figures) {
    const sizeOk = f.bytes <= TARGET_BYTES;
    const loadOk = f.loadMs.median <= TARGET_LOAD_MS;
    ok &&= sizeOk && loadOk;
    console.log(
      `${f.function.padEnd(28)} ${String(f.bytes).padStart(10)} ${String(f.gzipBytes).padStart(9)} ${mark(sizeOk)}  ${String(f.loadMs.median).padStart(7)} (${f.loadMs.min}–${f.loadMs.max}) ${mark(loadOk)}  ${f.loadCpuMs.median}`,
    );
  }
  console.log(`\ntargets: ≤ ${TARGET_BYTES} bytes minified, ≤ ${TARGET_LOAD_MS} ms to load. Figures in ${path.relative(root, file)}`);
  if (check && !ok) process.exit(1);
}

main();
