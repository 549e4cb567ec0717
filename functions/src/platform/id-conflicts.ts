import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { shanghaiDate } from '@yz/shared';
import type { AuditLog } from './audit';
import type { Db } from './db';
import { AppError, tooManyRequests } from './errors';

/**
 * "Someone else already holds this ID number", said the same way by every domain that claims ID
 * numbers (入会 applications and members, hardship files), so that a stranger who types another
 * person's number learns nothing about them: one code, one status, one message that tells the real
 * owner where to get help. The conflict is audited in the holder's region (the staff-side duplicate
 * flag: which account tried, which record holds the number, the keyed hash, never the number), and
 * counted per account and Shanghai day. Past the limit every ID submission of that account is refused
 * for the rest of the day, a fresh number too: refusing only conflicts would make 429 itself the answer.
 *
 * What a fresh number's success gives away: only that nobody holds it, and to learn it the prober must
 * file a real application or file under that number in their own account, which lands in the region's
 * queue for staff to review (and, for membership, to reject). Holders, members and applicants alike
 * answer with the same neutral refusal, so the success tells nothing about any person.
 */
export const ID_NUMBER_UNAVAILABLE = 'ID_NUMBER_UNAVAILABLE';
export const ID_CONFLICTS_PER_DAY = 5;

export function idNumberUnavailable(): AppError {
  return new AppError(409, ID_NUMBER_UNAVAILABLE, '该身份证号暂时无法提交。如是本人，请联系所在区县工会或拨打职工服务热线 12351 处理');
}

export interface IdConflict {
  actorId: string;
  idHash: string;
  domain: 'membership' | 'hardship';
  /** The record that holds the number and its region, where staff see the flag. */
  holderType: 'application' | 'hardshipFile';
  holderId: string;
  regionCode: string;
}

export class IdConflictGuard {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly perDay: number = ID_CONFLICTS_PER_DAY,
  ) {}

  private key(actorId: string, now: Date) {
    return { key: `idconflict#${actorId}#${shanghaiDate(now)}` };
  }

  /** Seconds to the next Shanghai midnight. */
  private untilTomorrow(now: Date): number {
    const shanghai = now.getTime() + 8 * 3600 * 1000;
    return Math.max(1, Math.ceil((86_400_000 - (shanghai % 86_400_000)) / 1000));
  }

  private tooMany(now: Date): AppError {
    return tooManyRequests(this.untilTomorrow(now), '今天提交身份证号的次数过多，请明天再试。如需帮助，请联系所在区县工会或拨打职工服务热线 12351');
  }

  /** Before any ID number is tried: refuses the account for the day once it has used up its conflicts. */
  async admit(actorId: string, now: Date): Promise<void> {
    // A read through UpdateItem (adding 0): every function is granted UpdateItem on the counters, not GetItem.
    const out = await this.db.doc.send(
      new UpdateCommand({
        TableName: this.db.table('rateLimits'),
        Key: this.key(actorId, now),
        UpdateExpression: 'ADD hits :zero SET expiresAtEpoch = if_not_exists(expiresAtEpoch, :expires)',
        ExpressionAttributeValues: { ':zero': 0, ':expires': this.expires(now) },
        ReturnValues: 'ALL_NEW',
      }),
    );
    if (Number(out.Attributes?.hits ?? 0) >= this.perDay) throw this.tooMany(now);
  }

  private expires(now: Date): number {
    return Math.floor(now.getTime() / 1000) + 2 * 86_400;
  }

  /** Counts and audits a conflict, and returns the neutral refusal to throw. */
  async refuse(conflict: IdConflict, now: Date): Promise<AppError> {
    await Promise.all([
      this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.table('rateLimits'),
          Key: this.key(conflict.actorId, now),
          UpdateExpression: 'ADD hits :one SET expiresAtEpoch = :expires',
          ExpressionAttributeValues: { ':one': 1, ':expires': this.expires(now) },
        }),
      ),
      this.audit.record(
        {
          actorId: conflict.actorId,
          action: 'id.conflict',
          targetType: conflict.holderType,
          targetId: conflict.holderId,
          regionCode: conflict.regionCode,
          detail: { domain: conflict.domain, idHash: conflict.idHash },
        },
        now,
      ),
    ]);
    return idNumberUnavailable();
  }
}
