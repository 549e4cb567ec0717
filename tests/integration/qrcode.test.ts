import type { ApiErrorBody, StationQrCode } from '@yz/shared';
import { WechatClient } from '../../functions/src/platform/wechat';
import { loginAs, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * The station's mini-program code, made by WeChat's getwxacodeunlimit with the station id as the
 * scene: real client code against the fake WeChat server, which speaks WeChat's protocol and errors.
 */

const STATION_A = 'amap-B0J3R71OZC';
let stack: TestStack;
let host: string;

beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [
    makeStation({ id: STATION_A, district: { code: '360428', name: '都昌县' } }),
    makeStation({ id: 'a-station-id-that-is-longer-than-32-chars', district: { code: '360428', name: '都昌县' } }),
  ]);
  host = (await loginAs(stack.url, 'host')).token;
});
afterAll(async () => {
  await stack?.stop();
});

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const calls = (path: string) => stack.wechat.requests.filter((r) => r.path === path);

describe('GET /stations/{id}/qrcode', () => {
  it("returns WeChat's code for the station page with the station id as the scene", async () => {
    const res = await request<StationQrCode>(stack.url, 'GET', `/stations/${STATION_A}/qrcode`, { token: host });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 'pages/station/index', scene: STATION_A });
    const [, mime, data] = /^data:([^;]+);base64,(.+)$/.exec(res.body.image) ?? [];
    expect(mime).toBe('image/png');
    expect(Buffer.from(data!, 'base64').subarray(0, 8)).toEqual(PNG);
    const asked = calls('/wxa/getwxacodeunlimit').at(-1)!;
    expect(asked.body).toMatchObject({ scene: STATION_A, page: 'pages/station/index', check_path: false, env_version: 'develop' });
  });

  it('keeps the access token until it expires, and gets a new one when WeChat says it has', async () => {
    const tokensBefore = calls('/cgi-bin/stable_token').length;
    await request(stack.url, 'GET', `/stations/${STATION_A}/qrcode`, { token: host });
    await request(stack.url, 'GET', `/stations/${STATION_A}/qrcode`, { token: host });
    expect(calls('/cgi-bin/stable_token').length).toBe(tokensBefore);

    stack.wechat.expireTokens();
    const codesBefore = calls('/wxa/getwxacodeunlimit').length;
    const res = await request<StationQrCode>(stack.url, 'GET', `/stations/${STATION_A}/qrcode`, { token: host });
    expect(res.status).toBe(200);
    // 42001 on the first try, a fresh token (force_refresh), then the code.
    expect(calls('/wxa/getwxacodeunlimit').length).toBe(codesBefore + 2);
    expect(calls('/cgi-bin/stable_token').at(-1)!.body).toMatchObject({ grant_type: 'client_credential', force_refresh: true });
  });

  it('refuses an id WeChat cannot carry as a scene, before asking WeChat', async () => {
    const admin = (await loginAs(stack.url, 'admin')).token;
    const before = calls('/wxa/getwxacodeunlimit').length;
    const res = await request<ApiErrorBody>(stack.url, 'GET', '/stations/a-station-id-that-is-longer-than-32-chars/qrcode', { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('QR_SCENE_TOO_LONG');
    expect(calls('/wxa/getwxacodeunlimit').length).toBe(before);
  });
});

describe('WechatClient against WeChat errors', () => {
  it('turns a wrong secret and an unreleased page into messages people understand', async () => {
    const wrong = new WechatClient({ apiBase: stack.wechat.url, credentials: async () => ({ appId: stack.wechat.appId, secret: 'not-the-secret' }) });
    await expect(wrong.wxaCodeUnlimited({ scene: 'x1', page: 'pages/station/index', checkPath: false, envVersion: 'develop' })).rejects.toMatchObject({
      code: 'WECHAT_UNAVAILABLE',
    });
    const right = new WechatClient({ apiBase: stack.wechat.url, credentials: async () => ({ appId: stack.wechat.appId, secret: stack.wechat.secret }) });
    await expect(right.wxaCodeUnlimited({ scene: 'x1', page: 'pages/new/index', checkPath: true, envVersion: 'release' })).rejects.toMatchObject({
      code: 'WECHAT_PAGE_INVALID',
      status: 502,
    });
    await expect(right.wxaCodeUnlimited({ scene: '驿站', page: 'pages/station/index', checkPath: false, envVersion: 'develop' })).rejects.toMatchObject({
      code: 'QR_SCENE_INVALID',
    });
    const down = new WechatClient({ apiBase: 'http://127.0.0.1:9', credentials: async () => ({ appId: 'a', secret: 'b' }), timeoutMs: 500 });
    await expect(down.wxaCodeUnlimited({ scene: 'x1', page: 'pages/station/index', checkPath: false, envVersion: 'develop' })).rejects.toMatchObject({ code: 'WECHAT_UNAVAILABLE', status: 503 });
  });
});
