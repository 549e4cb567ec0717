import type { AwsNeeds } from '../platform/aws-access';

// What other domains may call, each port with the AWS actions it needs (they add those to their
// own declaration in access.ts, so a caller's grant follows the store behind the port).

/** Issuing a one-time binding code (BindingCodeStore.issue), e.g. for a hardship file. */
export const bindingCodeIssueNeeds = { tables: { bindingCodes: ['PutItem'] } } as const satisfies AwsNeeds;

export { BindingCodeStore } from './store';
