import type { TileStore } from './tile-client';

/**
 * The content-named tile files kept on the phone, bounded: WeChat gives a mini-program about 10 MB of
 * storage in all, shared with the session, drafts and the last lists. Files are dropped least
 * recently used first once they pass the byte budget, except the files of districts the worker saved
 * for offline use (下载本区县离线数据), which stay until the worker removes the district. A dropped
 * file is fetched again when a search needs it (its name never changes, so nothing goes stale).
 */

/** What stored tiles may take: half of WeChat's 10 MB, leaving room for everything else the app keeps. */
export const TILE_STORE_BUDGET_BYTES = 5 * 1024 * 1024;

/** Bytes of a text as UTF-8, as the storage counts it (tiles are mostly Chinese: 3 bytes a character). */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    // A surrogate pair is one 4-byte character: 2 for each half.
    else if (c >= 0xd800 && c <= 0xdfff) bytes += 2;
    else bytes += 3;
  }
  return bytes;
}

const USAGE_KEY = 'tiles:usage';
const fileKey = (name: string) => `tiles:${name}`;

/** Per file: its size and when a search last read it (epoch ms). */
type Usage = Record<string, [bytes: number, usedAt: number]>;

export class TileCache {
  private usage: Map<string, { bytes: number; usedAt: number }> | null = null;
  private dirty = false;

  constructor(
    private readonly store: TileStore,
    /** The names that are never dropped: the saved districts' files. */
    private readonly pinned: () => Promise<ReadonlySet<string>>,
    private readonly clock: () => number,
    private readonly budget = TILE_STORE_BUDGET_BYTES,
  ) {}

  private async loaded(): Promise<Map<string, { bytes: number; usedAt: number }>> {
    if (!this.usage) {
      const text = await this.store.get(USAGE_KEY);
      const usage = text ? (JSON.parse(text) as Usage) : {};
      this.usage = new Map(Object.entries(usage).map(([name, [bytes, usedAt]]) => [name, { bytes, usedAt }]));
    }
    return this.usage;
  }

  async get(name: string): Promise<string | null> {
    const text = await this.store.get(fileKey(name));
    const usage = await this.loaded();
    if (text === null) {
      // Gone from the store (cleared by WeChat, or never kept because storage was full).
      if (usage.delete(name)) this.dirty = true;
      return null;
    }
    usage.set(name, { bytes: usage.get(name)?.bytes ?? utf8Bytes(text), usedAt: this.clock() });
    this.dirty = true;
    return text;
  }

  /** Keeps a file, then drops the least recently used unpinned ones while the total is over budget. */
  async put(name: string, text: string): Promise<void> {
    const usage = await this.loaded();
    await this.store.set(fileKey(name), text);
    usage.set(name, { bytes: utf8Bytes(text), usedAt: this.clock() });
    let total = 0;
    for (const u of usage.values()) total += u.bytes;
    if (total > this.budget) {
      const pinned = await this.pinned();
      const oldest = [...usage.entries()].filter(([n]) => n !== name && !pinned.has(n)).sort(([, a], [, b]) => a.usedAt - b.usedAt);
      for (const [victim, u] of oldest) {
        if (total <= this.budget) break;
        await this.store.remove(fileKey(victim));
        usage.delete(victim);
        total -= u.bytes;
      }
    }
    this.dirty = true;
  }

  async remove(name: string): Promise<void> {
    await this.store.remove(fileKey(name));
    if ((await this.loaded()).delete(name)) this.dirty = true;
  }

  /**
   * Writes the sizes and last-use times, once a search, browse or download is done rather than on
   * every file (wx storage writes are synchronous). A file kept before a crash and never listed is
   * listed again the next time it is read.
   */
  async flush(): Promise<void> {
    if (!this.dirty || !this.usage) return;
    this.dirty = false;
    const usage: Usage = {};
    for (const [name, u] of this.usage) usage[name] = [u.bytes, u.usedAt];
    await this.store.set(USAGE_KEY, JSON.stringify(usage));
  }
}
