import { TileClient, type TileFetch, type TileStore } from '@yz/shared/tile-client';

/** GET /tiles/<path> the way the app does (fetch decompresses br/gzip as a phone's network stack would). */
export function httpTileFetch(baseUrl: string, sizes?: number[]): TileFetch {
  return async (path, etag) => {
    const res = await fetch(`${baseUrl}/tiles/${path}`, { headers: { 'accept-encoding': 'br, gzip', ...(etag ? { 'if-none-match': etag } : {}) } });
    if (res.status === 304) return { status: 304 };
    if (res.status === 404) return { status: 404 };
    if (res.status !== 200) throw new Error(`GET /tiles/${path}: ${res.status}`);
    const text = await res.text();
    sizes?.push(text.length);
    return { status: 200, text, etag: res.headers.get('etag') };
  };
}

export function memoryTileStore(): TileStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get: async (key) => map.get(key) ?? null,
    set: async (key, value) => {
      map.set(key, value);
    },
    remove: async (key) => {
      map.delete(key);
    },
  };
}

export const tileClientFor = (baseUrl: string, store: TileStore = memoryTileStore(), clock?: () => number) =>
  new TileClient(httpTileFetch(baseUrl), store, clock);
