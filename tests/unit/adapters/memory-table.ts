/**
 * One table of an in-memory adapter: rows by key, copied in and out, so a caller never edits the stored
 * state through a reference it holds (as with a database). The adapters build their conditions on it.
 */
export class MemoryTable<T> {
  private readonly rows = new Map<string, T>();

  get(key: string): T | null {
    const row = this.rows.get(key);
    return row === undefined ? null : structuredClone(row);
  }

  has(key: string): boolean {
    return this.rows.has(key);
  }

  put(key: string, row: T): void {
    this.rows.set(key, structuredClone(row));
  }

  /** Puts the row only where the key is free (attribute_not_exists); false when it is taken. */
  insert(key: string, row: T): boolean {
    if (this.rows.has(key)) return false;
    this.put(key, row);
    return true;
  }

  /** Changes the row in place; false (and nothing changed) when there is none. */
  update(key: string, change: (row: T) => void): boolean {
    const row = this.get(key);
    if (row === null) return false;
    change(row);
    this.put(key, row);
    return true;
  }

  delete(key: string): boolean {
    return this.rows.delete(key);
  }

  /** Copies of the rows that match, in insertion order. */
  where(match: (row: T) => boolean = () => true): T[] {
    return [...this.rows.values()].filter(match).map((row) => structuredClone(row));
  }
}

/** A page of `rows` from `cursor` (an offset, as text) on; the next cursor while rows remain. */
export function offsetPage<T>(rows: T[], limit: number, cursor?: string): { items: T[]; nextCursor: string | null } {
  const start = cursor ? Number(cursor) : 0;
  const items = rows.slice(start, start + limit);
  const end = start + items.length;
  return { items, nextCursor: end < rows.length ? String(end) : null };
}
