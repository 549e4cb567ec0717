import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { loadDeploySettings, type DeploySettings } from '../cdk/settings';

/**
 * `npm run upload:weapp` / `npm run preview:weapp`: builds the mini-program against a stage's API
 * domain and hands it to WeChat with miniprogram-ci (upload: a version for 版本管理 → 开发版; preview:
 * a QR code for a phone). The AppID comes from the stage settings (infra/stages/<stage>.json), the
 * upload key's path from YZ_WEAPP_UPLOAD_KEY (微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传密钥; the
 * key never enters the repository), the version and description from package.json and git.
 *
 *   npm run upload:weapp -- --stage prod [--settings FILE] [--robot N] [--dry-run]
 *   npm run preview:weapp -- --stage dev [--settings FILE] [--dry-run]
 */

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const KEY_ENV = 'YZ_WEAPP_UPLOAD_KEY';
const WEAPP_DIST = path.join(REPO_ROOT, 'miniprogram/dist/weapp');
const PREVIEW_QR = path.join(REPO_ROOT, '.artifacts/weapp-preview.jpg');

export interface ReleaseArgs {
  action: 'upload' | 'preview';
  stage: string;
  settingsFile?: string;
  robot: number;
  dryRun: boolean;
}

export interface ReleasePlan {
  build: { command: string[]; env: Record<string, string>; cwd: string };
  project: { appid: string; type: 'miniProgram'; projectPath: string; privateKeyPath: string; ignores: string[] };
  ci: {
    action: 'upload' | 'preview';
    version: string;
    desc: string;
    robot: number;
    setting: { es6: boolean; es7: boolean; minify: boolean };
    qrcodeFormat?: 'image';
    qrcodeOutputDest?: string;
  };
}

export class ReleaseError extends Error {}

export function parseArgs(argv: readonly string[]): ReleaseArgs {
  const [action, ...rest] = argv;
  if (action !== 'upload' && action !== 'preview') throw new ReleaseError('usage: weapp.ts upload|preview --stage dev|prod [--settings FILE] [--robot N] [--dry-run]');
  const args: ReleaseArgs = { action, stage: '', robot: 1, dryRun: false };
  for (let i = 0; i < rest.length; i += 1) {
    const flag = rest[i];
    const value = () => {
      const v = rest[(i += 1)];
      if (v === undefined) throw new ReleaseError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--stage') args.stage = value();
    else if (flag === '--settings') args.settingsFile = value();
    else if (flag === '--robot') args.robot = Number(value());
    else if (flag === '--dry-run') args.dryRun = true;
    else throw new ReleaseError(`unknown option ${flag}`);
  }
  if (args.stage !== 'dev' && args.stage !== 'prod') throw new ReleaseError('--stage dev or --stage prod: the stage whose API the build talks to');
  if (!Number.isInteger(args.robot) || args.robot < 1 || args.robot > 30) throw new ReleaseError('--robot is 1 to 30 (miniprogram-ci 的 CI 机器人编号)');
  return args;
}

/** `0.1.0`, and `0.1.0 · dev · 204e008 <subject>` (WeChat shows the description beside the version). */
export function versionAndDescription(stage: string, git: { hash: string; subject: string; dirty: boolean }): { version: string; desc: string } {
  const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  const desc = `${stage} · ${git.hash}${git.dirty ? '+changes' : ''} ${git.subject}`.slice(0, 200);
  return { version: pkg.version, desc };
}

function gitInfo(): { hash: string; subject: string; dirty: boolean } {
  const run = (...a: string[]) => execFileSync('git', a, { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
  return { hash: run('rev-parse', '--short', 'HEAD'), subject: run('log', '-1', '--format=%s'), dirty: run('status', '--porcelain', '--untracked-files=no') !== '' };
}

export function releasePlan(
  args: ReleaseArgs,
  settings: DeploySettings,
  env: NodeJS.ProcessEnv,
  git: { hash: string; subject: string; dirty: boolean },
): ReleasePlan {
  const keyPath = env[KEY_ENV];
  if (!keyPath) {
    throw new ReleaseError(
      `${KEY_ENV} is not set: point it at the mini-program's code upload key (微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传密钥, ` +
        `downloaded as private.${settings.wechatAppId}.key), and add this machine's IP to that page's IP whitelist.`,
    );
  }
  const { version, desc } = versionAndDescription(args.stage, git);
  return {
    build: {
      command: ['npm', 'run', 'build:weapp'],
      // The member card's public key is built in: hosts check cards offline with it. Station tiles come
      // from the edge (the web domain routes tiles/* to the bucket), never from the API's domain.
      env: {
        TARO_APP_API_BASE_URL: `https://${settings.domains.api}`,
        TARO_APP_TILES_BASE_URL: `https://${settings.domains.web}/tiles/`,
        TARO_APP_MEMBER_PASS_PUBLIC_KEY: settings.memberPassPublicKey,
      },
      cwd: REPO_ROOT,
    },
    project: { appid: settings.wechatAppId, type: 'miniProgram', projectPath: WEAPP_DIST, privateKeyPath: path.resolve(keyPath), ignores: ['node_modules/**/*'] },
    ci: {
      action: args.action,
      version,
      desc,
      robot: args.robot,
      // Taro has already transpiled and minified the build.
      setting: { es6: false, es7: false, minify: false },
      ...(args.action === 'preview' ? { qrcodeFormat: 'image' as const, qrcodeOutputDest: PREVIEW_QR } : {}),
    },
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const settings = loadDeploySettings(args.stage, args.settingsFile);
  const plan = releasePlan(args, settings, process.env, gitInfo());
  if (args.dryRun) {
    process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
    if (!existsSync(plan.project.privateKeyPath)) process.stdout.write(`(note: ${plan.project.privateKeyPath} does not exist)\n`);
    return;
  }
  if (!existsSync(plan.project.privateKeyPath)) throw new ReleaseError(`${KEY_ENV}=${plan.project.privateKeyPath}: no such file`);
  // A stale build would go out silently if Taro skipped this one (FIELD-NOTES): start from nothing, check after.
  rmSync(WEAPP_DIST, { recursive: true, force: true });
  const built = spawnSync(plan.build.command[0]!, plan.build.command.slice(1), { cwd: plan.build.cwd, env: { ...process.env, ...plan.build.env }, stdio: 'inherit' });
  if (built.status !== 0 || !existsSync(path.join(WEAPP_DIST, 'app.json'))) throw new ReleaseError('the weapp build failed or produced no app.json');
  const ci = (await import('miniprogram-ci')) as unknown as {
    Project: new (o: ReleasePlan['project']) => unknown;
    upload(o: Record<string, unknown>): Promise<unknown>;
    preview(o: Record<string, unknown>): Promise<unknown>;
  };
  mkdirSync(path.dirname(PREVIEW_QR), { recursive: true });
  const project = new ci.Project(plan.project);
  const { action, ...options } = plan.ci;
  const result = await ci[action]({ project, ...options, onProgressUpdate: (p: unknown) => process.stdout.write(`${typeof p === 'string' ? p : JSON.stringify(p)}\n`) });
  process.stdout.write(`${action} done: ${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof ReleaseError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
