import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import type { OutboxSender } from './outbox';
import { userKey } from './users';
import { sendSubscribeMessage, WechatApiError, type AccessTokenCache } from './wechat';

/**
 * WeChat subscribe messages (订阅消息): one tap of "allow" in wx.requestSubscribeMessage lets us send
 * that user one message of that template. We count the grants per user and template (item
 * `subscribe#<userId>` in the users table, one number attribute per template) and use one per message.
 */

const grantsKey = (userId: string) => ({ pk: `subscribe#${userId}` });
const attr = (templateId: string) => `g_${templateId}`;

export class SubscriptionGrants {
  constructor(private readonly db: Db) {}

  private get table() {
    return this.db.table('users');
  }

  /** Adds one grant for each accepted template; returns the counts after. */
  async add(userId: string, templateIds: string[], now: Date): Promise<Record<string, number>> {
    if (templateIds.length === 0) return this.counts(userId, []);
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':one': 1, ':kind': 'subscribe', ':at': now.toISOString() };
    templateIds.forEach((id, i) => (names[`#t${i}`] = attr(id)));
    const out = await this.db.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: grantsKey(userId),
        UpdateExpression: `SET kind = :kind, updatedAt = :at ADD ${templateIds.map((_, i) => `#t${i} :one`).join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Object.fromEntries(templateIds.map((id) => [id, Number(out.Attributes?.[attr(id)] ?? 0)]));
  }

  async counts(userId: string, templateIds: string[]): Promise<Record<string, number>> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: grantsKey(userId) }));
    return Object.fromEntries(templateIds.map((id) => [id, Number(out.Item?.[attr(id)] ?? 0)]));
  }

  /** Deleting an account: the consents to be messaged go with it (PIPL), whichever feature asked. */
  async forget(userId: string): Promise<void> {
    await this.db.doc.send(new DeleteCommand({ TableName: this.table, Key: grantsKey(userId) }));
  }

  /** Uses one grant; false when the user has none left for the template. */
  async take(userId: string, templateId: string): Promise<boolean> {
    try {
      await this.db.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: grantsKey(userId),
          UpdateExpression: 'ADD #t :minus',
          ConditionExpression: '#t > :zero',
          ExpressionAttributeNames: { '#t': attr(templateId) },
          ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

/** The outbox kind for a WeChat subscribe message; any feature may enqueue it. */
export const WECHAT_SUBSCRIBE = 'wechat.subscribe';

export interface WechatSubscribePayload extends Record<string, unknown> {
  userId: string;
  templateId: string;
  /** Page the message opens, e.g. `pkg-member/status/index?id=…`. */
  page: string;
  /** Template keys to values (thing1, phrase2, time3…). Ids and short words only, no personal data. */
  data: Record<string, string>;
}

/** WeChat codes after which trying again cannot help. */
const PERMANENT = new Map<number, string>([
  [43101, 'user refused or has no subscription grant'],
  [47003, 'template data rejected'],
  [40003, 'invalid openid'],
  [40037, 'invalid template id'],
]);

/**
 * The sender for WECHAT_SUBSCRIBE: looks up the user's openid, uses one grant (remembered across
 * retries), and sends. 43101 and 47003 are final; 45009 (quota), -1 (busy or unreachable) and the
 * rest are retried with the outbox's backoff.
 */
export function wechatSubscribeSender(deps: {
  db: Db;
  grants: SubscriptionGrants;
  tokens: AccessTokenCache;
  apiBase: string;
  miniprogramState?: 'developer' | 'trial' | 'formal';
}): OutboxSender {
  return async (message, tools) => {
    const payload = message.payload as WechatSubscribePayload;
    const user = await deps.db.doc.send(
      new GetCommand({ TableName: deps.db.table('users'), Key: userKey(payload.userId), ProjectionExpression: 'openid' }),
    );
    const openid = user.Item?.openid as string | undefined;
    if (!openid) return { result: 'skipped', reason: 'user has no WeChat identity' };
    if (message.state?.grantTaken !== true) {
      if (!(await deps.grants.take(payload.userId, payload.templateId))) return { result: 'skipped', reason: 'no subscription grant' };
      await tools.saveState({ ...message.state, grantTaken: true });
    }
    try {
      await sendSubscribeMessage(deps.tokens, { apiBase: deps.apiBase }, {
        touser: openid,
        templateId: payload.templateId,
        page: payload.page,
        data: payload.data,
        miniprogramState: deps.miniprogramState,
      });
      return { result: 'sent' };
    } catch (error) {
      if (error instanceof WechatApiError) {
        const permanent = PERMANENT.get(error.errcode);
        if (permanent) return { result: 'dead', error: `${error.errcode}: ${permanent}` };
        return { result: 'retry', error: `${error.errcode}: ${error.errmsg}` };
      }
      throw error;
    }
  };
}
