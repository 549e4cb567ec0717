import Taro from '@tarojs/taro';
import { ApiError } from './api';
import { exportRequest, type ExportRoute } from './export-file';

/**
 * Files staff take out of and put into the app. In WeChat an export is downloaded and handed to
 * WeChat's "send to a chat" (the usual way to get a file to a computer); a list to import is picked
 * from a chat (wx.chooseMessageFile).
 */

export type { ExportRoute };

export async function downloadExport(name: ExportRoute, query: Record<string, string>, fileName: string): Promise<void> {
  const { url, headers } = exportRequest(name, query);
  const result = await Taro.downloadFile({ url, header: headers });
  if (result.statusCode !== 200) throw new ApiError(result.statusCode, `HTTP_${result.statusCode}`, '导出没有成功，请稍后再试');
  await Taro.shareFileMessage({ filePath: result.tempFilePath, fileName });
}

/** A CSV file from a WeChat chat: its local path and name, or null when the person cancels. */
export async function pickCsvFile(): Promise<{ path: string; name: string; size: number } | null> {
  try {
    const picked = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'txt'] });
    const file = picked.tempFiles[0];
    return file ? { path: file.path, name: file.name, size: file.size } : null;
  } catch {
    return null;
  }
}
