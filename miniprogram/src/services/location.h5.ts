import Taro from '@tarojs/taro';
import gcoord from 'gcoord';
import type { LocateResult } from './location';

/** Browsers give WGS-84 only; convert to GCJ-02 so points line up with the stations' coordinates. */
export async function locate(): Promise<LocateResult> {
  try {
    const res = await Taro.getLocation({ type: 'wgs84' });
    const [lng, lat] = gcoord.transform([res.longitude, res.latitude], gcoord.WGS84, gcoord.GCJ02);
    return { ok: true, point: { lat, lng } };
  } catch (error) {
    const message = (error as { errMsg?: string })?.errMsg ?? '';
    return { ok: false, reason: /denied|permission/i.test(message) ? 'denied' : 'unavailable' };
  }
}
