import type { QueuedMessage } from '../../../functions/src/platform/outbox';
import { WriteRefused } from '../../../functions/src/platform/transaction';
import type {
  RankFilter,
  StationRef,
  VolunteerItem,
  WallQuery,
  WishItem,
  WishPage,
  WishStore,
  WishWrite,
} from '../../../functions/src/wishes/store-port';

/**
 * WishStore in memory, for the rules of wishes: a commit checks every write against the state before
 * it and applies all or none (TransactWriteItems), with the DynamoDB adapter's conditions one for one
 * (functions/src/wishes/store.ts). The lists follow the indexes' keys and order (functions/src/wishes/
 * tables.ts): a wish is in an index only while it carries the index's key attributes. Items are copied
 * in and out.
 */
export class InMemoryWishStore implements WishStore {
  readonly wishes = new Map<string, WishItem>();
  /** Active wishes per worker (the `quota#<userId>` items). */
  readonly quota = new Map<string, number>();
  /** Wishes on the wall per city (the `wallcity#<code>` items). */
  readonly wallCounts = new Map<string, number>();
  readonly volunteerItems = new Map<string, VolunteerItem>();
  /** Accounts: id → the hardship file they are bound to (null: none) and the volunteer flag. */
  readonly users = new Map<string, { fileId: string | null; volunteer: boolean }>();
  readonly stationRefs = new Map<string, StationRef>();
  /** Messages committed with their change, in commit order. */
  readonly outbox: QueuedMessage[] = [];

  addUser(userId: string, fileId: string | null = null): void {
    this.users.set(userId, { fileId, volunteer: false });
  }

  async get(id: string) {
    if (!id.startsWith('w_')) return null;
    const w = this.wishes.get(id);
    return w ? structuredClone(w) : null;
  }

  async commit(writes: WishWrite[]): Promise<void> {
    writes.forEach((w, index) => this.check(w, index));
    for (const w of writes) this.apply(w);
  }

  private check(w: WishWrite, index: number): void {
    switch (w.kind) {
      case 'replace': {
        const now = this.wishes.get(w.next.id);
        if (!now || now.status !== w.expected.status || now.version !== w.expected.version) throw new WriteRefused(index, now ? structuredClone(now) as unknown as Record<string, unknown> : undefined);
        return;
      }
      case 'create':
        if (this.wishes.has(w.item.id)) throw new WriteRefused(index);
        return;
      case 'quotaTake':
        if ((this.quota.get(w.userId) ?? 0) >= w.max) throw new WriteRefused(index);
        return;
      case 'userBecomesVolunteer':
        if (!this.users.has(w.userId)) throw new WriteRefused(index);
        return;
      default:
        return;
    }
  }

  private apply(w: WishWrite): void {
    switch (w.kind) {
      case 'replace':
        this.wishes.set(w.next.id, structuredClone(w.next));
        return;
      case 'create':
        this.wishes.set(w.item.id, structuredClone(w.item));
        return;
      case 'quotaTake':
        this.quota.set(w.userId, (this.quota.get(w.userId) ?? 0) + 1);
        return;
      case 'quotaRelease':
        this.quota.set(w.userId, (this.quota.get(w.userId) ?? 0) - 1);
        return;
      case 'wallCityAdd':
        this.wallCounts.set(w.cityCode, (this.wallCounts.get(w.cityCode) ?? 0) + w.delta);
        return;
      case 'volunteerPut':
        this.volunteerItems.set(w.item.userId, structuredClone(w.item));
        return;
      case 'userBecomesVolunteer':
        (this.users.get(w.userId) as { volunteer: boolean }).volunteer = true;
        return;
      case 'notify':
        this.outbox.push(structuredClone(w.message));
        return;
    }
  }

  /** Rows of one index partition, sorted on its sort key; `pick` is the partition test. */
  private index(pick: (w: WishItem) => boolean, sortKey: (w: WishItem) => string | undefined, forward: boolean): WishItem[] {
    return [...this.wishes.values()]
      .filter((w) => pick(w) && sortKey(w) !== undefined)
      .sort((a, b) => (forward ? 1 : -1) * String(sortKey(a)).localeCompare(String(sortKey(b))))
      .map((w) => structuredClone(w));
  }

  private static page(rows: WishItem[], limit: number, cursor?: string): WishPage {
    const start = cursor ? Number(cursor) : 0;
    const items = rows.slice(start, start + limit);
    const end = start + items.length;
    return { items, nextCursor: end < rows.length ? String(end) : null };
  }

  async wallPage(q: WallQuery) {
    const inPartition = (w: WishItem) => (q.bucket === 'all' ? w.wall === 'wall' : w.wallBucket === q.bucket);
    const rows = this.index(inPartition, (w) => w.wallSort, false).filter(
      (w) => (!q.category || w.category === q.category) && (!q.city || w.cityCode === q.city),
    );
    return InMemoryWishStore.page(rows, q.limit, q.cursor);
  }

  async wallCities() {
    return [...this.wallCounts.entries()]
      .filter(([, n]) => n > 0)
      .map(([code]) => code)
      .sort();
  }

  private inRegion(regionCode: string, filter: RankFilter = {}) {
    const regionOf = (w: WishItem) => (regionCode.length === 6 ? w.districtCode : regionCode.length === 4 ? w.cityCode : w.provinceCode);
    return this.index((w) => regionOf(w) === regionCode, (w) => w.statusKey, true).filter(
      (w) => (!filter.begins || w.statusKey.startsWith(filter.begins)) && (!filter.before || w.statusKey < filter.before),
    );
  }

  async region(regionCode: string, filter?: RankFilter) {
    return this.inRegion(regionCode, filter);
  }

  async regionPage(regionCode: string, filter: RankFilter, limit: number, cursor?: string) {
    return InMemoryWishStore.page(this.inRegion(regionCode, filter), limit, cursor);
  }

  async byUser(userId: string) {
    return this.index((w) => w.userId === userId, (w) => w.postedAt, false);
  }

  async byClaimant(userId: string) {
    return this.index((w) => w.claimantId === userId, (w) => w.claimedAt, false);
  }

  async byStation(stationId: string) {
    return this.index((w) => w.stationId === stationId, (w) => w.postedAt, false);
  }

  async due(nowUtc: string, limit: number) {
    return this.index((w) => w.dueQueue === 'claims' && (w.dueAt ?? '') <= nowUtc, (w) => w.dueAt, true).slice(0, limit);
  }

  async stations(ids: string[]) {
    return new Map(ids.flatMap((id) => (this.stationRefs.has(id) ? [[id, { ...(this.stationRefs.get(id) as StationRef) }] as const] : [])));
  }

  async getVolunteer(userId: string) {
    const v = this.volunteerItems.get(userId);
    return v ? structuredClone(v) : null;
  }

  async volunteers(userIds: string[]) {
    return new Map(userIds.flatMap((id) => (this.volunteerItems.has(id) ? [[id, structuredClone(this.volunteerItems.get(id) as VolunteerItem)] as const] : [])));
  }

  async boundFileId(userId: string) {
    return this.users.get(userId)?.fileId ?? null;
  }
}
