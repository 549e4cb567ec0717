import type { Db } from '../platform/db';
import { MembershipStore } from './store';

/**
 * What "导出我的数据" (GET /me/data) shows of a person's membership: their applications and member card
 * as stored, masked, without the ciphertext or the keyed hash. Kept apart from the service so the
 * accounts function can read it without the encryption SDK or the region table.
 */
export async function membershipRecords(db: Db, userId: string): Promise<Record<string, unknown[]>> {
  const store = new MembershipStore(db);
  const [apps, member] = await Promise.all([store.listByUser(userId), store.getMember(userId)]);
  return {
    membershipApplications: apps.map(({ pii: _p, idHash: _h, statusKey: _s, cityCode: _c, provinceCode: _v, ...rest }) => rest),
    memberCard: member
      ? [
          {
            memberNo: member.memberNo,
            name: member.name,
            unionName: member.unionName,
            joinDate: member.joinDate,
            districtCode: member.districtCode,
            occupation: member.occupation,
            idNumberMasked: member.idMasked,
            mobileMasked: member.mobileMasked,
          },
        ]
      : [],
  };
}
