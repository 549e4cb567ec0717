import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { EXAMPLE_SETTINGS_FILE, loadDeploySettings } from '../../../infra/src/cdk/settings';
import { KEY_ENV, parseArgs, releasePlan, REPO_ROOT, type ReleasePlan } from '../../../infra/src/release/weapp';

/** What `npm run upload:weapp` / `preview:weapp` would run: checked on the plan, not on WeChat's servers. */

const settings = loadDeploySettings('example', EXAMPLE_SETTINGS_FILE);
const git = { hash: 'abc1234', subject: 'Stations open now', dirty: false };
const version = (require(path.join(REPO_ROOT, 'package.json')) as { version: string }).version;

function runScript(args: string[], env: Record<string, string | undefined>) {
  const tsx = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
  const childEnv = { ...process.env, ...env };
  if (env[KEY_ENV] === undefined) delete childEnv[KEY_ENV];
  return spawnSync(tsx, ['infra/src/release/weapp.ts', ...args], { cwd: REPO_ROOT, env: childEnv, encoding: 'utf8' });
}

describe('mini-program release', () => {
  it('builds against the stage API domain and uploads with the AppID of the settings, the key from the environment, version and git description', () => {
    const plan = releasePlan(parseArgs(['upload', '--stage', 'prod']), settings, { [KEY_ENV]: '/keys/private.key' }, git);
    expect(plan).toEqual<ReleasePlan>({
      build: {
        command: ['npm', 'run', 'build:weapp'],
        env: { TARO_APP_API_BASE_URL: 'https://api.yizhan.example.cn', TARO_APP_TILES_BASE_URL: 'https://m.yizhan.example.cn/tiles/', TARO_APP_MEMBER_PASS_PUBLIC_KEY: settings.memberPassPublicKey },
        cwd: REPO_ROOT,
      },
      project: {
        appid: settings.wechatAppId,
        type: 'miniProgram',
        projectPath: path.join(REPO_ROOT, 'miniprogram/dist/weapp'),
        privateKeyPath: '/keys/private.key',
        ignores: ['node_modules/**/*'],
      },
      ci: { action: 'upload', version, desc: 'prod · abc1234 Stations open now', robot: 1, setting: { es6: false, es7: false, minify: false } },
    });
  });

  it('previews to a QR image, and marks a build from uncommitted changes', () => {
    const plan = releasePlan(parseArgs(['preview', '--stage', 'dev', '--robot', '3']), settings, { [KEY_ENV]: 'k.key' }, { ...git, dirty: true });
    expect(plan.ci).toMatchObject({ action: 'preview', robot: 3, desc: 'dev · abc1234+changes Stations open now', qrcodeFormat: 'image' });
    expect(plan.ci.qrcodeOutputDest).toBe(path.join(REPO_ROOT, '.artifacts/weapp-preview.jpg'));
  });

  it('refuses a missing stage, an unknown option and a bad robot number', () => {
    expect(() => parseArgs(['upload'])).toThrow(/--stage dev or --stage prod/);
    expect(() => parseArgs(['upload', '--stage', 'prod', '--force'])).toThrow(/unknown option --force/);
    expect(() => parseArgs(['upload', '--stage', 'prod', '--robot', '0'])).toThrow(/--robot is 1 to 30/);
    expect(() => parseArgs(['publish', '--stage', 'prod'])).toThrow(/usage/);
  });

  it('fails with a clear message, before building anything, when no upload key is given', () => {
    const result = runScript(['upload', '--stage', 'prod', '--settings', 'infra/stages/example.json'], { [KEY_ENV]: undefined });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/YZ_WEAPP_UPLOAD_KEY is not set: point it at the mini-program's code upload key/);
    expect(result.stdout).not.toMatch(/build:weapp/);
  });

  it('--dry-run prints the exact build and miniprogram-ci options and runs nothing', () => {
    const result = runScript(['upload', '--stage', 'prod', '--settings', 'infra/stages/example.json', '--dry-run'], { [KEY_ENV]: '/nonexistent/private.key' });
    expect(result.status).toBe(0);
    const plan = JSON.parse(result.stdout.slice(0, result.stdout.lastIndexOf('}') + 1)) as ReleasePlan;
    expect(plan.project).toMatchObject({ appid: 'wxexample000000000', privateKeyPath: '/nonexistent/private.key' });
    expect(plan.build.env).toEqual({ TARO_APP_API_BASE_URL: 'https://api.yizhan.example.cn', TARO_APP_TILES_BASE_URL: 'https://m.yizhan.example.cn/tiles/', TARO_APP_MEMBER_PASS_PUBLIC_KEY: 'IOxWNQlYKrGCkNoXtY4hvskxchsNi9Ii-A_WZnFx4gU' });
    expect(plan.ci).toMatchObject({ action: 'upload', version });
    expect(result.stdout).toMatch(/note: \/nonexistent\/private\.key does not exist/);
  });

  it('refuses a stage without a settings file, naming it', () => {
    const result = runScript(['preview', '--stage', 'prod', '--settings', 'infra/stages/nope.json'], { [KEY_ENV]: 'k' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/infra\/stages\/nope\.json does not exist/);
  });
});
