import type { AuditInput } from '../../../functions/src/platform/audit';
import { WriteRefused } from '../../../functions/src/platform/transaction';
import { statusKeyOf, type FileItem, type FileListFilter, type HardshipStore, type HardshipWrite } from '../../../functions/src/hardship/store-port';

/**
 * HardshipStore in memory, for the rules of hardship files: a commit checks every write against the
 * state before it and applies all or none (TransactWriteItems), with the DynamoDB adapter's conditions
 * one for one (functions/src/hardship/store.ts). Items are copied in and out.
 */
export class InMemoryHardshipStore implements HardshipStore {
  readonly files = new Map<string, FileItem>();
  /** ID claims: keyed hash → the file holding it. */
  readonly claims = new Map<string, { fileId: string; at: string }>();
  /** Accounts: id → the file they are bound to (null: none). */
  readonly users = new Map<string, string | null>();
  /** Audit entries committed with their change. */
  readonly audit: AuditInput[] = [];

  addUser(userId: string): void {
    this.users.set(userId, null);
  }

  async get(id: string) {
    const file = this.files.get(id);
    return file ? structuredClone(file) : null;
  }

  async fileIdOfUser(userId: string) {
    return this.users.get(userId) ?? null;
  }

  async fileIdOfCard(cardTokenId: string) {
    return [...this.files.values()].find((f) => f.cardTokenId === cardTokenId)?.id ?? null;
  }

  async commit(writes: HardshipWrite[]): Promise<void> {
    writes.forEach((w, index) => this.check(w, index));
    for (const w of writes) this.apply(w);
  }

  private check(w: HardshipWrite, index: number): void {
    switch (w.kind) {
      case 'filePut':
        if (this.files.has(w.item.id)) throw new WriteRefused(index);
        return;
      case 'claimPut': {
        const held = this.claims.get(w.idHash);
        if (held) throw new WriteRefused(index, { ...held });
        return;
      }
      case 'claimDelete':
        if (this.claims.get(w.idHash)?.fileId !== w.fileId) throw new WriteRefused(index);
        return;
      case 'userBindsTo':
        if (!this.users.has(w.userId) || this.users.get(w.userId) !== null) throw new WriteRefused(index);
        return;
      case 'fileUpdate': {
        const now = this.files.get(w.file.id);
        if (!now || now.status !== w.file.status || now.version !== w.file.version) throw new WriteRefused(index);
        return;
      }
      case 'cardUpdate': {
        const now = this.files.get(w.fileId);
        if (!now || !w.statuses.includes(now.status)) throw new WriteRefused(index);
        return;
      }
      case 'audit':
        return;
    }
  }

  private apply(w: HardshipWrite): void {
    switch (w.kind) {
      case 'filePut':
        this.files.set(w.item.id, structuredClone(w.item));
        return;
      case 'claimPut':
        this.claims.set(w.idHash, { fileId: w.fileId, at: w.at });
        return;
      case 'claimDelete':
        this.claims.delete(w.idHash);
        return;
      case 'userBindsTo':
        this.users.set(w.userId, w.fileId);
        return;
      case 'fileUpdate': {
        const current = this.files.get(w.file.id) as FileItem;
        const status = w.to ?? current.status;
        const next: Record<string, unknown> = { ...structuredClone(current), ...structuredClone(w.set ?? {}) };
        for (const key of w.remove ?? []) delete next[key];
        const file = next as unknown as FileItem;
        file.status = status;
        file.version = current.version + 1;
        file.statusKey = statusKeyOf(status, w.now, file.id);
        file.updatedAt = w.at;
        if (w.entry) file.timeline = [...file.timeline, w.entry];
        if (w.append) {
          file.assistance = [...file.assistance, w.append.assistance];
          file.assistanceTotalFen += w.append.assistance.amountFen;
        }
        this.files.set(file.id, file);
        return;
      }
      case 'cardUpdate': {
        const file = this.files.get(w.fileId) as FileItem;
        if (w.card) Object.assign(file, { cardTokenId: w.card.id, cardIssuedAt: w.card.issuedAt });
        else {
          delete file.cardTokenId;
          delete file.cardIssuedAt;
        }
        return;
      }
      case 'audit':
        this.audit.push(structuredClone(w.entry));
        return;
    }
  }

  /** The region index in statusKey order: waiting applications oldest first, the rest newest first; the cursor is an offset. */
  async list(filter: FileListFilter) {
    const regionOf = (f: FileItem) => (filter.regionCode.length === 6 ? f.districtCode : filter.regionCode.length === 4 ? f.cityCode : f.provinceCode);
    const forward = filter.status === 'applied';
    const rows = [...this.files.values()]
      .filter((f) => regionOf(f) === filter.regionCode && (filter.status === 'all' || f.status === filter.status))
      .sort((a, b) => (forward ? 1 : -1) * a.statusKey.localeCompare(b.statusKey));
    const start = filter.cursor ? Number(filter.cursor) : 0;
    const items = rows.slice(start, start + filter.limit).map((f) => structuredClone(f));
    const end = start + items.length;
    return { items, nextCursor: end < rows.length ? String(end) : null };
  }
}
