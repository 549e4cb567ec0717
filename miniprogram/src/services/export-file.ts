import { buildPath, contract, type RouteDef } from '@yz/shared';
import { loadSession } from './session';

/** What the WeChat and the browser builds of files.ts share: where an export is asked for, how a browser saves a file. */

// WeChat's JavaScript has no URLSearchParams.
const queryString = (query: Record<string, string>) =>
  Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');

/** The routes that answer with a file: a region's stations, its data health. */
export type ExportRoute = 'exportStations' | 'exportDataHealth';

/** The address of an export and the signed-in person's authorization to fetch it. */
export function exportRequest(name: ExportRoute, query: Record<string, string>): { url: string; headers: Record<string, string> } {
  const route = contract[name] as RouteDef;
  const session = loadSession();
  return {
    url: `${API_BASE_URL}${buildPath(route.path)}?${queryString(query)}`,
    headers: session ? { authorization: `Bearer ${session.token}` } : {},
  };
}

/** The browser's download: a hidden link clicked; its object URL is freed once the download has surely begun. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
