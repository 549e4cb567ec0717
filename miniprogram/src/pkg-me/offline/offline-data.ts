import type { Region } from '@yz/shared';
import type { SavedDistrict } from '@yz/shared/tile-client';
import { removeSavedDistrict, saveDistrict, type SaveProgress } from '@yz/shared/tile-offline';
import { ApiError } from '../../services/api';
import { tileClient } from '../../services/tile-registry';

/** 下载本区县离线数据 on the app's tile client; here, not in services/, to keep it out of the main package. */
export async function saveDistrictOffline(region: Pick<Region, 'code' | 'name'>, onProgress: SaveProgress): Promise<SavedDistrict> {
  try {
    return await saveDistrict(tileClient(), region, onProgress);
  } catch (error) {
    // By name: the class would bring the tile client's module into this subpackage (tile-registry.ts).
    if ((error as Error).name === 'TilesUnavailable' || (error instanceof ApiError && error.isNetwork)) {
      throw new ApiError(0, 'NETWORK', '没有网络，离线数据没有下载完，请联网后再试');
    }
    throw error;
  }
}

export const removeOfflineDistrict = (code: string): Promise<void> => removeSavedDistrict(tileClient(), code);

/** A size as the worker reads it: "320 KB", "1.4 MB". */
export const sizeText = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);
