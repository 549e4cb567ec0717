import { buildPath, contract, type RouteDef } from '@yz/shared';
import { ApiError } from './api';
import { loadSession } from './session';

/** The browser build: exports download as files, lists to import come from the file picker. */

// WeChat's JavaScript has no URLSearchParams.
const queryString = (query: Record<string, string>) =>
  Object.entries(query)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');

/** The routes that answer with a file: a region's stations, its data health. */
export type ExportRoute = 'exportStations' | 'exportDataHealth';

export async function downloadExport(name: ExportRoute, query: Record<string, string>, fileName: string): Promise<void> {
  const route = contract[name] as RouteDef;
  const session = loadSession();
  const res = await fetch(`${API_BASE_URL}${buildPath(route.path)}?${queryString(query)}`, {
    headers: session ? { authorization: `Bearer ${session.token}` } : {},
  });
  if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, '导出没有成功，请稍后再试');
  const url = URL.createObjectURL(await res.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function pickCsvFile(): Promise<{ path: string; name: string; size: number } | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.txt,text/csv';
    input.id = 'import-file-input';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      resolve(file ? { path: URL.createObjectURL(file), name: file.name, size: file.size } : null);
    });
    // Cancelling the dialog fires no event: the promise simply stays pending until the next pick.
    document.body.appendChild(input);
    input.click();
  });
}
