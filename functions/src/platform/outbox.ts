import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { toShanghaiIso } from '@yz/shared';
import { outboxTable } from './tables';
import type { Db } from './db';
import { mapPool } from './pool';

/**
 * The transactional outbox: a message to the outside world (a WeChat subscribe message today) is
 * written in the same TransactWriteItems as the change it announces, so a decision is never lost
 * because WeChat was down, and never announced unless it committed. The outbox job
 * (functions/src/jobs/outbox.ts) drains due messages: each is claimed with a conditional write (two
 * drainers never send one message twice at once), handed to the sender for its kind, then marked
 * sent, rescheduled with backoff, or dead. Kinds are open: a feature registers a sender for its kind.
 */

export type OutboxStatus = 'pending' | 'sent' | 'dead' | 'skipped';

export interface OutboxMessage<P = Record<string, unknown>> {
  id: string;
  kind: string;
  payload: P;
  status: OutboxStatus;
  /** Delivery attempts started so far. */
  attempts: number;
  createdAt: string;
  /** UTC ISO: when the message is next due (or, while claimed, when the claim lapses). */
  dueAt: string;
  /** 'pending' while the job should look at it; absent once sent, dead or skipped (sparse index). */
  queue?: 'pending';
  lastError?: string;
  finishedAt?: string;
  /** What a sender remembers between attempts (e.g. that it already used the user's grant). */
  state?: Record<string, unknown>;
  purgeAtEpoch?: number;
}

/** A message a store port commits with the change it announces; the DynamoDB adapters write it with `transactPut`. */
export interface QueuedMessage {
  kind: string;
  payload: Record<string, unknown>;
  now: Date;
}

export type OutboxOutcome =
  | { result: 'sent' }
  /** A passing failure (network, WeChat busy): try again later, up to the attempt limit. */
  | { result: 'retry'; error: string }
  /** A failure that no retry fixes (the user refused, bad template data). */
  | { result: 'dead'; error: string }
  /** Nothing to send (no grant, no WeChat identity): done, without an error. */
  | { result: 'skipped'; reason: string };

export interface SenderTools {
  /** Persist state for the next attempts of this message. */
  saveState(state: Record<string, unknown>): Promise<void>;
}

export type OutboxSender = (message: OutboxMessage, tools: SenderTools) => Promise<OutboxOutcome>;

export interface DrainReport {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  skipped: number;
}

export interface OutboxOptions {
  /** Seconds to wait before attempt n+1 after attempt n failed (the last value repeats). */
  backoffSeconds?: readonly number[];
  /** After this many attempts a message is dead. */
  maxAttempts?: number;
  /** How long a claim lasts: a drainer that dies mid-send lets the message come back after this. */
  leaseSeconds?: number;
}

export const DEFAULT_BACKOFF_SECONDS = [15, 60, 300, 900, 3600, 3 * 3600] as const;
const RETENTION_SECONDS = 30 * 24 * 3600;

export class Outbox {
  private readonly backoff: readonly number[];
  private readonly maxAttempts: number;
  private readonly leaseSeconds: number;

  constructor(
    private readonly db: Db,
    opts: OutboxOptions = {},
  ) {
    this.backoff = opts.backoffSeconds ?? DEFAULT_BACKOFF_SECONDS;
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.leaseSeconds = opts.leaseSeconds ?? 60;
  }

  private get table() {
    return this.db.table('outbox');
  }

  item<P extends Record<string, unknown>>(kind: string, payload: P, now: Date): OutboxMessage<P> {
    return {
      id: `ob_${randomUUID()}`,
      kind,
      payload,
      status: 'pending',
      attempts: 0,
      createdAt: toShanghaiIso(now),
      dueAt: now.toISOString(),
      queue: 'pending',
    };
  }

  /** A Put for a TransactWriteItems: the message commits with the change it announces, or not at all. */
  transactPut(kind: string, payload: Record<string, unknown>, now: Date) {
    return { Put: { TableName: this.table, Item: this.item(kind, payload, now), ConditionExpression: 'attribute_not_exists(id)' } };
  }

  async enqueue(kind: string, payload: Record<string, unknown>, now: Date): Promise<OutboxMessage> {
    const item = this.item(kind, payload, now);
    await this.db.doc.send(new PutCommand({ TableName: this.table, Item: item }));
    return item;
  }

  /** Messages due at `now`, oldest first (the index is eventually consistent: a just-written one may wait a round). */
  async due(now: Date, limit: number): Promise<OutboxMessage[]> {
    const out = await this.db.doc.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: outboxTable.indexes[0].name,
        KeyConditionExpression: '#q = :pending AND dueAt <= :now',
        ExpressionAttributeNames: { '#q': 'queue' },
        ExpressionAttributeValues: { ':pending': 'pending', ':now': now.toISOString() },
        Limit: limit,
      }),
    );
    return (out.Items ?? []) as OutboxMessage[];
  }

  /** One round: claim what is due, send each through its kind's sender, record the outcome. */
  async drain(senders: Record<string, OutboxSender>, now: Date, opts: { limit?: number; concurrency?: number } = {}): Promise<DrainReport> {
    const report: DrainReport = { claimed: 0, sent: 0, retried: 0, dead: 0, skipped: 0 };
    const due = await this.due(now, opts.limit ?? 25);
    await mapPool(due, opts.concurrency ?? 4, async (next) => {
      const claimed = await this.claim(next, now);
      if (!claimed) return;
      report.claimed += 1;
      const outcome = await this.run(claimed, senders);
      const final = await this.finish(claimed, outcome, now);
      report[final] += 1;
    });
    return report;
  }

  private async run(message: OutboxMessage, senders: Record<string, OutboxSender>): Promise<OutboxOutcome> {
    const sender = senders[message.kind];
    if (!sender) return { result: 'dead', error: `no sender for kind ${message.kind}` };
    try {
      return await sender(message, {
        saveState: async (state) => {
          message.state = state;
          await this.db.doc.send(
            new UpdateCommand({
              TableName: this.table,
              Key: { id: message.id },
              UpdateExpression: 'SET #s = :s',
              ConditionExpression: 'attempts = :a',
              ExpressionAttributeNames: { '#s': 'state' },
              ExpressionAttributeValues: { ':s': state, ':a': message.attempts },
            }),
          );
        },
      });
    } catch (error) {
      // A sender that throws has met something unexpected: retry it, as a passing failure.
      return { result: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Takes the message for one attempt: only if it is still pending and due as we saw it. */
  private async claim(message: OutboxMessage, now: Date): Promise<OutboxMessage | null> {
    const leaseUntil = new Date(now.getTime() + this.leaseSeconds * 1000).toISOString();
    try {
      const out = await this.db.doc.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { id: message.id },
          UpdateExpression: 'SET attempts = attempts + :one, dueAt = :lease',
          ConditionExpression: '#q = :pending AND dueAt = :seen',
          ExpressionAttributeNames: { '#q': 'queue' },
          ExpressionAttributeValues: { ':one': 1, ':lease': leaseUntil, ':pending': 'pending', ':seen': message.dueAt },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes as OutboxMessage;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return null;
      throw error;
    }
  }

  private async finish(message: OutboxMessage, outcome: OutboxOutcome, now: Date): Promise<'sent' | 'retried' | 'dead' | 'skipped'> {
    const purgeAtEpoch = Math.floor(now.getTime() / 1000) + RETENTION_SECONDS;
    let update: { expr: string; values: Record<string, unknown> };
    let kind: 'sent' | 'retried' | 'dead' | 'skipped';
    if (outcome.result === 'retry' && message.attempts < this.maxAttempts) {
      const delay = this.backoff[Math.min(message.attempts - 1, this.backoff.length - 1)] ?? 60;
      kind = 'retried';
      update = {
        expr: 'SET dueAt = :due, lastError = :err',
        values: { ':due': new Date(now.getTime() + delay * 1000).toISOString(), ':err': outcome.error.slice(0, 300) },
      };
    } else {
      const status: OutboxStatus = outcome.result === 'sent' ? 'sent' : outcome.result === 'skipped' ? 'skipped' : 'dead';
      kind = status;
      const error = outcome.result === 'retry' || outcome.result === 'dead' ? outcome.error : outcome.result === 'skipped' ? outcome.reason : undefined;
      update = {
        expr: `SET #st = :st, finishedAt = :at, purgeAtEpoch = :purge${error ? ', lastError = :err' : ''} REMOVE #q`,
        values: { ':st': status, ':at': toShanghaiIso(now), ':purge': purgeAtEpoch, ...(error ? { ':err': error.slice(0, 300) } : {}) },
      };
    }
    await this.db.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { id: message.id },
        UpdateExpression: update.expr,
        // Still ours: nobody re-claimed it after our lease lapsed.
        ConditionExpression: 'attempts = :a',
        ...(update.expr.includes('#st') ? { ExpressionAttributeNames: { '#st': 'status', '#q': 'queue' } } : {}),
        ExpressionAttributeValues: { ...update.values, ':a': message.attempts },
      }),
    );
    return kind;
  }
}
