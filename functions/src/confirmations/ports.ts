import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { batchWrite } from '../platform/batch';
import type { AwsNeeds } from '../platform/aws-access';
import type { Db } from '../platform/db';
import { confirmationsTable } from './tables';

// What other domains may call, each port with the AWS actions it needs. What the others need of the
// confirmations themselves (the summary, `workerConfirmedAt`) is on the station, read through stations.

/** A person's own answers (PIPL): listed for their data export, deleted with their account. */
export const confirmationRecordNeeds = { tables: { confirmations: ['Query', 'BatchWriteItem'] } } as const satisfies AwsNeeds;

const [byPerson] = confirmationsTable.indexes;

type PersonItem = { pk: string; sk: string; question?: string; answer?: string; at?: string };

async function personItems(db: Db, userId: string): Promise<PersonItem[]> {
  const out: PersonItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page: QueryCommandOutput = await db.doc.send(
      new QueryCommand({
        TableName: db.table('confirmations'),
        IndexName: byPerson.name,
        KeyConditionExpression: 'personId = :me',
        ExpressionAttributeValues: { ':me': userId },
        ExclusiveStartKey: start,
      }),
    );
    out.push(...((page.Items ?? []) as PersonItem[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The person's answers, for their data export: which station, which question, what, when. */
export async function confirmationRecords(db: Db, userId: string): Promise<{ stationConfirmations: unknown[] }> {
  const items = await personItems(db, userId);
  return {
    stationConfirmations: items
      .filter((i) => i.pk.startsWith('station#'))
      .map((i) => ({ stationId: i.pk.slice('station#'.length), question: i.question, answer: i.answer, at: i.at })),
  };
}

/**
 * Deletes the person's answers and standing with their account. Stations keep their summaries, which
 * count people and never name them; the next answer at a station folds without the deleted ones.
 */
export async function forgetConfirmations(db: Db, userId: string): Promise<void> {
  const table = db.table('confirmations');
  const items = await personItems(db, userId);
  await batchWrite(db.doc, items.map((i) => ({ table, request: { DeleteRequest: { Key: { pk: i.pk, sk: i.sk } } } })));
}
