import type { Destination } from './navigation';

export type { Destination } from './navigation';

/**
 * Amap's (高德) walking directions link: it opens the Amap app when installed (callnative=1) and its
 * web navigation otherwise, so a browser without WeChat's map still gets the courier there.
 * `coordinate=gaode` says the point is GCJ-02, as stored.
 */
export function amapNavigationUrl(to: Destination): string {
  // The name is one field of a comma-separated triple: a comma in it would shift the fields.
  const name = encodeURIComponent(to.name.replace(/,/g, '，'));
  return `https://uri.amap.com/navigation?to=${to.point.lng},${to.point.lat},${name}&mode=walk&coordinate=gaode&callnative=1&src=yizhan`;
}

export function navigateTo(to: Destination): void {
  const url = amapNavigationUrl(to);
  // A new tab keeps the station page; where pop-ups are blocked, the link opens in this one.
  // ('noopener' would make window.open return null even when the tab opened, so the opener is cut here.)
  const opened = window.open(url, '_blank');
  if (opened) opened.opener = null;
  else window.location.assign(url);
}
