import { api } from '../../services/api';

/** In WeChat: the mini-program code WeChat makes for the station (scene = station id). */
export async function stationCode(id: string): Promise<{ image: string; caption: string }> {
  const code = await api.stationQrCode({ params: { id } });
  return { image: code.image, caption: `微信扫一扫，打开 ${code.page}（scene=${code.scene}）` };
}
