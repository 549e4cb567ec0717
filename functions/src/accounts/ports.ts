import type { AwsNeeds } from '../platform/aws-access';
import type { Db } from '../platform/db';
import { DynamoUserStore } from './store';

// What other domains may call, each port with the AWS actions it needs (they add those to their
// own declaration in access.ts, so a caller's grant follows the store behind the port).

/** Issuing a one-time binding code (DynamoBindingCodeStore.issue), e.g. for a hardship file. */
export const bindingCodeIssueNeeds = { tables: { bindingCodes: ['PutItem'] } } as const satisfies AwsNeeds;

export { DynamoBindingCodeStore } from './store';
export type { BindingCodeStore } from './store-port';

/** Staff listing (the sparse byStaff index): who looks after which district, for the stale digest. */
export const districtStaffNeeds = { tables: { users: ['Query'] } } as const satisfies AwsNeeds;

/** Each district's staff (scopes of 6 digits) by district code; city and province staff are not in it. */
export async function districtStaff(db: Db): Promise<Map<string, string[]>> {
  const byDistrict = new Map<string, string[]>();
  for (const user of await new DynamoUserStore(db).listStaff()) {
    for (const scope of user.staffScopes ?? []) {
      if (scope.length !== 6) continue;
      byDistrict.set(scope, [...(byDistrict.get(scope) ?? []), user.id]);
    }
  }
  return byDistrict;
}
