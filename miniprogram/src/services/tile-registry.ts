import type { TileClient } from '@yz/shared/tile-client';

/**
 * The app's tile client for pages outside the main package (离线数据 in pkg-me). They reach it here
 * rather than through services/tiles, so the tile code stays one concatenated module inside the
 * finder's chunk (the weapp main package budget): importing services/tiles from a subpackage made
 * every tile module a separate shared one. services/tiles registers it when first loaded, which the
 * finder (the first tab, where the way to 离线数据 is) always does first.
 */
let current: (() => TileClient) | null = null;

export function registerTileClient(client: () => TileClient): void {
  current = client;
}

export function tileClient(): TileClient {
  if (!current) throw new Error('no tile client yet');
  return current();
}
