import { statusKeyOf, type ApplicationItem, type IdClaimItem, type MemberItem, type MembershipStore, type MembershipWrite, type QueueFilter } from '../../../functions/src/membership/store-port';
import type { QueuedMessage } from '../../../functions/src/platform/outbox';
import { WriteRefused } from '../../../functions/src/platform/transaction';

/**
 * MembershipStore in memory, for the service's rules: every write of a commit is checked against the
 * state before the commit, and only if all pass are they applied (DynamoDB's TransactWriteItems). The
 * conditions are the DynamoDB adapter's, one for one (functions/src/membership/store.ts). Items are
 * copied in and out, so a caller never edits the stored state by holding a reference.
 */
export class InMemoryMembershipStore implements MembershipStore {
  readonly applications = new Map<string, ApplicationItem>();
  readonly claims = new Map<string, IdClaimItem>();
  readonly members = new Map<string, MemberItem>();
  /** Accounts: present = exists; the value is the member flag. */
  readonly users = new Map<string, boolean>();
  /** Messages committed with their change, in commit order. */
  readonly outbox: QueuedMessage[] = [];
  private readonly seqs = new Map<string, number>();

  addUser(userId: string): void {
    this.users.set(userId, false);
  }

  async getApplication(id: string) {
    return copy(this.applications.get(id) ?? null);
  }

  async getClaim(idHash: string) {
    return copy(this.claims.get(idHash) ?? null);
  }

  async getMember(userId: string) {
    return copy(this.members.get(userId) ?? null);
  }

  async isMemberFlagged(userId: string) {
    return this.users.get(userId) === true;
  }

  async commit(writes: MembershipWrite[]): Promise<void> {
    writes.forEach((w, index) => this.check(w, index));
    for (const w of writes) this.apply(w);
  }

  private check(w: MembershipWrite, index: number): void {
    switch (w.kind) {
      case 'claimPut': {
        const held = this.claims.get(w.claim.idHash);
        if (held) throw new WriteRefused(index, { ...held });
        return;
      }
      case 'claimDelete':
      case 'claimBecomesMember':
        if (this.claims.get(w.idHash)?.applicationId !== w.applicationId) throw new WriteRefused(index);
        return;
      case 'applicationPut':
        if (this.applications.has(w.item.id)) throw new WriteRefused(index);
        return;
      case 'transition': {
        const now = this.applications.get(w.app.id);
        if (!now || now.status !== w.app.status || now.version !== w.app.version) throw new WriteRefused(index);
        return;
      }
      case 'memberPut':
        if (this.members.has(w.member.userId)) throw new WriteRefused(index);
        return;
      case 'userBecomesMember':
        if (!this.users.has(w.userId)) throw new WriteRefused(index);
        return;
      case 'notify':
        return;
    }
  }

  private apply(w: MembershipWrite): void {
    switch (w.kind) {
      case 'claimPut':
        this.claims.set(w.claim.idHash, { ...w.claim });
        return;
      case 'claimDelete':
        this.claims.delete(w.idHash);
        return;
      case 'claimBecomesMember': {
        const claim = this.claims.get(w.idHash) as IdClaimItem;
        this.claims.set(w.idHash, { ...claim, state: 'member', updatedAt: w.at });
        return;
      }
      case 'applicationPut':
        this.applications.set(w.item.id, structuredClone(w.item));
        return;
      case 'transition': {
        const next: Record<string, unknown> = {
          ...structuredClone(this.applications.get(w.app.id) as ApplicationItem),
          ...structuredClone(w.set),
        };
        for (const key of w.remove ?? []) delete next[key];
        const app = next as unknown as ApplicationItem;
        app.status = w.to;
        app.version = w.app.version + 1;
        app.statusKey = statusKeyOf(w.to, w.now, w.app.id);
        app.updatedAt = w.entry.at;
        app.timeline = [...app.timeline, w.entry];
        this.applications.set(app.id, app);
        return;
      }
      case 'memberPut':
        this.members.set(w.member.userId, structuredClone(w.member));
        return;
      case 'userBecomesMember':
        this.users.set(w.userId, true);
        return;
      case 'notify':
        this.outbox.push(structuredClone(w.message));
        return;
    }
  }

  async nextMemberSeq(districtCode: string, year: string) {
    const key = `${districtCode}#${year}`;
    const n = (this.seqs.get(key) ?? 0) + 1;
    this.seqs.set(key, n);
    return n;
  }

  async listByUser(userId: string) {
    return [...this.applications.values()]
      .filter((a) => a.userId === userId)
      .sort((a, b) => b.submittedAt.localeCompare(a.submittedAt))
      .slice(0, 20)
      .map((a) => structuredClone(a));
  }

  /** The region index's order (statusKey), its status prefix and date range; the cursor is an offset. */
  async queue(filter: QueueFilter) {
    const forward = filter.status === 'submitted';
    const inRegion = (a: ApplicationItem) => regionOf(a, filter.regionCode.length) === filter.regionCode;
    const matches = [...this.applications.values()]
      .filter(inRegion)
      .filter((a) => filter.status === 'all' || a.status === filter.status)
      .filter((a) => !filter.from || a.updatedAt >= filter.from)
      .filter((a) => !filter.to || a.updatedAt <= `${filter.to}~`)
      .filter((a) => !filter.occupation || a.occupation === filter.occupation)
      .sort((a, b) => (forward ? 1 : -1) * a.statusKey.localeCompare(b.statusKey));
    const start = filter.cursor ? Number(filter.cursor) : 0;
    const items = matches.slice(start, start + filter.limit).map((a) => structuredClone(a));
    const end = start + items.length;
    return { items, nextCursor: end < matches.length ? String(end) : null };
  }

  async listMembers(regionCode: string, max = 10_000) {
    return [...this.members.values()]
      .filter((m) => regionOf(m, regionCode.length) === regionCode)
      .slice(0, max)
      .map((m) => structuredClone(m));
  }
}

function regionOf(item: { districtCode: string; cityCode: string; provinceCode: string }, length: number): string {
  return length === 6 ? item.districtCode : length === 4 ? item.cityCode : item.provinceCode;
}

function copy<T>(item: T | null): T | null {
  return item === null ? null : structuredClone(item);
}
