import QRCode from 'qrcode';

/**
 * In the browser (local runs): a QR code of this app's own URL for the station page with the station
 * id as its scene, the same way WeChat's code opens it. Rendered here with the `qrcode` package.
 */
export async function stationCode(id: string): Promise<{ image: string; caption: string }> {
  const url = `${window.location.origin}${window.location.pathname}#/pages/station/index?scene=${encodeURIComponent(id)}`;
  return { image: await QRCode.toDataURL(url, { width: 480, margin: 2 }), caption: url };
}
