import { toShanghaiIsoMs, type AssistanceRecord, type FileStatus, type FileTimelineEntry, type HardshipOccupation } from '@yz/shared';
import type { AuditInput } from '../platform/audit';

/**
 * The port HardshipService talks to. Two adapters honour it: DynamoHardshipStore (store.ts) and the
 * in-memory one the rules are unit-tested on (tests/unit/adapters/hardship-store.ts). A refused
 * condition is reported as `WriteRefused` (platform/transaction.ts) with the index of the write that
 * failed and, for an ID claim, the claim that stood in the way (`{ fileId }`).
 */

/** The six parts as encrypted in `secret`. */
export interface FileSecret {
  basic: {
    name: string;
    idNumber: string;
    mobile: string;
    gender: 'male' | 'female';
    birthDate: string;
    employer?: string;
    address: string;
    householdSize: number;
  };
  helper: { name: string; phone: string; organisation?: string; userId?: string } | null;
  cause: { categories: string[]; detail: string };
  income: { householdMonthlyFen: number; sources?: string };
  housing: { type: string; areaSqm?: number; note?: string };
  plan: { steps: { text: string; due: string; done: boolean }[] };
}

export interface FileItem {
  id: string;
  kind: 'file';
  status: FileStatus;
  version: number;
  source: 'staff' | 'self';
  districtCode: string;
  cityCode: string;
  provinceCode: string;
  /** `<status>#<last change, Shanghai ISO ms>#<id>`: the staff lists' sort key. */
  statusKey: string;
  occupation: HardshipOccupation;
  /** The bound account (the applicant's from the start for a self-application). */
  userId?: string;
  /** The paired helper's account, when staff named one: they may open the file by scanning the card. */
  helperUserId?: string;
  /** The live QR card's random id (byCard index); absent while the card is revoked. */
  cardTokenId?: string;
  cardIssuedAt?: string;
  nameMasked: string;
  idMasked: string;
  mobileMasked: string;
  /** Keyed hash of the ID number (the claim item's key). */
  idHash: string;
  /** Envelope-encrypted JSON of FileSecret (encryption context: the file id). */
  secret: string;
  assistance: AssistanceRecord[];
  assistanceTotalFen: number;
  timeline: FileTimelineEntry[];
  consentVersion: string;
  /** 'paper': staff took the written consent; 'app': the worker ticked the notice themselves. */
  consentBy: 'paper' | 'app';
  consentAt: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  note?: string;
}

/** The encryption context of a file's `secret`: a ciphertext copied onto another file does not decrypt. */
export const secretContext = (fileId: string) => ({ purpose: 'hardship-file', fileId });

export const statusKeyOf = (status: FileStatus, now: Date, id: string) => `${status}#${toShanghaiIsoMs(now)}#${id}`;
export const claimKey = (idHash: string) => ({ id: `idclaim#${idHash}` });

/** One write of an all-or-nothing commit; each names the condition it is written under. */
export type HardshipWrite =
  /** A new file: refused if the id exists. */
  | { kind: 'filePut'; item: FileItem }
  /** An ID number's one file: refused when the person already has a file (the refusal carries its claim). */
  | { kind: 'claimPut'; idHash: string; fileId: string; at: string }
  /** Releases a claim: refused unless this file holds it. */
  | { kind: 'claimDelete'; idHash: string; fileId: string }
  /** The applicant's account is bound to their file: refused if the account is gone or bound already. */
  | { kind: 'userBindsTo'; userId: string; fileId: string }
  /**
   * The one way a file changes: refused unless it is still at the status and version it was read at.
   * Moves to `to` (or stays), appends the timeline entry and the assistance record, sets and removes.
   */
  | {
      kind: 'fileUpdate';
      file: FileItem;
      now: Date;
      at: string;
      to?: FileStatus;
      entry?: FileTimelineEntry;
      set?: Record<string, unknown>;
      remove?: string[];
      append?: { assistance: AssistanceRecord };
    }
  /** A new card id, or none, whatever the version: refused unless the file exists in one of `statuses`. */
  | { kind: 'cardUpdate'; fileId: string; card: { id: string; issuedAt: string } | null; statuses: readonly FileStatus[] }
  /** An audit entry, committed with what it records. */
  | { kind: 'audit'; entry: AuditInput; now: Date };

export interface FileListFilter {
  regionCode: string;
  status: FileStatus | 'all';
  limit: number;
  cursor?: string;
}

export interface HardshipStore {
  get(id: string): Promise<FileItem | null>;
  /** The file an account is bound to. */
  fileIdOfUser(userId: string): Promise<string | null>;
  /** The file carrying a live card id (it may lag: the caller re-reads the file). */
  fileIdOfCard(cardTokenId: string): Promise<string | null>;
  /** All of the writes or none; a refused condition throws `WriteRefused`. */
  commit(writes: HardshipWrite[]): Promise<void>;
  /** A staff list page of a region: applications waiting for verification oldest first, the rest newest first. */
  list(filter: FileListFilter): Promise<{ items: FileItem[]; nextCursor: string | null }>;
}
