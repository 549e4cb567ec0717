import { domainAccess as declaredDomainAccess, jobAccess as declaredJobAccess, READ_ACTIONS, type ResolvedNeeds, type TableAction } from '@yz/functions';
import type { Domain } from '@yz/shared';
import type { JobName } from './jobs';

/**
 * What each function may touch. The grants are not written here: each domain declares the AWS actions
 * its stores and the ports it calls need (functions/src/<domain>/access.ts, with the router's needs:
 * functions/src/access.ts), and the stack grants exactly those actions on exactly those tables (and
 * their indexes), secrets, keys and photo prefixes. Here is only how big each function is.
 */
export type { TableAction };

/** A function's needs (tests may leave out the key and the photos) and its size. */
export interface FunctionAccess extends Pick<ResolvedNeeds, 'tables' | 'secrets'>, Partial<Pick<ResolvedNeeds, 'envelopeKey' | 'photoPrefixes'>> {
  /** Defaults: 10 s (API Gateway gives up after 30 s), 512 MB. */
  timeoutSeconds?: number;
  memoryMb?: number;
}

/** Bulk import and export of station lists: big requests, so more time and memory. */
const sizing: Partial<Record<Domain, Pick<FunctionAccess, 'timeoutSeconds' | 'memoryMb'>>> = {
  stationBulk: { timeoutSeconds: 29, memoryMb: 1024 },
};

export const domainAccess = Object.fromEntries(
  Object.entries(declaredDomainAccess).map(([domain, needs]) => [domain, { ...needs, ...sizing[domain as Domain] }]),
) as Record<Domain, FunctionAccess>;

export const jobAccess: Record<JobName, FunctionAccess> = declaredJobAccess;

export const dynamodbActions = (actions: readonly TableAction[]): string[] => actions.map((a) => `dynamodb:${a}`);

/** KMS actions a function needs on a customer-managed table key, given its table actions. */
export function kmsActionsFor(actions: readonly TableAction[]): string[] {
  const writes = actions.some((a) => !READ_ACTIONS.includes(a));
  return writes ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt', 'kms:DescribeKey'];
}
