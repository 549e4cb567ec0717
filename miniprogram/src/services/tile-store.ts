import Taro from '@tarojs/taro';
import type { TileStore } from '@yz/shared/tile-client';

/**
 * Tiles kept in wx storage (10 MB per mini-program; a tile is ~20–150 KB of text). The client keeps
 * them within a budget (shared/src/tile-cache.ts); when storage is full anyway a tile is simply not
 * kept: the next search fetches it again.
 */
export function tileStore(): TileStore {
  return {
    get: async (key) => {
      try {
        const value = Taro.getStorageSync(`yz.${key}`) as string | '';
        return value === '' ? null : value;
      } catch {
        return null;
      }
    },
    set: async (key, value) => {
      try {
        Taro.setStorageSync(`yz.${key}`, value);
      } catch {
        // storage full or unavailable: kept in memory only
      }
    },
    remove: async (key) => {
      try {
        Taro.removeStorageSync(`yz.${key}`);
      } catch {
        // already gone
      }
    },
  };
}
