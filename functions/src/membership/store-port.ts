import { toShanghaiIsoMs, type ApplicationStatus, type EmploymentType, type Gender, type Occupation, type TimelineEntry } from '@yz/shared';
import type { QueuedMessage } from '../platform/outbox';

/**
 * The port MembershipService talks to: what it reads and the writes it commits together. Two adapters
 * honour it: DynamoMembershipStore (store.ts) and the in-memory one the rules are unit-tested on
 * (tests/unit/adapters/membership-store.ts). A refused condition is reported as `WriteRefused` with the
 * index of the write that failed and, for an ID claim, the claim that stood in the way.
 */

export interface ApplicationItem {
  id: string;
  userId: string;
  status: ApplicationStatus;
  version: number;
  name: string;
  gender: Gender;
  birthDate: string;
  occupation: Occupation;
  employmentType: EmploymentType;
  employer?: string;
  districtCode: string;
  cityCode: string;
  provinceCode: string;
  /** `<status>#<last change, Shanghai ISO>#<id>`: the staff queue's sort key. */
  statusKey: string;
  /** Keyed hash of the ID number (the claim's key). */
  idHash: string;
  idMasked: string;
  mobileMasked: string;
  /** Envelope-encrypted JSON of { idNumber, mobile }. */
  pii: string;
  consentVersion: string;
  consentAt: string;
  submittedAt: string;
  updatedAt: string;
  memberNo?: string;
  joinDate?: string;
  note?: string;
  timeline: TimelineEntry[];
}

export interface IdClaimItem {
  idHash: string;
  applicationId: string;
  userId: string;
  state: 'open' | 'member';
  updatedAt: string;
}

export interface MemberItem {
  pk: string;
  kind: 'member';
  userId: string;
  memberNo: string;
  name: string;
  gender: Gender;
  birthDate: string;
  occupation: Occupation;
  employer?: string;
  districtCode: string;
  cityCode: string;
  provinceCode: string;
  joinDate: string;
  unionName: string;
  applicationId: string;
  idMasked: string;
  mobileMasked: string;
  /** The application's ciphertext (its encryption context names the application). */
  pii: string;
}

export const memberKey = (userId: string) => ({ pk: `member#${userId}` });
export const statusKeyOf = (status: ApplicationStatus, now: Date, id: string) => `${status}#${toShanghaiIsoMs(now)}#${id}`;

export interface QueueFilter {
  regionCode: string;
  status: ApplicationStatus | 'all';
  occupation?: Occupation;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/** One write of an all-or-nothing commit; each names the condition it is written under. */
export type MembershipWrite =
  /** A new claim on an ID number: refused if anyone holds it (the refusal carries their claim). */
  | { kind: 'claimPut'; claim: IdClaimItem }
  /** Releases a claim: refused unless this application holds it. */
  | { kind: 'claimDelete'; idHash: string; applicationId: string }
  /** The claim of an approved application stays, as the member's: refused unless this application holds it. */
  | { kind: 'claimBecomesMember'; idHash: string; applicationId: string; at: string }
  /** A new application: refused if the id exists. */
  | { kind: 'applicationPut'; item: ApplicationItem }
  /**
   * The one way an application changes state: refused unless it is still at the status and version
   * it was read at; appends the timeline entry, sets `set` and removes `remove`.
   */
  | { kind: 'transition'; app: ApplicationItem; to: ApplicationStatus; entry: TimelineEntry; now: Date; set: Record<string, unknown>; remove?: string[] }
  /** The member card: refused if the user already has one. */
  | { kind: 'memberPut'; member: MemberItem }
  /** The user gains the member role: refused if the account is gone. */
  | { kind: 'userBecomesMember'; userId: string }
  /** A notification, committed with the change it announces. */
  | { kind: 'notify'; message: QueuedMessage };

export interface MembershipStore {
  getApplication(id: string): Promise<ApplicationItem | null>;
  getClaim(idHash: string): Promise<IdClaimItem | null>;
  getMember(userId: string): Promise<MemberItem | null>;
  /** Whether the account carries the member role. */
  isMemberFlagged(userId: string): Promise<boolean>;
  /** All of the writes or none; a refused condition throws `WriteRefused`. */
  commit(writes: MembershipWrite[]): Promise<void>;
  /** The next member number of a district and year (a counter: a cancelled approval leaves a gap). */
  nextMemberSeq(districtCode: string, year: string): Promise<number>;
  /** The applicant's own applications, newest first (up to 20). */
  listByUser(userId: string): Promise<ApplicationItem[]>;
  /** A staff queue page: waiting applications oldest first, decided ones newest first. */
  queue(filter: QueueFilter): Promise<{ items: ApplicationItem[]; nextCursor: string | null }>;
  /** Every member of a region. */
  listMembers(regionCode: string, max?: number): Promise<MemberItem[]>;
}
