import { isOpen, maskIdNumber, personFacts, toShanghaiIso } from '@yz/shared';
import type { Db } from '../platform/db';
import { refusedAt } from '../platform/transaction';
import { DynamoMembershipStore } from './store';

/**
 * What "导出我的数据" (GET /me/data) shows of a person's membership: their applications and member card
 * as stored, masked, without the ciphertext or the keyed hash. Kept apart from the service so the
 * accounts function can read it without the encryption SDK or the region table.
 */
export async function membershipRecords(db: Db, userId: string): Promise<Record<string, unknown[]>> {
  const store = new DynamoMembershipStore(db);
  const [apps, member] = await Promise.all([store.listByUser(userId), store.getMember(userId)]);
  return {
    // Masked like every other view (masking.ts): the age, not the birth date, beside no ID digit.
    membershipApplications: apps.map(({ pii: _p, idHash: _h, statusKey: _s, cityCode: _c, provinceCode: _v, birthDate, idMasked, ...rest }) => ({
      ...rest,
      ...personFacts(birthDate, rest.gender),
      idMasked: maskIdNumber(idMasked),
    })),
    memberCard: member
      ? [
          {
            memberNo: member.memberNo,
            name: member.name,
            unionName: member.unionName,
            joinDate: member.joinDate,
            districtCode: member.districtCode,
            occupation: member.occupation,
            idNumberMasked: maskIdNumber(member.idMasked),
            mobileMasked: member.mobileMasked,
          },
        ]
      : [],
  };
}

/**
 * Deleting an account withdraws the person's open applications: each leaves the staff queue as
 * 已撤回 (kept in its timeline), and its ID number is free again, in one transaction per application.
 * An application a member of staff decides at the same moment keeps that decision (the conditional
 * update fails and the loop goes on). Retention of what stays is the consent notice's: deleted one year
 * after the decision, like an application that was not approved.
 */
export async function withdrawOpenApplications(db: Db, userId: string, now: Date): Promise<number> {
  const store = new DynamoMembershipStore(db);
  let withdrawn = 0;
  for (const app of await store.listByUser(userId)) {
    if (!isOpen(app.status)) continue;
    const entry = { at: toShanghaiIso(now), from: app.status, to: 'withdrawn' as const, by: 'applicant' as const, actorId: userId, note: '申请人注销了账号' };
    try {
      await store.commit([
        { kind: 'transition', app, to: 'withdrawn', entry, now, set: {} },
        { kind: 'claimDelete', idHash: app.idHash, applicationId: app.id },
      ]);
      withdrawn += 1;
    } catch (error) {
      // Refused, or cancelled by a staff decision's transaction in flight on the same application.
      if (!refusedAt(error) && (error as { name?: string }).name !== 'TransactionCanceledException') throw error;
    }
  }
  return withdrawn;
}
