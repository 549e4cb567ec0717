import type { TileStore } from '@yz/shared/tile-client';

/**
 * Tiles kept in IndexedDB in the browser (localStorage holds only ~5 MB of text); a browser without
 * it (private windows in some) keeps them in memory for the session.
 */
const DB = 'yz-tiles';
const STORE = 'files';

function open(): Promise<IDBDatabase | null> {
  return new Promise((resolve) => {
    if (typeof indexedDB === 'undefined') return resolve(null);
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => resolve(null);
  });
}

export function tileStore(): TileStore {
  const memory = new Map<string, string>();
  const db = open();
  const run = <T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest<T>) =>
    db.then(
      (d) =>
        new Promise<T | null>((resolve) => {
          if (!d) return resolve(null);
          const req = op(d.transaction(STORE, mode).objectStore(STORE));
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => resolve(null);
        }),
    );
  return {
    get: async (key) => memory.get(key) ?? ((await run<string | undefined>('readonly', (s) => s.get(key) as IDBRequest<string | undefined>)) || null),
    set: async (key, value) => {
      memory.set(key, value);
      await run('readwrite', (s) => s.put(value, key));
    },
    remove: async (key) => {
      memory.delete(key);
      await run('readwrite', (s) => s.delete(key));
    },
  };
}
