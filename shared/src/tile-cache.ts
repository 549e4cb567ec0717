import type { TileStore } from './tile-client';

/**
 * The content-named tile files kept on the phone, bounded: WeChat gives a mini-program about 10 MB of
 * storage in all, shared with the session, drafts and the last lists. Files are dropped least
 * recently used first once they pass the budget, except the files of districts the worker saved
 * for offline use (下载本区县离线数据), which stay until the worker removes the district. A dropped
 * file is fetched again when a search needs it (its name never changes, so nothing goes stale).
 */

/**
 * What stored files may take, in characters (UTF-16 units, as a string's length counts them): about
 * 4 MB of UTF-8 for tiles (JSON, a third of it Chinese), under half of WeChat's 10 MB, leaving room
 * for everything else the app keeps.
 */
export const TILE_STORE_BUDGET_CHARS = 2_500_000;

const USAGE_KEY = 'tiles:usage';
const fileKey = (name: string) => `tiles:${name}`;

/** Per file: its length and when a search last read it (epoch ms). */
type Usage = Record<string, [bytes: number, usedAt: number]>;

export class TileCache {
  private usage: Usage | null = null;
  /** The usage changed since it was last written (a search over tiles held in memory changes nothing). */
  private dirty = false;

  constructor(
    private readonly store: TileStore,
    /** The names that are never dropped: the saved districts' files. */
    private readonly pinned: () => Promise<ReadonlySet<string>>,
    private readonly clock: () => number,
    private readonly budget = TILE_STORE_BUDGET_CHARS,
  ) {}

  private async loaded(): Promise<Usage> {
    return (this.usage ??= JSON.parse((await this.store.get(USAGE_KEY)) ?? '{}') as Usage);
  }

  /**
   * A kept file, marked as just used. A file gone from the store (cleared by WeChat, or never kept
   * because storage was full) keeps its entry until the budget drops it, as the least recently used.
   */
  async get(name: string): Promise<string | null> {
    const text = await this.store.get(fileKey(name));
    if (text !== null) {
      (await this.loaded())[name] = [text.length, this.clock()];
      this.dirty = true;
    }
    return text;
  }

  /** Keeps a file, then drops the least recently used unpinned ones while the total is over the budget. */
  async put(name: string, text: string): Promise<void> {
    const usage = await this.loaded();
    await this.store.set(fileKey(name), text);
    usage[name] = [text.length, this.clock()];
    this.dirty = true;
    let total = 0;
    for (const [length] of Object.values(usage)) total += length;
    if (total <= this.budget) return;
    const pinned = await this.pinned();
    for (const [victim, [length]] of Object.entries(usage).sort(([, a], [, b]) => a[1] - b[1])) {
      if (total <= this.budget) break;
      if (victim === name || pinned.has(victim)) continue;
      await this.remove(victim);
      total -= length;
    }
  }

  async remove(name: string): Promise<void> {
    await this.store.remove(fileKey(name));
    delete (await this.loaded())[name];
    this.dirty = true;
  }

  /**
   * Writes the lengths and last-use times, once a search, browse or download is done rather than on
   * every file (wx storage writes are synchronous), and only when they changed: a search over tiles
   * already in memory writes nothing. A file kept before a crash and never listed is listed again
   * the next time it is read.
   */
  async flush(): Promise<void> {
    if (!this.usage || !this.dirty) return;
    this.dirty = false;
    await this.store.set(USAGE_KEY, JSON.stringify(this.usage));
  }
}
