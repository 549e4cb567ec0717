import { createSecretReader, type FetchSecretString } from '../../../functions/src/platform/secrets';
import { secrets } from '../../../functions/src/platform/secret-defs';

/**
 * The reader's own logic: where a secret comes from, and that it is read once. Secrets Manager itself
 * is not called here; `fetchSecretString` stands for it (the function the reader is given in AWS).
 */

function countingFetch(values: Record<string, string>): FetchSecretString & { calls: string[] } {
  const calls: string[] = [];
  const fetch = async (arn: string) => {
    calls.push(arn);
    const value = values[arn];
    if (value === undefined) throw new Error(`no secret ${arn}`);
    return value;
  };
  return Object.assign(fetch, { calls });
}

const WECHAT_ARN = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:yizhan/dev/wechat-AbCdEf';

describe('secrets locally', () => {
  it('reads the fields from the environment variables the definition names', async () => {
    const read = createSecretReader({ env: { YZ_STAGE: 'local', YZ_WECHAT_APPID: 'wx0123456789abcdef', YZ_WECHAT_APPSECRET: 's3cret' } });
    await expect(read('wechat')).resolves.toEqual({ appId: 'wx0123456789abcdef', appSecret: 's3cret' });
    expect(secrets.wechat.localEnv).toEqual({ appId: 'YZ_WECHAT_APPID', appSecret: 'YZ_WECHAT_APPSECRET' });
  });

  it('names the missing variables, never their values', async () => {
    const read = createSecretReader({ env: { YZ_STAGE: 'test', YZ_WECHAT_APPID: 'wx0123456789abcdef' } });
    const error = await read('wechat').catch((e: Error) => e);
    expect(String(error)).toMatch(/secret wechat .*YZ_WECHAT_APPID, YZ_WECHAT_APPSECRET.* lacks appSecret/);
    expect(String(error)).not.toContain('wx0123456789abcdef');
  });
});

describe('secrets in a deployed stage', () => {
  it('never falls back to plain environment variables', async () => {
    const fetch = countingFetch({});
    const read = createSecretReader({
      env: { YZ_STAGE: 'prod', YZ_TOKEN_SIGNING_KEY: 'should-not-be-used' },
      fetchSecretString: fetch,
    });
    await expect(read('tokenSigningKey')).rejects.toThrow(/YZ_TOKEN_KEY_SECRET_ARN is not set/);
    expect(fetch.calls).toEqual([]);
  });

  it('reads from the ARN in its variable once, and every later call shares the value', async () => {
    const fetch = countingFetch({ [WECHAT_ARN]: JSON.stringify({ appId: 'wxabc', appSecret: 'from-sm' }) });
    const read = createSecretReader({ env: { YZ_STAGE: 'dev', YZ_WECHAT_SECRET_ARN: WECHAT_ARN }, fetchSecretString: fetch });
    const [a, b] = await Promise.all([read('wechat'), read('wechat')]);
    const c = await read('wechat');
    expect(a).toEqual({ appId: 'wxabc', appSecret: 'from-sm' });
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(fetch.calls).toEqual([WECHAT_ARN]);
  });

  it('does not keep a failed read: the next call tries again', async () => {
    const values: Record<string, string> = {};
    const fetch = countingFetch(values);
    const read = createSecretReader({ env: { YZ_STAGE: 'dev', YZ_WECHAT_SECRET_ARN: WECHAT_ARN }, fetchSecretString: fetch });
    await expect(read('wechat')).rejects.toThrow(/no secret/);
    values[WECHAT_ARN] = JSON.stringify({ appId: 'wxabc', appSecret: 'later' });
    await expect(read('wechat')).resolves.toEqual({ appId: 'wxabc', appSecret: 'later' });
    expect(fetch.calls).toEqual([WECHAT_ARN, WECHAT_ARN]);
  });

  it('refuses the placeholder the stack creates until the operator fills it in', async () => {
    const fetch = countingFetch({ [WECHAT_ARN]: JSON.stringify({ appId: '', appSecret: '' }) });
    const read = createSecretReader({ env: { YZ_STAGE: 'dev', YZ_WECHAT_SECRET_ARN: WECHAT_ARN }, fetchSecretString: fetch });
    await expect(read('wechat')).rejects.toThrow(/secret wechat \(Secrets Manager\) lacks appId, appSecret/);
  });

  it('refuses a value that is not JSON without quoting it', async () => {
    const fetch = countingFetch({ [WECHAT_ARN]: 'plain-text-secret' });
    const read = createSecretReader({ env: { YZ_STAGE: 'dev', YZ_WECHAT_SECRET_ARN: WECHAT_ARN }, fetchSecretString: fetch });
    const error = await read('wechat').catch((e: Error) => e);
    expect(String(error)).toMatch(/not a JSON object/);
    expect(String(error)).not.toContain('plain-text-secret');
  });

  it('keeps one cache per secret', async () => {
    const TOKEN_ARN = 'arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:yizhan/dev/token-signing-key-XyZ';
    const fetch = countingFetch({
      [WECHAT_ARN]: JSON.stringify({ appId: 'wxabc', appSecret: 'x' }),
      [TOKEN_ARN]: JSON.stringify({ key: 'k'.repeat(64) }),
    });
    const read = createSecretReader({
      env: { YZ_STAGE: 'prod', YZ_WECHAT_SECRET_ARN: WECHAT_ARN, YZ_TOKEN_KEY_SECRET_ARN: TOKEN_ARN },
      fetchSecretString: fetch,
    });
    await read('wechat');
    await expect(read('tokenSigningKey')).resolves.toEqual({ key: 'k'.repeat(64) });
    await read('tokenSigningKey');
    expect(fetch.calls).toEqual([WECHAT_ARN, TOKEN_ARN]);
  });
});
