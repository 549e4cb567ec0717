import Taro from '@tarojs/taro';
import { downloadBlob } from '../services/export-file';

/**
 * Hands an exported CSV to the staff member. In the browser: a download. In WeChat there are no
 * downloads: the file is written to the mini-program's user folder and sent to a chat with
 * wx.shareFileMessage (from there it opens on a PC's WeChat or in Excel); that API needs a tap of its
 * own, so `share` is called from a second button.
 */
export interface SavedCsv {
  filename: string;
  /** WeChat only: send the written file to a chat. */
  share?: () => Promise<void>;
}

export async function saveCsv(filename: string, csv: string): Promise<SavedCsv> {
  if (process.env.TARO_ENV === 'h5') {
    downloadBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), filename);
    return { filename };
  }
  const path = `${Taro.env.USER_DATA_PATH}/${filename}`;
  await new Promise<void>((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath: path, data: csv, encoding: 'utf8', success: () => resolve(), fail: (e) => reject(new Error(e.errMsg)) }),
  );
  return { filename, share: () => Taro.shareFileMessage({ filePath: path, fileName: filename }).then(() => undefined) };
}
