import { ApiError } from './api';
import { downloadBlob, exportRequest, type ExportRoute } from './export-file';

/** The browser build: exports download as files, lists to import come from the file picker. */

export type { ExportRoute };

export async function downloadExport(name: ExportRoute, query: Record<string, string>, fileName: string): Promise<void> {
  const { url, headers } = exportRequest(name, query);
  const res = await fetch(url, { headers });
  if (!res.ok) throw new ApiError(res.status, `HTTP_${res.status}`, '导出没有成功，请稍后再试');
  downloadBlob(await res.blob(), fileName);
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
