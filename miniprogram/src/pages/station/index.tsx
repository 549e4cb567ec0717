import { View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';

/**
 * The station page's first address, kept for the QR codes printed on station doors and links already
 * shared: it forwards `id` or `scene` to the page itself, which lives in a subpackage (pkg-station) so
 * the main package stays within WeChat's budget.
 */
export default function StationRedirect() {
  useLoad((params: Record<string, string | undefined>) => {
    const query = Object.entries(params)
      .filter(([key, value]) => (key === 'id' || key === 'scene') && value !== undefined)
      .map(([key, value]) => `${key}=${encodeURIComponent(value!)}`)
      .join('&');
    void Taro.redirectTo({ url: `/pkg-station/detail/index${query ? `?${query}` : ''}` });
  });
  return <View />;
}
