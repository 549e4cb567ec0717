import { domainAccess as declaredDomainAccess, jobAccess as declaredJobAccess, tileBuilderAccess as declaredTileBuilderAccess, READ_ACTIONS, type ResolvedNeeds, type TableAction } from '@yz/functions';
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
export interface FunctionAccess extends Pick<ResolvedNeeds, 'tables' | 'secrets'>, Partial<Pick<ResolvedNeeds, 'envelopeKey' | 'photos'>> {
  /** Defaults: 10 s (API Gateway gives up after 30 s), 512 MB. */
  timeoutSeconds?: number;
  memoryMb?: number;
  /** Concurrent executions reserved (and capped) for the function. */
  reservedConcurrency?: number;
}

type Sizing = Pick<FunctionAccess, 'timeoutSeconds' | 'memoryMb' | 'reservedConcurrency'>;

/**
 * Bulk import and export of station lists: big requests, so more time and memory; an import writes
 * thousands of items, a few at a time, so that searches keep their capacity.
 */
const sizing: Partial<Record<Domain, Sizing>> = {
  stationBulk: { timeoutSeconds: 29, memoryMb: 1024, reservedConcurrency: 2 },
};

/** One run of each job at a time: a second concurrent run would only race the first over the same items. */
const jobSizing: Record<JobName, Sizing> = {
  'board-expiry': { reservedConcurrency: 1 },
  'claim-expiry': { reservedConcurrency: 1 },
  outbox: { reservedConcurrency: 1 },
  'stale-digest': { reservedConcurrency: 1 },
  retention: { reservedConcurrency: 1 },
};

export const domainAccess = Object.fromEntries(
  Object.entries(declaredDomainAccess).map(([domain, needs]) => [domain, { ...needs, ...sizing[domain as Domain] }]),
) as Record<Domain, FunctionAccess>;

export const jobAccess = Object.fromEntries(
  Object.entries(declaredJobAccess).map(([job, needs]) => [job, { ...needs, ...jobSizing[job as JobName] }]),
) as Record<JobName, FunctionAccess>;

/** The tile builder: one run at a time (it rewrites the manifest), a minute for a large import's batch. */
export const tileBuilderAccess: FunctionAccess = { ...declaredTileBuilderAccess, reservedConcurrency: 1, timeoutSeconds: 60, memoryMb: 512 };

export const dynamodbActions = (actions: readonly TableAction[]): string[] => actions.map((a) => `dynamodb:${a}`);

/** KMS actions a function needs on a customer-managed table key, given its table actions. */
export function kmsActionsFor(actions: readonly TableAction[]): string[] {
  const writes = actions.some((a) => !READ_ACTIONS.includes(a));
  return writes ? ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt', 'kms:DescribeKey'];
}
