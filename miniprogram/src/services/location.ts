import Taro from '@tarojs/taro';
import type { LatLng } from '@yz/shared';

/**
 * Where the worker is, in GCJ-02 (what <map> and openLocation expect). WeChat returns GCJ-02 when
 * asked; the H5 build has its own version of this file that converts the browser's WGS-84 fix.
 */
export type LocateResult = { ok: true; point: LatLng } | { ok: false; reason: 'denied' | 'unavailable' };

export async function locate(): Promise<LocateResult> {
  try {
    const res = await Taro.getLocation({ type: 'gcj02' });
    return { ok: true, point: { lat: res.latitude, lng: res.longitude } };
  } catch (error) {
    const message = (error as { errMsg?: string })?.errMsg ?? '';
    return { ok: false, reason: /auth|deny|denied|privacy/i.test(message) ? 'denied' : 'unavailable' };
  }
}
