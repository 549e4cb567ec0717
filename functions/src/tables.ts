import { accountTables } from './accounts/tables';
import { activityTables } from './activity/tables';
import { boardTables } from './board/tables';
import { confirmationTables } from './confirmations/tables';
import { hardshipTables } from './hardship/tables';
import { membershipTables } from './membership/tables';
import type { TableDef } from './platform/table-def';
import { platformTables } from './platform/tables';
import { stationTables } from './stations/tables';
import { wishTables } from './wishes/tables';

/**
 * Every DynamoDB table, composed from the domains that own them: the local stack and the tests create
 * these, the CDK app deploys these (and derives each function's grants from the domains' access
 * declarations, which name tables by these keys).
 */
export const tables = {
  ...stationTables,
  ...accountTables,
  ...platformTables,
  ...membershipTables,
  ...activityTables,
  ...hardshipTables,
  ...wishTables,
  ...boardTables,
  ...confirmationTables,
} as const satisfies Record<string, TableDef>;

export type TableName = keyof typeof tables;

export function physicalTableName(prefix: string, table: TableName): string {
  return `${prefix}${tables[table].name}`;
}
