import { configFromEnv } from '../../../functions/src/platform/config';

describe('configFromEnv', () => {
  it('reads a deployed stage with response validation off and no development sign-in', () => {
    const config = configFromEnv({ YZ_STAGE: 'prod', YZ_TABLE_PREFIX: 'yizhan-prod-', AWS_REGION: 'cn-northwest-1' });
    expect(config).toEqual({
      stage: 'prod',
      tablePrefix: 'yizhan-prod-',
      dynamodbEndpoint: undefined,
      region: 'cn-northwest-1',
      validateResponses: false,
      devLogin: false,
    });
  });

  it.each(['dev', 'prod'])('refuses to start with YZ_DEV_LOGIN=1 in the deployed stage %s', (stage) => {
    expect(() => configFromEnv({ YZ_STAGE: stage, YZ_DEV_LOGIN: '1' })).toThrow(/YZ_DEV_LOGIN=1 is for the local stack only/);
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
