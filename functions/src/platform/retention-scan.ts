import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './db';
import { regionChildren } from './regions';
import type { RetentionPolicy } from './retention';
import { sortableAt } from './transaction';
import type { TableName } from '../tables';

type Item = Record<string, unknown>;

/**
 * Items of a table's `byProvince` index (sort key `statusKey` = `<prefix><last change>#<id>`) whose
 * last change is older than their district's retention period: one range query per province, bounded
 * by the latest cutoff in that province, then each item checked against its own district's cutoff.
 * `at` turns the sort key's time into the one compared (the index's key is Shanghai time, to the ms).
 */
export async function* dueForErasure(
  db: Db,
  table: TableName,
  prefixes: string[],
  policy: RetentionPolicy,
  now: Date,
  changedAt: (item: Item) => string,
): AsyncGenerator<Item> {
  for (const province of regionChildren() ?? []) {
    const bound = sortableAt(policy.latestCutoffIn(province.code, now));
    for (const prefix of prefixes) {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.doc.send(
          new QueryCommand({
            TableName: db.table(table),
            IndexName: 'byProvince',
            KeyConditionExpression: 'provinceCode = :p AND statusKey BETWEEN :lo AND :hi',
            ExpressionAttributeValues: { ':p': province.code, ':lo': prefix, ':hi': `${prefix}${bound}` },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) {
          if (Date.parse(changedAt(item)) < policy.cutoffFor(item.districtCode as string | undefined, now).getTime()) yield item;
        }
        start = out.LastEvaluatedKey;
      } while (start);
    }
  }
}
