import { configFromEnv, isPlaceholder, LOCAL_DEFAULTS } from '../../../functions/src/platform/config';
import { deployedEnv } from '../../helpers/deploy-settings';

describe('configFromEnv', () => {
  it('reads a deployed stage with response validation off and no development sign-in', () => {
    const config = configFromEnv({ ...deployedEnv('prod'), AWS_REGION: 'cn-northwest-1' });
    expect(config).toMatchObject({
      stage: 'prod',
      tablePrefix: 'yizhan-prod-',
      dynamodbEndpoint: undefined,
      region: 'cn-northwest-1',
      validateResponses: false,
      devLogin: false,
    });
  });

  it('in a deployed stage reads secrets only from Secrets Manager, never from the environment', async () => {
    const config = configFromEnv({ ...deployedEnv('prod'), YZ_TOKEN_SIGNING_KEY: 'k'.repeat(40), YZ_WECHAT_APPID: 'wx', YZ_WECHAT_APPSECRET: 's' });
    await expect(config.secrets.tokenKey()).rejects.toThrow(/Secrets Manager/);
    await expect(config.secrets.wechatCredentials()).rejects.toThrow(/Secrets Manager/);
  });

  it('off AWS takes secrets from the environment, with development defaults', async () => {
    const config = configFromEnv({ YZ_STAGE: 'local', YZ_TOKEN_SIGNING_KEY: 'k'.repeat(40), YZ_WECHAT_APPID: 'wx1', YZ_WECHAT_APPSECRET: 's1' });
    await expect(config.secrets.tokenKey()).resolves.toBe('k'.repeat(40));
    await expect(config.secrets.wechatCredentials()).resolves.toEqual({ appId: 'wx1', secret: 's1' });
    await expect(configFromEnv({ YZ_STAGE: 'local' }).secrets.tokenKey()).resolves.toMatch(/local-development/);
  });

  it.each(['dev', 'prod'])('refuses to start with YZ_DEV_LOGIN=1 in the deployed stage %s', (stage) => {
    expect(() => configFromEnv({ YZ_STAGE: stage, YZ_DEV_LOGIN: '1' })).toThrow(/YZ_DEV_LOGIN=1 is refused in a deployed stage/);
  });

  it.each(['local', 'test'])('allows the development sign-in in the %s stage, only when asked', (stage) => {
    expect(configFromEnv({ YZ_STAGE: stage, YZ_DEV_LOGIN: '1' }).devLogin).toBe(true);
    expect(configFromEnv({ YZ_STAGE: stage, YZ_DEV_LOGIN: '0' }).devLogin).toBe(false);
    expect(configFromEnv({ YZ_STAGE: stage }).devLogin).toBe(false);
  });

  it('rejects a value of YZ_DEV_LOGIN that is neither 0 nor 1, rather than guessing', () => {
    expect(() => configFromEnv({ YZ_STAGE: 'local', YZ_DEV_LOGIN: 'yes' })).toThrow();
  });

  describe('settings with a local default', () => {
    it('takes the template ids, table prefix and photo address a deployed stage is given', () => {
      const env = deployedEnv('dev');
      expect(configFromEnv(env)).toMatchObject({
        tablePrefix: 'yizhan-dev-',
        wechatTemplates: { membershipResult: env.YZ_WECHAT_TEMPLATE_MEMBERSHIP, wishProgress: env.YZ_WECHAT_TEMPLATE_WISH_PROGRESS, wishClaim: env.YZ_WECHAT_TEMPLATE_WISH_CLAIM, boardPost: env.YZ_WECHAT_TEMPLATE_BOARD_POST, staleDigest: env.YZ_WECHAT_TEMPLATE_STALE_DIGEST },
        photos: { baseUrl: env.YZ_PHOTO_BASE_URL },
      });
    });

    it.each(Object.keys(LOCAL_DEFAULTS))('refuses to start in a deployed stage when %s is missing, naming it', (name) => {
      for (const stage of ['dev', 'prod'] as const) {
        const env: Record<string, string> = deployedEnv(stage);
        delete env[name];
        expect(() => configFromEnv(env)).toThrow(new RegExp(`refusing to start in stage ${stage}: ${name}=""`));
      }
    });

    it.each([
      ['its local default', (name: keyof typeof LOCAL_DEFAULTS) => LOCAL_DEFAULTS[name]],
      ['empty', () => ''],
      ['blank', () => '   '],
      ['TODO', () => 'TODO'],
      ['a TODO inside', () => 'tmpl-todo-fill-in'],
      ["the example file's value", () => 'example-membership-result-template-id'],
      ['an example domain', () => 'https://m.yizhan.example.cn/'],
      ['any local- value', () => 'local-whatever'],
    ])('refuses to start in a deployed stage when a setting is %s', (_, value) => {
      for (const name of Object.keys(LOCAL_DEFAULTS) as (keyof typeof LOCAL_DEFAULTS)[]) {
        expect(() => configFromEnv({ ...deployedEnv('prod'), [name]: value(name) })).toThrow(new RegExp(`refusing to start in stage prod: ${name}=`));
      }
    });

    it('lists every missing setting at once', () => {
      expect(() => configFromEnv({ YZ_STAGE: 'prod' })).toThrow(
        /YZ_TABLE_PREFIX="", YZ_WECHAT_TEMPLATE_MEMBERSHIP="", YZ_WECHAT_TEMPLATE_WISH_PROGRESS="", YZ_WECHAT_TEMPLATE_WISH_CLAIM="", YZ_WECHAT_TEMPLATE_BOARD_POST="", YZ_WECHAT_TEMPLATE_STALE_DIGEST="", YZ_PHOTO_BASE_URL=""/,
      );
    });

    it.each(['local', 'test'])('fills in the local defaults in the %s stage', (stage) => {
      expect(configFromEnv({ YZ_STAGE: stage })).toMatchObject({
        tablePrefix: 'yz-local-',
        wechatTemplates: { membershipResult: 'local-tmpl-membership-result', wishProgress: 'local-tmpl-wish-progress', wishClaim: 'local-tmpl-wish-claim', boardPost: 'local-tmpl-board-post', staleDigest: 'local-tmpl-stale-digest' },
        photos: { kind: 'disk', baseUrl: '/photos/' },
      });
    });

    it('knows a real value from a placeholder', () => {
      for (const real of ['yizhan-prod-', 'AbC1dEfGhIjK-lmnOPq_rstuvWxyz0123456789', 'https://m.yizhan.cn/']) expect(isPlaceholder(real)).toBe(false);
      for (const fake of [undefined, '', ' ', 'local-tmpl-x', 'TODO', 'Example', 'https://cdn.example.org/']) expect(isPlaceholder(fake)).toBe(true);
    });
  });

  it('sends internal counters as headers only when asked, and never in a deployed stage', () => {
    expect(configFromEnv({ YZ_STAGE: 'local' }).debugCounters).toBe(false);
    expect(configFromEnv({ YZ_STAGE: 'local', YZ_DEBUG_COUNTERS: '1' }).debugCounters).toBe(true);
    expect(configFromEnv(deployedEnv('prod')).debugCounters).toBe(false);
    expect(() => configFromEnv({ ...deployedEnv('prod'), YZ_DEBUG_COUNTERS: '1' })).toThrow(/YZ_DEBUG_COUNTERS=1 is refused/);
  });
});
