import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { AMENITY_EVIDENCE_DAYS, CONFIRM_REPEAT_HOURS, toShanghaiIso, type ConfirmationAnswer, type ConfirmationQuestion, type StoredAnswer } from '@yz/shared';
import type { Db } from '../platform/db';

/** A person's standing: how often their answers agreed with the others' at the same station. */
export interface PersonRecord {
  agreed: number;
  disagreed: number;
}

/** The answers the confirmation service keeps, without knowing about DynamoDB. */
export interface ConfirmationStore {
  /**
   * Keeps the person's answer unless they answered the same question at the same station less than
   * CONFIRM_REPEAT_HOURS ago: false then. One conditional put, so two taps at once store one answer.
   */
  record(stationId: string, userId: string, answer: { question: ConfirmationQuestion; answer: ConfirmationAnswer; weight: number }, now: Date): Promise<boolean>;
  /** Every person's latest answer on every question at the station (who answered is not returned). */
  answers(stationId: string): Promise<StoredAnswer[]>;
  person(userId: string): Promise<PersonRecord>;
  /** Counts one answer of the person as agreeing or disagreeing with the others'. */
  tally(userId: string, agreed: boolean, now: Date): Promise<void>;
}

const HOUR_MS = 3600_000;
const PERSON_KEEP_DAYS = 180;

export class DynamoConfirmationStore implements ConfirmationStore {
  constructor(private readonly db: Db) {}

  private get table() {
    return this.db.table('confirmations');
  }

  async record(stationId: string, userId: string, a: { question: ConfirmationQuestion; answer: ConfirmationAnswer; weight: number }, now: Date): Promise<boolean> {
    const atMs = now.getTime();
    try {
      await this.db.doc.send(
        new PutCommand({
          TableName: this.table,
          Item: {
            pk: `station#${stationId}`,
            sk: `answer#${a.question}#${userId}`,
            personId: userId,
            question: a.question,
            answer: a.answer,
            weight: a.weight,
            at: toShanghaiIso(now),
            atMs,
            expiresAtEpoch: Math.ceil(atMs / 1000) + AMENITY_EVIDENCE_DAYS * 86_400,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR atMs <= :cutoff',
          ExpressionAttributeValues: { ':cutoff': atMs - CONFIRM_REPEAT_HOURS * HOUR_MS },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async answers(stationId: string): Promise<StoredAnswer[]> {
    const out: StoredAnswer[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page: QueryCommandOutput = await this.db.doc.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :answer)',
          ExpressionAttributeValues: { ':pk': `station#${stationId}`, ':answer': 'answer#' },
          ProjectionExpression: 'question, answer, #at, weight',
          ExpressionAttributeNames: { '#at': 'at' },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) {
        out.push({ question: item.question, answer: item.answer, at: item.at, weight: Number(item.weight ?? 1) } as StoredAnswer);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async person(userId: string): Promise<PersonRecord> {
    const out = await this.db.doc.send(new GetCommand({ TableName: this.table, Key: { pk: `person#${userId}`, sk: 'weight' } }));
    return { agreed: Number(out.Item?.agreed ?? 0), disagreed: Number(out.Item?.disagreed ?? 0) };
  }

  async tally(userId: string, agreed: boolean, now: Date): Promise<void> {
    await this.db.doc.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `person#${userId}`, sk: 'weight' },
        UpdateExpression: 'ADD #n :one SET personId = :me, expiresAtEpoch = :exp',
        ExpressionAttributeNames: { '#n': agreed ? 'agreed' : 'disagreed' },
        ExpressionAttributeValues: { ':one': 1, ':me': userId, ':exp': Math.ceil(now.getTime() / 1000) + PERSON_KEEP_DAYS * 86_400 },
      }),
    );
  }
}
