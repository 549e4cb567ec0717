import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../platform/db';

/**
 * Every item of a per-day counter's region index for a region over some days. Both counters (QR
 * visits, searches) index by `provinceDay` = `<province>#<day>` with a sort key that starts with the
 * district code, so a province is the whole partition and a city or district a `begins_with` on it.
 * The days are read in parallel, each page by page; `visit` sees each item with its day.
 */
export async function forEachInRegionDays(
  db: Db,
  where: { table: string; index: string; sortKey: string },
  regionCode: string,
  days: readonly string[],
  visit: (item: Record<string, unknown>, day: string) => void,
): Promise<void> {
  const province = regionCode.slice(0, 2);
  const narrow = regionCode.length > 2;
  await Promise.all(
    days.map(async (day) => {
      let start: Record<string, unknown> | undefined;
      do {
        const out = await db.doc.send(
          new QueryCommand({
            TableName: where.table,
            IndexName: where.index,
            KeyConditionExpression: narrow ? `provinceDay = :p AND begins_with(${where.sortKey}, :r)` : 'provinceDay = :p',
            ExpressionAttributeValues: { ':p': `${province}#${day}`, ...(narrow ? { ':r': regionCode } : {}) },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of out.Items ?? []) visit(item, day);
        start = out.LastEvaluatedKey;
      } while (start);
    }),
  );
}
