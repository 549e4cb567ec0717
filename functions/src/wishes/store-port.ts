import type { HardshipOccupation, WishCategory, WishStatus, WishTimelineEntry } from '@yz/shared';
import type { QueuedMessage } from '../platform/outbox';

/**
 * The port the wishes service, the lifecycle and the claim-expiry job talk to. Two adapters honour it:
 * DynamoWishStore (store.ts) and the in-memory one the rules are unit-tested on
 * (tests/unit/adapters/wish-store.ts). A refused condition is reported as `WriteRefused` (platform/
 * transaction.ts) with the index of the write that failed; a commit is all of its writes or none.
 */

export interface StoredTimelineEntry extends WishTimelineEntry {
  /** Who made the move (a user id, or 'system'); kept for staff and audits, never shown to the public. */
  actorId: string;
}

export interface WishItem {
  id: string;
  /** Six characters people can say aloud at a station. */
  ref: string;
  userId: string;
  fileId: string;
  districtCode: string;
  cityCode: string;
  provinceCode: string;
  occupation: HardshipOccupation;
  label: string;
  title: string;
  story: string;
  category: WishCategory;
  valueFen: number;
  handoverKind: 'station' | 'staff';
  /** Station handovers only (byStation index). */
  stationId?: string;
  status: WishStatus;
  version: number;
  postedAt: string;
  updatedAt: string;
  approvedAt?: string;
  /** Region lists: `<rank>#<posted at, UTC>#<id>`. */
  statusKey: string;
  /** Present while on the public wall (byWall, byWallBucket). */
  wall?: 'wall';
  wallBucket?: 'open' | 'progress' | 'done';
  wallSort?: string;
  claimantId?: string;
  claimedAt?: string;
  claimDeadline?: string;
  /** Present while claimed (byDue): when the claim-expiry job must look at it next (UTC ISO). */
  dueQueue?: 'claims';
  dueAt?: string;
  remindedAt?: string;
  pickupCode?: string;
  deliveredAt?: string;
  deliveryNote?: string;
  /** The delivery photo's key in the private photo store (`wishes/<id>/…`); views sign a URL for it. */
  deliveryPhotoKey?: string;
  fulfilledAt?: string;
  thanks?: string;
  /** Why staff returned or closed it. */
  staffNote?: string;
  /** Times it was claimed, and claims that lapsed (the numbers). */
  claimCount: number;
  lapsedCount: number;
  timeline: StoredTimelineEntry[];
}

export interface VolunteerItem {
  userId: string;
  nameMasked: string;
  mobileMasked: string;
  organisation?: string;
  /** Envelope-encrypted JSON of { name, mobile }. */
  pii: string;
  consentVersion: string;
  consentAt: string;
  registeredAt: string;
  updatedAt: string;
}

export interface StationRef {
  id: string;
  name: string;
  address: string;
  status: string;
}

export interface WishPage {
  items: WishItem[];
  nextCursor: string | null;
}

/** The public wall, newest first: all of it, or one bucket; filtered by category and city. */
export interface WallQuery {
  bucket: 'all' | 'open' | 'done';
  category?: WishCategory;
  city?: string;
  limit: number;
  cursor?: string;
}

/** A region's wishes by status rank: `begins` a rank prefix, or `before` one (statusKey order). */
export interface RankFilter {
  begins?: string;
  before?: string;
}

/** One write of an all-or-nothing commit; each names the condition it is written under. */
export type WishWrite =
  /** The wish as `next`: refused unless it is still at the status and version it was read at. */
  | { kind: 'replace'; next: WishItem; expected: { status: WishStatus; version: number } }
  /** A new wish: refused if the id exists. */
  | { kind: 'create'; item: WishItem }
  /** One more active wish for the worker: refused when they already have `max`. */
  | { kind: 'quotaTake'; userId: string; max: number }
  /** One fewer active wish for the worker. */
  | { kind: 'quotaRelease'; userId: string }
  /** One more (+1) or one fewer (-1) wish on the wall in a city (GET /wishes/cities). */
  | { kind: 'wallCityAdd'; cityCode: string; delta: 1 | -1 }
  /** The volunteer's registration (replaces an earlier one). */
  | { kind: 'volunteerPut'; item: VolunteerItem }
  /** The user gains the volunteer flag: refused if the account is gone. */
  | { kind: 'userBecomesVolunteer'; userId: string }
  /** A notification, committed with the change it announces. */
  | { kind: 'notify'; message: QueuedMessage };

export interface WishStore {
  /** A wish by id (`w_…`; anything else is not one); consistent unless asked otherwise. */
  get(id: string, consistent?: boolean): Promise<WishItem | null>;
  /** All of the writes or none; a refused condition, or another commit in flight on the wish, throws `WriteRefused`. */
  commit(writes: WishWrite[]): Promise<void>;
  wallPage(query: WallQuery): Promise<WishPage>;
  /** The cities with at least one wish on the wall, by code. */
  wallCities(): Promise<string[]>;
  /** Every wish of a region (district, city or province), in statusKey order. */
  region(regionCode: string, filter?: RankFilter): Promise<WishItem[]>;
  regionPage(regionCode: string, filter: RankFilter, limit: number, cursor?: string): Promise<WishPage>;
  /** The worker's own wishes, newest first. */
  byUser(userId: string): Promise<WishItem[]>;
  /** The volunteer's claims, newest first. */
  byClaimant(userId: string): Promise<WishItem[]>;
  /** Wishes handed over at a station, newest first. */
  byStation(stationId: string): Promise<WishItem[]>;
  /** Claims whose reminder or deadline has come (UTC ISO `now`), oldest first. */
  due(nowUtc: string, limit: number): Promise<WishItem[]>;
  /** Stations' name, address and status, for handovers. */
  stations(ids: string[]): Promise<Map<string, StationRef>>;
  getVolunteer(userId: string): Promise<VolunteerItem | null>;
  volunteers(userIds: string[]): Promise<Map<string, VolunteerItem>>;
  /** The hardship file the account is bound to, if any. */
  boundFileId(userId: string): Promise<string | null>;
}
