import {
  CreateTableCommand,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type AttributeDefinition,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { physicalTableName, tables, type TableDef, type TableName } from '@yz/functions';
import type { Db } from '@yz/functions/platform/db';

/** CreateTable input for a table definition: the same keys and indexes the CDK app deploys. */
export function createTableInput(def: TableDef, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, AttributeDefinition>();
  const note = (k?: { name: string; type: 'S' | 'N' }) => {
    if (k) attributes.set(k.name, { AttributeName: k.name, AttributeType: k.type });
  };
  note(def.partitionKey);
  note(def.sortKey);
  for (const index of def.indexes) {
    note(index.partitionKey);
    note(index.sortKey);
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    ...(def.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream } } : {}),
    AttributeDefinitions: [...attributes.values()],
    KeySchema: [
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' },
      ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(def.indexes.length > 0
      ? {
          GlobalSecondaryIndexes: def.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
              ...(index.sortKey ? [{ AttributeName: index.sortKey.name, KeyType: 'RANGE' as const }] : []),
            ],
            Projection: {
              ProjectionType: index.projection,
              ...(index.projection === 'INCLUDE' ? { NonKeyAttributes: [...(index.nonKeyAttributes ?? [])] } : {}),
            },
          })),
        }
      : {}),
  };
}

/** Create every table that does not exist yet under the prefix. Returns the ones it created. */
export async function ensureTables(db: Db, prefix: string): Promise<TableName[]> {
  const existing = new Set<string>();
  let start: string | undefined;
  do {
    const out = await db.raw.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    for (const name of out.TableNames ?? []) existing.add(name);
    start = out.LastEvaluatedTableName;
  } while (start);

  const created: TableName[] = [];
  for (const [key, def] of Object.entries(tables) as [TableName, TableDef][]) {
    const name = physicalTableName(prefix, key);
    if (existing.has(name)) continue;
    await db.raw.send(new CreateTableCommand(createTableInput(def, name)));
    await waitUntilTableExists({ client: db.raw, maxWaitTime: 30 }, { TableName: name });
    if (def.ttlAttribute) {
      await db.raw.send(
        new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { Enabled: true, AttributeName: def.ttlAttribute } }),
      );
    }
    created.push(key);
  }
  return created;
}
