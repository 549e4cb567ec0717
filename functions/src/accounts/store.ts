import { DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException, ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { toShanghaiIso } from '@yz/shared';
import { usersTable } from './tables';
import type { SessionItem } from '../platform/auth';
import { batchWrite } from '../platform/batch';
import type { Db } from '../platform/db';
import { cancelledAt, transactWrite } from '../platform/transaction';
import { openidKey, userKey, type UserItem } from '../platform/users';
import {
  BINDING_CODE_HOURS,
  bindingCodeItem,
  hashBindingCode,
  newBindingCode,
  newInvitationToken,
  newOpenidUser,
  newSession,
  redeemRefusal,
  type Audited,
  type BindingCodeInput,
  type BindingCodeItem,
  type BindingCodeStore,
  type PersonaAccount,
  type RedeemOutcome,
  type SessionStore,
  type UserStore,
} from './store-port';

/** DynamoDB adapters for users, sessions and binding codes (the ports: store-port.ts). */

const [byStaff] = usersTable.indexes;

export class DynamoUserStore implements UserStore {
  constructor(private readonly db: Db) {}

  private get table() {
    return this.db.table('users');
  }

  async get(id: string): Promise<UserItem | null> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: userKey(id) }));
    return (out.Item as UserItem | undefined) ?? null;
  }

  /**
   * The user for a WeChat openid, created on first sight. The user and its openid pointer are written in
   * one transaction, each only if absent: two first logins at once still make one user.
   */
  async findOrCreateByOpenid(openid: string, now: Date): Promise<UserItem> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const link = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: openidKey(openid), ConsistentRead: true }));
      if (link.Item) {
        const user = await this.get(link.Item.userId as string);
        if (user) return user;
      }
      const user = newOpenidUser(openid, now);
      try {
        await transactWrite(this.db.doc, [
          { Put: { TableName: this.table, Item: user, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            Put: {
              TableName: this.table,
              Item: { ...openidKey(openid), kind: 'openid', userId: user.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]);
        return user;
      } catch (error) {
        // Someone else created this openid's user in between: read theirs.
        if (!(error instanceof TransactionCanceledException)) throw error;
      }
    }
    throw new Error('could not create or find the user for an openid');
  }

  /** Create or refresh a demo persona's user, adding (never removing) its bindings. */
  async upsertPersona(p: PersonaAccount, now: Date): Promise<UserItem> {
    const sets: string[] = ['kind = :kind', 'id = :id', 'createdAt = if_not_exists(createdAt, :now)'];
    const adds: string[] = [];
    const values: Record<string, unknown> = { ':kind': 'user', ':id': p.userId, ':now': toShanghaiIso(now) };
    // Names go through placeholders: `member` is one of DynamoDB's reserved words.
    const names: Record<string, string> = {};
    for (const flag of ['isAdmin', 'member', 'volunteer', 'hardship'] as const) {
      if (p[flag]) {
        sets.push(`#${flag} = :true`);
        names[`#${flag}`] = flag;
        values[':true'] = true;
      }
    }
    if (p.staffScopes.length > 0) {
      adds.push('staffScopes :scopes');
      values[':scopes'] = new Set(p.staffScopes);
      sets.push('staffFlag = :flag', 'staffGrantedAt = if_not_exists(staffGrantedAt, :now)');
      values[':flag'] = '1';
    }
    if (p.hostStations.length > 0) {
      adds.push('hostStations :stations');
      values[':stations'] = new Set(p.hostStations);
      // Staff see hosts by name: a demo host is called by its label until it gives another.
      if (p.label) {
        sets.push('displayName = if_not_exists(displayName, :label)');
        values[':label'] = p.label;
      }
    }
    const out = await this.db.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: userKey(p.userId),
        UpdateExpression: `SET ${sets.join(', ')}${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`,
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    for (const stationId of p.hostStations) await this.rememberHost(stationId, p.userId);
    return out.Attributes as UserItem;
  }

  /** Adds a staff scope, with the audit entry, in one transaction. False when the user does not exist. */
  async addStaffScope(userId: string, regionCode: string, audit: Audited, now: Date): Promise<boolean> {
    return this.auditedUserUpdate(
      userId,
      {
        UpdateExpression: 'ADD staffScopes :scope SET staffFlag = :flag, staffGrantedAt = if_not_exists(staffGrantedAt, :now)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':scope': new Set([regionCode]), ':flag': '1', ':now': toShanghaiIso(now) },
      },
      audit,
      now,
    );
  }

  /** Removes a staff scope (and the staff flag with the last one). False when the user does not exist. */
  async removeStaffScope(userId: string, regionCode: string, audit: Audited, now: Date): Promise<boolean> {
    const removed = await this.auditedUserUpdate(
      userId,
      { UpdateExpression: 'DELETE staffScopes :scope', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':scope': new Set([regionCode]) } },
      audit,
      now,
    );
    if (!removed) return false;
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: userKey(userId),
          UpdateExpression: 'REMOVE staffFlag, staffGrantedAt',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(staffScopes)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return true;
  }

  /** Removes a host binding with its audit entry. False when the user does not host that station. */
  async removeHostStation(userId: string, stationId: string, audit: Audited, now: Date): Promise<boolean> {
    return this.auditedUserUpdate(
      userId,
      {
        UpdateExpression: 'DELETE hostStations :station',
        ConditionExpression: 'contains(hostStations, :id)',
        ExpressionAttributeValues: { ':station': new Set([stationId]), ':id': stationId },
      },
      audit,
      now,
      [
        {
          Update: {
            TableName: this.db.table('stations'),
            Key: { id: stationId },
            UpdateExpression: 'DELETE hostIds :user',
            ExpressionAttributeValues: { ':user': new Set([userId]) },
          },
        },
      ],
    );
  }

  /**
   * One conditional update of a user with its audit entry (and any items that must change with it),
   * in one transaction. False when the condition fails: nothing is written then, the entry included.
   */
  private async auditedUserUpdate(
    userId: string,
    update: { UpdateExpression: string; ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> },
    audit: Audited,
    now: Date,
    alongside: NonNullable<TransactWriteCommandInput['TransactItems']> = [],
  ): Promise<boolean> {
    try {
      await transactWrite(this.db.doc, [{ Update: { TableName: this.table, Key: userKey(userId), ...update } }, ...alongside, audit.log.transactPut(audit.entry, now)]);
      return true;
    } catch (error) {
      if (cancelledAt(error)) return false;
      throw error;
    }
  }

  /** Takes a user off a station's host list (account deletion). */
  private async forgetHost(stationId: string, userId: string): Promise<void> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.table('stations'),
          Key: { id: stationId },
          UpdateExpression: 'DELETE hostIds :user',
          ConditionExpression: 'attribute_exists(id)',
          ExpressionAttributeValues: { ':user': new Set([userId]) },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  /** Puts a user on a station's host list, when the station exists (demo personas). */
  private async rememberHost(stationId: string, userId: string): Promise<void> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.db.table('stations'),
          Key: { id: stationId },
          UpdateExpression: 'ADD hostIds :user',
          ConditionExpression: 'attribute_exists(id)',
          ExpressionAttributeValues: { ':user': new Set([userId]) },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async listStaff(): Promise<UserItem[]> {
    const items: UserItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.db.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: byStaff.name,
          KeyConditionExpression: 'staffFlag = :flag',
          ExpressionAttributeValues: { ':flag': '1' },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((out.Items ?? []) as UserItem[]));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** Deletes the user and its openid pointer. */
  async delete(user: UserItem): Promise<void> {
    // The stations they hosted forget them first; a station that is gone needs nothing.
    for (const stationId of user.hostStations ?? []) {
      await this.forgetHost(stationId, user.id);
    }
    await this.db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.table, Key: userKey(user.id) } },
          ...(user.openid ? [{ Delete: { TableName: this.table, Key: openidKey(user.openid) } }] : []),
        ],
      }),
    );
  }
}

/** A station's district code, null when there is no such station (where host codes are filed). */
export async function stationDistrict(db: Db, stationId: string): Promise<string | null> {
  const out = await db.doc.send(new GetCommand({ TableName: db.table('stations'), Key: { id: stationId }, ProjectionExpression: 'districtCode' }));
  return out.Item ? (out.Item.districtCode as string) : null;
}

export class DynamoSessionStore implements SessionStore {
  constructor(private readonly db: Db) {}

  private get table() {
    return this.db.table('sessions');
  }

  async create(userId: string, now: Date): Promise<SessionItem> {
    const session = newSession(userId, now);
    await this.db.doc.send(new PutCommand({ TableName: this.table, Item: session, ConditionExpression: 'attribute_not_exists(id)' }));
    return session;
  }

  async delete(id: string): Promise<void> {
    await this.db.doc.send(new DeleteCommand({ TableName: this.table, Key: { id } }));
  }

  async listForUser(userId: string): Promise<SessionItem[]> {
    const items: SessionItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const out = await this.db.doc.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'byUser',
          KeyConditionExpression: 'userId = :u',
          ExpressionAttributeValues: { ':u': userId },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((out.Items ?? []) as SessionItem[]));
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** Ends every session of a user at once (account deletion). */
  async deleteAllForUser(userId: string): Promise<number> {
    const sessions = await this.listForUser(userId);
    await batchWrite(this.db.doc, sessions.map((s) => ({ table: this.table, request: { DeleteRequest: { Key: { id: s.id } } } })));
    return sessions.length;
  }
}

export class DynamoBindingCodeStore implements BindingCodeStore {
  constructor(private readonly db: Db) {}

  private get table() {
    return this.db.table('bindingCodes');
  }

  async issue(input: BindingCodeInput, audit: Audited, now: Date) {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const code = newBindingCode();
      const item = bindingCodeItem(code, input, BINDING_CODE_HOURS, now);
      // A code that collides with a live one is simply drawn again.
      if (await this.put(item, audit, now)) return { code, item };
    }
    throw new Error('could not draw an unused binding code');
  }

  /** A host invitation: a long random token (no retry needed: 192 bits never collide), valid `hours`. */
  async issueInvitation(input: { stationId: string; regionCode: string; issuedBy: string; hours: number }, audit: Audited, now: Date) {
    const token = newInvitationToken();
    const item: BindingCodeItem = { ...bindingCodeItem(token, { kind: 'host', targetId: input.stationId, regionCode: input.regionCode, issuedBy: input.issuedBy }, input.hours, now), invitation: true };
    if (!(await this.put(item, audit, now))) throw new Error('a fresh invitation token collided');
    return { token, item };
  }

  /** The item with its audit entry, in one transaction; false when the hash is already taken. */
  private async put(item: BindingCodeItem, audit: Audited, now: Date): Promise<boolean> {
    try {
      await transactWrite(this.db.doc, [
        { Put: { TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(codeHash)' } },
        audit.log.transactPut({ ...audit.entry, detail: { ...audit.entry.detail, expiresAt: item.expiresAt } }, now),
      ]);
      return true;
    } catch (error) {
      if (cancelledAt(error)) return false;
      throw error;
    }
  }

  /**
   * Revokes an unused invitation of a station, with its audit entry. Revoking one already revoked
   * changes nothing and succeeds; a used one stays used (unbinding is how a host is removed).
   */
  async revokeInvitation(codeHash: string, stationId: string, actorId: string, audit: Audited, now: Date): Promise<'revoked' | 'notFound' | 'used'> {
    const found = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: { codeHash }, ConsistentRead: true }));
    const item = found.Item as BindingCodeItem | undefined;
    if (!item || !item.invitation || item.targetId !== stationId) return 'notFound';
    if (item.usedBy) return 'used';
    if (item.revokedAt) return 'revoked';
    try {
      await transactWrite(this.db.doc, [
        {
          Update: {
            TableName: this.table,
            Key: { codeHash },
            UpdateExpression: 'SET revokedAt = :at, revokedBy = :by',
            ConditionExpression: 'attribute_exists(codeHash) AND attribute_not_exists(usedBy) AND attribute_not_exists(revokedAt)',
            ExpressionAttributeValues: { ':at': toShanghaiIso(now), ':by': actorId },
          },
        },
        audit.log.transactPut(audit.entry, now),
      ]);
      return 'revoked';
    } catch (error) {
      // Used or revoked between the read and the write: say which.
      if (cancelledAt(error)) return this.revokeInvitation(codeHash, stationId, actorId, audit, now);
      throw error;
    }
  }

  /**
   * Uses the code and applies its binding in one transaction: the code can be used once, however many
   * people type it at the same moment. A host code adds the station to the user's (and the user to the
   * station's hosts); a hardship code gives the user the hardship role and their file, and the file its
   * account — refused when the file is someone else's or the user already has another file.
   */
  async redeem(code: string, userId: string, audit: (item: BindingCodeItem) => Audited, now: Date): Promise<RedeemOutcome> {
    return this.redeemHash(hashBindingCode(code), userId, audit, now, null);
  }

  /**
   * A host invitation: the same single use and the same host binding in one transaction, plus the
   * name the host gave (what staff see). Refused when the person already hosts the station, so the
   * invitation stays usable for the one it was meant for.
   */
  async redeemInvitation(token: string, userId: string, name: string, audit: (item: BindingCodeItem) => Audited, now: Date): Promise<RedeemOutcome> {
    return this.redeemHash(hashBindingCode(token), userId, audit, now, { name });
  }

  private async redeemHash(
    codeHash: string,
    userId: string,
    audit: (item: BindingCodeItem) => Audited,
    now: Date,
    invitation: { name: string } | null,
  ): Promise<RedeemOutcome> {
    const found = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: { codeHash }, ConsistentRead: true }));
    const item = found.Item as BindingCodeItem | undefined;
    const refusal = redeemRefusal(item ?? null, invitation !== null, now);
    if (refusal || !item) return { ok: false, reason: refusal ?? 'invalid' };
    const nowEpoch = Math.floor(now.getTime() / 1000);
    const a = audit(item);
    const useCode = {
      Update: {
        TableName: this.table,
        Key: { codeHash },
        UpdateExpression: 'SET usedBy = :u, usedAt = :at',
        ConditionExpression: 'attribute_exists(codeHash) AND attribute_not_exists(usedBy) AND attribute_not_exists(revokedAt) AND expiresAtEpoch > :now',
        ExpressionAttributeValues: { ':u': userId, ':at': toShanghaiIso(now), ':now': nowEpoch },
      },
    };
    const bindings =
      item.kind === 'host'
        ? [
            {
              Update: {
                TableName: this.db.table('users'),
                Key: userKey(userId),
                ...(invitation
                  ? {
                      UpdateExpression: 'ADD hostStations :station SET displayName = :name',
                      ConditionExpression: 'attribute_exists(pk) AND NOT contains(hostStations, :id)',
                      ExpressionAttributeValues: { ':station': new Set([item.targetId]), ':name': invitation.name, ':id': item.targetId },
                    }
                  : {
                      UpdateExpression: 'ADD hostStations :station',
                      ConditionExpression: 'attribute_exists(pk)',
                      ExpressionAttributeValues: { ':station': new Set([item.targetId]) },
                    }),
              },
            },
            // The station lists its hosts too, so staff can see and unbind them without a scan.
            {
              Update: {
                TableName: this.db.table('stations'),
                Key: { id: item.targetId },
                UpdateExpression: 'ADD hostIds :user',
                ConditionExpression: 'attribute_exists(id)',
                ExpressionAttributeValues: { ':user': new Set([userId]) },
              },
            },
          ]
        : [
            {
              Update: {
                TableName: this.db.table('users'),
                Key: userKey(userId),
                UpdateExpression: 'SET hardship = :true, hardshipFileId = :f',
                ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(hardshipFileId) OR hardshipFileId = :f)',
                ExpressionAttributeValues: { ':true': true, ':f': item.targetId },
              },
            },
            {
              Update: {
                TableName: this.db.table('hardshipFiles'),
                Key: { id: item.targetId },
                UpdateExpression: 'SET userId = :u',
                ConditionExpression: 'attribute_exists(id) AND #s <> :closed AND (attribute_not_exists(userId) OR userId = :u)',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':u': userId, ':closed': 'closed' },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
              },
            },
          ];
    try {
      await transactWrite(this.db.doc, [useCode, ...bindings, a.log.transactPut(a.entry, now)]);
      return { ok: true, item };
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        const failed = (i: number) => reasons[i]?.Code === 'ConditionalCheckFailed';
        if (item.kind === 'hardship') {
          if (failed(1)) return { ok: false, reason: 'userBound' };
          if (failed(2)) {
            const old = reasons[2]?.Item;
            // Gone or closed: the code is no good. Bound to another account: say so.
            return { ok: false, reason: old && old.userId && old.status?.S !== 'closed' ? 'fileBound' : 'invalid' };
          }
        }
        // The station the code binds to is gone: the code is no good. Otherwise someone used it first.
        if (item.kind === 'host' && failed(2)) return { ok: false, reason: 'invalid' };
        if (invitation && failed(1)) return { ok: false, reason: 'alreadyHost' };
        if (failed(1)) return { ok: false, reason: 'invalid' };
        return { ok: false, reason: 'used' };
      }
      throw error;
    }
  }
}
