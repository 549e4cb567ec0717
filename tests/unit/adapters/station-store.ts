import type { Station, StationHistoryEntry } from '@yz/shared';
import { stationKey } from '../../../functions/src/stations/identity';
import { StationWriteRefused, type StationStore, type StationWrite } from '../../../functions/src/stations/store';
import { MemoryTable, offsetPage } from './memory-table';

/**
 * StationStore in memory, for the rules that write stations through StationKeeping (the importer's):
 * stations by id, identity keys by owner, history entries in order. The conditions are the DynamoDB adapter's
 * (functions/src/stations/store.ts write/createMany): a new station needs a free id and a free identity,
 * a change needs the version it was based on, and a batch is written all or nothing. The reads the
 * importer does not use are not here.
 */
export class InMemoryStationStore implements StationStore {
  readonly stations = new MemoryTable<Station>();
  /** Identity key → the station holding it. */
  readonly keys = new Map<string, string>();
  readonly entries: StationHistoryEntry[] = [];
  /** Runs once after the next `getMany`: another writer's change landing between a read and a write. */
  meanwhile: (() => void) | null = null;

  /** Puts stations as they are (the raw load), keys included. */
  async putMany(stations: Station[]) {
    for (const s of stations) {
      this.stations.put(s.id, s);
      this.keys.set(stationKey(s), s.id);
    }
  }

  async get(id: string) {
    return this.stations.get(id);
  }

  async getMany(ids: string[]) {
    const found = new Map(ids.flatMap((id) => this.stations.get(id) ?? []).map((s) => [s.id, s]));
    const then = this.meanwhile;
    this.meanwhile = null;
    then?.();
    return found;
  }

  async keyOwners(keys: string[]) {
    return new Map(keys.flatMap((k) => (this.keys.has(k) ? [[k, this.keys.get(k)!] as const] : [])));
  }

  /** Why `change` may not be written now; null when it may. */
  private refusal({ before, after }: StationWrite): StationWriteRefused | null {
    const current = this.stations.get(after.id);
    if (!before && current) return new StationWriteRefused('idTaken', null, after.id);
    if (before && !current) return new StationWriteRefused('missing', null);
    if (before && current && current.version !== before.version) return new StationWriteRefused('stale', current);
    const owner = this.keys.get(stationKey(after));
    if (owner !== undefined && owner !== after.id) return new StationWriteRefused('duplicate', null, owner);
    return null;
  }

  private apply({ before, after, entry }: StationWrite): void {
    this.stations.put(after.id, after);
    if (before && stationKey(before) !== stationKey(after)) this.keys.delete(stationKey(before));
    this.keys.set(stationKey(after), after.id);
    this.entries.push(structuredClone(entry));
  }

  async write(change: StationWrite) {
    const refused = this.refusal(change);
    if (refused) throw refused;
    this.apply(change);
    return structuredClone(change.after);
  }

  async createMany(changes: StationWrite[]) {
    const keys = new Set(changes.map((c) => stationKey(c.after)));
    // One transaction: any taken id or identity (or one named twice in the batch) refuses the whole batch.
    if (keys.size < changes.length || changes.some((c) => this.refusal(c))) throw new StationWriteRefused('duplicate', null, null);
    for (const c of changes) this.apply(c);
  }

  inRange(): never {
    return unused('inRange');
  }
  districtPage(): never {
    return unused('districtPage');
  }
  listByRegion(): never {
    return unused('listByRegion');
  }
  hosts(): never {
    return unused('hosts');
  }
  healthFacts(): never {
    return unused('healthFacts');
  }
  async history(id: string, limit: number, cursor?: string) {
    return offsetPage(this.entries.filter((e) => e.stationId === id).reverse().map((e) => structuredClone(e)), limit, cursor);
  }
}

function unused(method: string): never {
  throw new Error(`InMemoryStationStore.${method} is not in memory: the rules tested here do not read it`);
}
