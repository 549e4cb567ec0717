import Taro from '@tarojs/taro';
import { buildPath, contract, type RouteDef } from '@yz/shared';
import { ApiError } from './api';
import { loadSession } from './session';

/**
 * Files staff take out of and put into the app. In WeChat an export is downloaded and handed to
 * WeChat's "send to a chat" (the usual way to get a file to a computer); a list to import is picked
 * from a chat (wx.chooseMessageFile).
 */

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
  const result = await Taro.downloadFile({
    url: `${API_BASE_URL}${buildPath(route.path)}?${queryString(query)}`,
    header: session ? { authorization: `Bearer ${session.token}` } : {},
  });
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
