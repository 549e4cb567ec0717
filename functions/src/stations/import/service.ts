import {
  changedFieldsText,
  IMPORT_OUTCOMES,
  regionContains,
  Station,
  STATION_VERSION_CONFLICT,
  stationChanges,
  toShanghaiIso,
  newStation,
  type ImportOutcome,
  type ImportReport,
  type ImportRow,
} from '@yz/shared';
import { AppError, badRequest } from '../../platform/errors';
import { mapPool } from '../../platform/pool';
import { normaliseAddress, normaliseName, stationKey } from '../identity';
import { newStationId, normaliseHours, type Actor, type StationKeeping } from '../station-writes';
import type { StationLookups } from '../store';
import { decodeCsvBytes } from './decode';
import { draftFromRecord, readSheet, type RowDraft, type SheetRecord } from './rows';

/**
 * Importing a station list (批量导入). Each row becomes a new station, an update of the station it
 * describes (same 编号, or same district, name and address), or nothing; rows that cannot be read are
 * refused with the reason. A row changes only what it says: an empty cell never wipes what a host
 * entered. Running the same list twice changes nothing the second time. Every write goes through
 * StationKeeping, so it is versioned and leaves a history entry like any other change.
 */

export interface ImportOptions {
  /** Every row must be in this province, city or district; a district code also fills empty district cells. */
  regionCode: string;
  dryRun: boolean;
  actor: Actor;
  now: Date;
  /** Refuse files with more rows than this (the API's limit); no limit when absent. */
  maxRows?: number;
  /** Rows written at the same time. */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Rows looked up together: one BatchGet of ids and one of identity keys per chunk. */
const CHUNK = 100;
const DEFAULT_CONCURRENCY = 8;
/** New stations per transaction: three items each (station, identity key, history), at most 100 items. */
const CREATE_BATCH = 25;

const NEEDS_LOCATION = '按“待定位”处理，定位前不在地图上显示';

/** The station a row describes, given the station it matches (or none): pure, and the same every run. */
export function applyDraft(existing: Station | null, draft: RowDraft, now: string, id: string): { station: Station; flags: string[] } {
  const flags = [...draft.flags];
  const base: Station =
    existing ?? newStation({ id, name: draft.name, address: draft.address, district: draft.district, location: null, type: draft.type ?? draft.guessedType, status: 'needs_location' }, now);
  // The same name or address written another way (spaces, full-width digits, the county in front) is
  // not a change: the station keeps the text it has.
  const sameName = existing !== null && normaliseName(existing.name) === normaliseName(draft.name);
  const sameAddress =
    existing !== null &&
    existing.district.code === draft.district.code &&
    normaliseAddress(existing.address, existing.district.code) === normaliseAddress(draft.address, draft.district.code);
  const next: Station = {
    ...base,
    name: sameName ? base.name : draft.name,
    address: sameAddress ? base.address : draft.address,
    district: draft.district,
    amenities: { ...base.amenities },
  };
  if (draft.location) next.location = draft.location;
  else if (draft.locationProblem) flags.push(next.location ? `${draft.locationProblem}，保留原来的位置` : `${draft.locationProblem}：${NEEDS_LOCATION}`);
  else if (!next.location) flags.push(`没有经纬度：${NEEDS_LOCATION}`);
  if (next.status === 'inactive') flags.push('这个驿站已停用，导入只更新信息，不会重新启用');
  else next.status = next.location ? 'active' : 'needs_location';
  if (draft.hours?.kind === 'hours') {
    next.hours = normaliseHours(draft.hours.hours);
    next.hoursNote = null;
  } else if (draft.hours?.kind === 'note') {
    next.hoursNote = draft.hours.note;
  }
  if (draft.phones !== undefined) next.phones = draft.phones;
  if (draft.type) next.type = draft.type;
  for (const a of draft.amenitiesYes) next.amenities[a] = 'yes';
  for (const a of draft.amenitiesNo) next.amenities[a] = 'no';
  if (draft.hostOrganisation !== undefined) next.hostOrganisation = draft.hostOrganisation;
  if (draft.notice !== undefined) next.notice = draft.notice;
  return { station: next, flags };
}

type Planned =
  | { kind: 'reject'; row: ImportRow }
  | { kind: 'create'; draft: RowDraft; station: Station; flags: string[] }
  | { kind: 'update'; draft: RowDraft; existing: Station; station: Station; flags: string[] }
  | { kind: 'same'; draft: RowDraft; existing: Station; flags: string[] };

const rejected = (row: number, reasons: string[], name: string | null, stationId: string | null = null): ImportRow => ({
  row,
  outcome: 'rejected',
  change: 'none',
  reasons,
  warnings: [],
  stationId,
  name,
});

/**
 * How the importer writes: StationKeeping's versioned inserts and changes, so an import is checked and
 * recorded like any other change. In the functions it is StationKeeping over the DynamoDB store; the
 * unit tests run the same StationKeeping over an in-memory store (tests/unit/adapters/station-store.ts).
 */
export type ImportWrites = Pick<StationKeeping, 'insertMany' | 'change'>;

export class StationImporter {
  constructor(private readonly deps: { store: StationLookups; keeping: ImportWrites }) {}

  /** A CSV file as uploaded: UTF-8 or GBK, Chinese or English headers. */
  async importFile(bytes: Uint8Array, opts: ImportOptions): Promise<ImportReport> {
    const { text, encoding } = decodeCsvBytes(bytes);
    const sheet = readSheet(text);
    if (opts.maxRows !== undefined && sheet.records.length > opts.maxRows) {
      throw badRequest(
        'IMPORT_TOO_MANY_ROWS',
        `这个文件有 ${sheet.records.length} 行，每次最多导入 ${opts.maxRows} 行。请分成几个文件导入，或用命令行导入（npm run import:stations）`,
      );
    }
    return this.importRecords(sheet.records, opts, { encoding, recognised: sheet.columns.recognised, ignored: sheet.columns.ignored });
  }

  async importRecords(
    records: SheetRecord[],
    opts: ImportOptions,
    meta: { encoding: string; recognised: Record<string, string>; ignored: string[] } = { encoding: 'utf-8', recognised: {}, ignored: [] },
  ): Promise<ImportReport> {
    const at = toShanghaiIso(opts.now);
    const results = new Map<number, ImportRow>();
    const drafts: RowDraft[] = [];
    for (const { row, record, refusal } of records) {
      if (refusal !== undefined) {
        results.set(row, rejected(row, [refusal], record.name?.trim() || null));
        continue;
      }
      const result = draftFromRecord(row, record, opts.regionCode);
      if (result.ok) drafts.push(result.draft);
      else results.set(row, rejected(row, result.reasons, result.name));
    }
    let done = results.size;
    const total = records.length;
    opts.onProgress?.(done, total);
    /** Which row already claimed a station (by id or identity key): a list naming one station twice is ambiguous. */
    const claimed = new Map<string, number>();

    for (let i = 0; i < drafts.length; i += CHUNK) {
      const chunk = drafts.slice(i, i + CHUNK);
      const keys = chunk.map((d) => stationKey(d));
      const owners = await this.deps.store.keyOwners(keys);
      const ids = [...chunk.map((d) => d.id), ...owners.values()].filter((x): x is string => x !== null);
      const stations = await this.deps.store.getMany(ids);

      const planned: Planned[] = chunk.map((draft, k) => {
        const key = keys[k]!;
        const owner = owners.get(key) ?? null;
        let existing: Station | null = null;
        if (draft.id) {
          existing = stations.get(draft.id) ?? null;
          if (owner && owner !== draft.id) {
            return { kind: 'reject', row: rejected(draft.row, [`名称和地址与已有驿站 ${owner} 相同，但编号是 ${draft.id}，请核对编号`], draft.name) };
          }
        } else if (owner) {
          existing = stations.get(owner) ?? null;
        }
        const targetId = existing?.id ?? draft.id;
        for (const claim of [key, targetId]) {
          const earlier = claim ? claimed.get(claim) : undefined;
          if (earlier !== undefined) {
            return { kind: 'reject', row: rejected(draft.row, [`与第 ${earlier} 行是同一个驿站（编号或名称、地址相同），只导入了第 ${earlier} 行`], draft.name, targetId) };
          }
        }
        claimed.set(key, draft.row);
        if (targetId) claimed.set(targetId, draft.row);
        if (existing && !regionContains(opts.regionCode, existing.district.code)) {
          return { kind: 'reject', row: rejected(draft.row, [`编号 ${existing.id} 的驿站在${existing.district.name}，不在本次导入的地区内`], draft.name, existing.id) };
        }
        const { station, flags } = applyDraft(existing, draft, at, draft.id ?? newStationId());
        const checked = Station.safeParse(station);
        if (!checked.success) return { kind: 'reject', row: rejected(draft.row, checked.error.issues.map((x) => x.message), draft.name) };
        if (!existing) return { kind: 'create', draft, station: checked.data, flags };
        if (stationChanges(existing, checked.data).length === 0) return { kind: 'same', draft, existing, flags };
        return { kind: 'update', draft, existing, station: checked.data, flags };
      });

      // New stations go a batch to a transaction; updates one by one (each conditional on its version).
      type CreatePlan = Extract<Planned, { kind: 'create' }>;
      const creates = planned.filter((p): p is CreatePlan => p.kind === 'create');
      const jobs: (() => Promise<ImportRow[]>)[] = planned.filter((p) => p.kind !== 'create').map((plan) => async () => [await this.carryOut(plan, opts, at)]);
      for (let b = 0; b < creates.length; b += CREATE_BATCH) {
        const batch = creates.slice(b, b + CREATE_BATCH);
        jobs.push(() => this.createBatch(batch, opts));
      }
      await mapPool(jobs, opts.concurrency ?? DEFAULT_CONCURRENCY, async (job) => {
        for (const row of await job()) {
          results.set(row.row, row);
          done += 1;
        }
        opts.onProgress?.(done, total);
      });
    }

    const rows = [...results.values()].sort((a, b) => a.row - b.row);
    const totals = Object.fromEntries(IMPORT_OUTCOMES.map((o) => [o, 0])) as Record<ImportOutcome, number>;
    for (const r of rows) totals[r.outcome] += 1;
    const withWarnings = rows.filter((r) => r.outcome !== 'rejected' && r.warnings.length > 0).length;
    return { dryRun: opts.dryRun, encoding: meta.encoding, columns: { recognised: meta.recognised, ignored: meta.ignored }, totals, withWarnings, rows };
  }

  private async createBatch(batch: Extract<Planned, { kind: 'create' }>[], opts: ImportOptions): Promise<ImportRow[]> {
    const written = opts.dryRun ? batch.map((p) => p.station) : await this.deps.keeping.insertMany(opts.actor, batch.map((p) => p.station), 'import', opts.now);
    return batch.map(({ draft, station, flags }, i) => {
      const result = written[i];
      if (result instanceof AppError) return rejected(draft.row, [result.message], draft.name, draft.id);
      return {
        row: draft.row,
        name: draft.name,
        outcome: 'imported',
        change: 'created',
        reasons: [],
        warnings: flags,
        stationId: draft.id ?? (opts.dryRun ? null : station.id),
      };
    });
  }

  private async carryOut(plan: Planned, opts: ImportOptions, at: string): Promise<ImportRow> {
    if (plan.kind === 'reject') return plan.row;
    const { draft, flags } = plan;
    const base = { row: draft.row, name: draft.name };
    if (plan.kind === 'same') {
      return { ...base, outcome: 'unchanged', change: 'none', reasons: [], warnings: flags, stationId: plan.existing.id };
    }
    if (plan.kind === 'create') return (await this.createBatch([plan], opts))[0]!;
    const changes = stationChanges(plan.existing, plan.station);
    if (!opts.dryRun) {
      // Applied to the station as it is when written: a host's edit made meanwhile is kept, not overwritten.
      const apply = (current: Station) => applyDraft(current, draft, at, current.id).station;
      try {
        await this.deps.keeping.change(opts.actor, plan.existing.id, plan.existing.version, 'import', apply, opts.now);
      } catch (error) {
        const current = error instanceof AppError && error.code === STATION_VERSION_CONFLICT ? (error.extra.current as Station | undefined) : undefined;
        if (!current) return rejected(draft.row, [this.writeFailure(error)], draft.name, plan.existing.id);
        try {
          await this.deps.keeping.change(opts.actor, current.id, current.version, 'import', apply, opts.now);
        } catch (again) {
          return rejected(draft.row, [this.writeFailure(again)], draft.name, plan.existing.id);
        }
      }
    }
    return {
      ...base,
      outcome: 'updated',
      change: 'updated',
      reasons: [`更新了${changedFieldsText(changes)}`],
      warnings: flags,
      stationId: plan.existing.id,
    };
  }

  private writeFailure(error: unknown): string {
    if (error instanceof AppError) return error.message;
    throw error;
  }
}
