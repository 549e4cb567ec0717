import { configFromEnv } from '../../../functions/src/platform/config';

describe('configFromEnv', () => {
  it('reads a deployed stage with response validation off and no development sign-in', () => {
    const config = configFromEnv({ YZ_STAGE: 'prod', YZ_TABLE_PREFIX: 'yizhan-prod-', AWS_REGION: 'cn-northwest-1' });
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
    const config = configFromEnv({ YZ_STAGE: 'prod', YZ_TOKEN_SIGNING_KEY: 'k'.repeat(40), YZ_WECHAT_APPID: 'wx', YZ_WECHAT_APPSECRET: 's' });
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
});
