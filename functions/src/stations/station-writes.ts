import { alphanumericId } from '../platform/ids';
import { lookupDistrict } from '../platform/regions';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  AMENITIES,
  canonicalJson,
  PHOTO_MAX_BYTES,
  regionContains,
  Station,
  STATION_VERSION_CONFLICT,
  stationChanges,
  toShanghaiIso,
  newStation,
  type Amenities,
  type Interval,
  type OpeningHours,
  type StationAction,
  type StationCreateBody,
  type StationHistoryEntry,
  type StationProfileBody,
  type UploadedFile,
} from '@yz/shared';
import { AppError, badRequest, conflict, forbidden, notFound } from '../platform/errors';
import type { Principal } from '../platform/users';
import { IMAGE_EXTENSIONS, sniffImage, type PhotoStore } from '../platform/photos';
import { StationWriteRefused, type StationStore } from './store';

/**
 * Keeping stations true (驿站维护): every change a host or staff member makes. Each change is based on a
 * version the caller read; it is written together with its history entry (who, when, each changed
 * field before and after) only if the station is still at that version. Otherwise the caller gets 409
 * with the station as it is now, and nothing is lost.
 */

/** Who makes a change and in what capacity; the importer acts as 'import'. */
export interface Actor {
  userId: string;
  role: StationHistoryEntry['actorRole'];
}

/** A signed-in user (their capacity decided per station) or a fixed actor such as the importer. */
export type Who = Actor | Principal;

/** The capacity a signed-in user acts in on a station: admin, staff of its region, or its host. */
export function actorFor(principal: Principal, districtCode: string): Actor {
  if (principal.isAdmin) return { userId: principal.userId, role: 'admin' };
  if (principal.staffScopes.some((scope) => regionContains(scope, districtCode))) return { userId: principal.userId, role: 'staff' };
  return { userId: principal.userId, role: 'host' };
}

function asActor(who: Who, districtCode: string): Actor {
  return 'role' in who ? who : actorFor(who, districtCode);
}

export const stationNotFound = () => notFound('STATION_NOT_FOUND', '没有找到这个驿站，它可能已被删除');

export function versionConflict(current: Station): AppError {
  return conflict(STATION_VERSION_CONFLICT, `这个驿站刚刚被其他人修改过（现在是第 ${current.version} 版），请重新载入后再保存`, { current });
}

export function duplicateStation(existingId: string | null): AppError {
  return conflict('STATION_DUPLICATE', '同一区县已有名称和地址都相同的驿站', existingId ? { existingId } : {});
}

/** Hours as stored: `overnight` only when true, reasons trimmed, so equal hours compare equal. */
export function normaliseHours(hours: OpeningHours | null): OpeningHours | null {
  if (!hours) return null;
  const interval = (i: Interval) => ({ open: i.open, close: i.close, ...(i.overnight ? { overnight: true } : {}) });
  const weekly = Object.fromEntries(Object.entries(hours.weekly).map(([day, list]) => [day, list === null ? null : list.map(interval)])) as OpeningHours['weekly'];
  const exceptions = hours.exceptions.map((e) => ({
    from: e.from,
    to: e.to,
    intervals: e.intervals.map(interval),
    ...(e.reason && e.reason.trim() !== '' ? { reason: e.reason.trim() } : {}),
  }));
  return { weekly, exceptions };
}

/** The status a station's location implies, for stations that are not deactivated. */
function statusFor(location: Station['location']): Station['status'] {
  return location ? 'active' : 'needs_location';
}

/** A new station's id: `st-` and 11 letters or digits (it goes into QR scenes and CSV files). */
export const newStationId = (): string => alphanumericId('st-', 8);

export class StationKeeping {
  constructor(
    private readonly deps: { store: StationStore; photos: PhotoStore },
  ) {}

  private get store() {
    return this.deps.store;
  }

  /**
   * The one way a station changes. `apply` computes the new station from the current one; nothing is
   * written when it changes nothing. Throws 404, 409 (stale version or duplicate identity).
   */
  async change(
    who: Who,
    id: string,
    expectedVersion: number,
    action: StationAction,
    apply: (current: Station) => Station,
    now: Date,
    note: string | null = null,
    /** Write (and record) even when no field changes: a confirmation is an event of its own. */
    always = false,
  ): Promise<Station> {
    const current = await this.store.get(id);
    if (!current) throw stationNotFound();
    if (current.version !== expectedVersion) throw versionConflict(current);
    const actor = asActor(who, current.district.code);
    const next = Station.parse({ ...apply(current), id: current.id, createdAt: current.createdAt });
    const changes = stationChanges(current, next);
    if (changes.length === 0 && !always) return current;
    const at = toShanghaiIso(now);
    const after: Station = { ...next, version: current.version + 1, updatedAt: at };
    const entry: StationHistoryEntry = {
      id: randomUUID(),
      stationId: id,
      at,
      actorId: actor.userId,
      actorRole: actor.role,
      action,
      version: after.version,
      changes,
      note,
    };
    try {
      return await this.store.write({ before: current, after, entry });
    } catch (error) {
      throw this.refusal(error);
    }
  }

  private refusal(error: unknown): unknown {
    if (!(error instanceof StationWriteRefused)) return error;
    if (error.reason === 'missing') return stationNotFound();
    if (error.reason === 'duplicate') return duplicateStation(error.duplicateOf);
    if (error.reason === 'idTaken') return conflict('STATION_ID_TAKEN', `编号 ${error.duplicateOf ?? ''} 已被另一个驿站使用`);
    return versionConflict(error.current!);
  }

  // Host sections ---------------------------------------------------------------------------------

  setHours(who: Who, id: string, expectedVersion: number, hours: OpeningHours | null, now: Date) {
    // Hours a person entered replace a list's unparsed note ("工作日开放"); clearing them keeps the note.
    return this.change(who, id, expectedVersion, 'hours', (s) => ({ ...s, hours: normaliseHours(hours), hoursNote: hours ? null : s.hoursNote }), now);
  }

  close(who: Who, id: string, expectedVersion: number, reason: string, until: string | null, now: Date) {
    if (until && Date.parse(until) <= now.getTime()) {
      throw badRequest('CLOSURE_UNTIL_PAST', '预计恢复开放的时间应晚于现在', { field: 'until' });
    }
    return this.change(who, id, expectedVersion, 'closure', (s) => ({ ...s, closure: { reason, since: toShanghaiIso(now), until } }), now, reason);
  }

  async reopen(who: Who, id: string, expectedVersion: number, now: Date) {
    return this.change(
      who,
      id,
      expectedVersion,
      'reopen',
      (s) => {
        if (!s.closure) throw new AppError(409, 'NOT_CLOSED', '这个驿站现在没有暂停开放');
        return { ...s, closure: null };
      },
      now,
    );
  }

  setNotice(who: Who, id: string, expectedVersion: number, notice: string | null, now: Date) {
    return this.change(who, id, expectedVersion, 'notice', (s) => ({ ...s, notice }), now);
  }

  setAmenities(who: Who, id: string, expectedVersion: number, amenities: Amenities, now: Date) {
    // Stored in one fixed order, so history shows them the way the page lists them.
    const ordered = Object.fromEntries(AMENITIES.map((a) => [a, amenities[a]])) as Amenities;
    return this.change(who, id, expectedVersion, 'amenities', (s) => ({ ...s, amenities: ordered }), now);
  }

  setPhones(who: Who, id: string, expectedVersion: number, phones: string[], now: Date) {
    const unique = [...new Set(phones.map((p) => p.trim()))];
    return this.change(who, id, expectedVersion, 'phones', (s) => ({ ...s, phones: unique }), now);
  }

  /** 信息无误: recorded every time, even twice in one second (when the time itself does not change). */
  verify(who: Who, id: string, expectedVersion: number, now: Date) {
    return this.change(who, id, expectedVersion, 'verify', (s) => ({ ...s, lastVerifiedAt: toShanghaiIso(now) }), now, null, true);
  }

  /**
   * A new photo: the bytes must really be a JPEG, PNG or WebP image of at most 2 MB. Stored under a new
   * key each time (old photos stay, so history can show them); removed again if the station write fails.
   */
  async uploadPhoto(who: Who, id: string, expectedVersion: number, file: UploadedFile, now: Date) {
    if (file.bytes.length > PHOTO_MAX_BYTES) {
      throw new AppError(413, 'PHOTO_TOO_LARGE', '照片不能超过 2 MB，请压缩后再上传', { field: 'file' });
    }
    const type = sniffImage(file.bytes);
    if (!type) throw badRequest('PHOTO_TYPE_UNSUPPORTED', '只支持 JPG、PNG 或 WebP 格式的照片', { field: 'file' });
    const current = await this.store.get(id);
    if (!current) throw stationNotFound();
    // Checked before the upload too, so a stale page does not store bytes for nothing.
    if (current.version !== expectedVersion) throw versionConflict(current);
    const key = `stations/${id}/${now.getTime()}-${randomBytes(4).toString('hex')}.${IMAGE_EXTENSIONS[type]}`;
    const url = await this.deps.photos.put(key, file.bytes, type);
    try {
      return await this.change(who, id, expectedVersion, 'photo', (s) => ({ ...s, photoUrl: url }), now);
    } catch (error) {
      await this.deps.photos.delete(key).catch(() => undefined);
      throw error;
    }
  }

  removePhoto(who: Who, id: string, expectedVersion: number, now: Date) {
    return this.change(who, id, expectedVersion, 'photo', (s) => ({ ...s, photoUrl: null }), now);
  }

  history(id: string, limit: number, cursor?: string) {
    return this.store.history(id, limit, cursor);
  }

  // Staff -------------------------------------------------------------------------------------------

  private district(code: string) {
    const district = lookupDistrict(code);
    if (!district) throw badRequest('DISTRICT_UNKNOWN', `区县代码 ${code} 不在地区表中，请核对`, { field: 'districtCode' });
    return district;
  }

  async create(actor: Actor, body: StationCreateBody, now: Date): Promise<Station> {
    const at = toShanghaiIso(now);
    const station = Station.parse({
      ...newStation(
        { id: newStationId(), name: body.name, address: body.address, district: this.district(body.districtCode), location: body.location, type: body.type, status: statusFor(body.location) },
        at,
      ),
      phones: [...new Set(body.phones)],
      hostOrganisation: body.hostOrganisation ?? null,
    } satisfies Station);
    return this.insert(actor, station, 'create', now);
  }

  /** Writes a new station with its first history entry (everything it holds, as "after"). */
  async insert(actor: Actor, station: Station, action: StationAction, now: Date, note: string | null = null): Promise<Station> {
    const entry = this.firstEntry(actor, station, action, now, note);
    try {
      return await this.store.write({ before: null, after: station, entry });
    } catch (error) {
      throw this.refusal(error);
    }
  }

  /**
   * New stations a batch at a time (an import): one transaction for the batch; if it is refused, each
   * station is tried alone so that only the ones really in conflict fail. One result per station.
   */
  async insertMany(actor: Actor, stations: Station[], action: StationAction, now: Date): Promise<(Station | AppError)[]> {
    try {
      await this.store.createMany(stations.map((after) => ({ before: null, after, entry: this.firstEntry(actor, after, action, now, null) })));
      return stations;
    } catch (error) {
      if (!(error instanceof StationWriteRefused)) throw error;
    }
    return Promise.all(
      stations.map(async (station) => {
        try {
          return await this.insert(actor, station, action, now);
        } catch (error) {
          if (error instanceof AppError) return error;
          throw error;
        }
      }),
    );
  }

  private firstEntry(actor: Actor, station: Station, action: StationAction, now: Date, note: string | null): StationHistoryEntry {
    return {
      id: randomUUID(),
      stationId: station.id,
      at: toShanghaiIso(now),
      actorId: actor.userId,
      actorRole: actor.role,
      action,
      version: station.version,
      // A new station's first entry lists what it was created with; empty values say nothing.
      changes: stationChanges(null, station).filter((c) => !['null', '[]'].includes(canonicalJson(c.after))),
      note,
    };
  }

  /**
   * Name, address, district, location, type and host organisation. Moving a station to another
   * district needs the right to that district as well.
   */
  updateProfile(principal: Principal, id: string, body: StationProfileBody, now: Date) {
    const district = this.district(body.districtCode);
    if (!principal.isAdmin && !principal.staffScopes.some((scope) => regionContains(scope, district.code))) {
      throw forbidden('您没有把驿站移到这个区县的权限');
    }
    return this.change(
      principal,
      id,
      body.expectedVersion,
      'profile',
      (s) => ({
        ...s,
        name: body.name,
        address: body.address,
        district,
        location: body.location,
        type: body.type,
        hostOrganisation: body.hostOrganisation ?? null,
        status: s.status === 'inactive' ? 'inactive' : statusFor(body.location),
      }),
      now,
    );
  }

  deactivate(who: Who, id: string, expectedVersion: number, reason: string, now: Date) {
    return this.change(
      who,
      id,
      expectedVersion,
      'deactivate',
      (s) => {
        if (s.status === 'inactive') throw conflict('ALREADY_INACTIVE', '这个驿站已经停用了');
        return { ...s, status: 'inactive' };
      },
      now,
      reason,
    );
  }

  activate(who: Who, id: string, expectedVersion: number, now: Date) {
    return this.change(
      who,
      id,
      expectedVersion,
      'activate',
      (s) => {
        if (s.status !== 'inactive') throw conflict('NOT_INACTIVE', '这个驿站没有停用');
        return { ...s, status: statusFor(s.location) };
      },
      now,
    );
  }

  list(regionCode: string, opts: { status?: Station['status']; limit: number; cursor?: string }) {
    return this.store.listByRegion(regionCode, opts);
  }

  async hosts(id: string) {
    const hosts = await this.store.hosts(id);
    if (!hosts) throw stationNotFound();
    return { items: hosts };
  }
}

