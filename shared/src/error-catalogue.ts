import { AccountErrorCode } from './account';
import { ActivityErrorCode } from './activity';
import { BoardErrorCode } from './board';
import { ConfirmationErrorCode } from './confirmation';
import { HardshipErrorCode } from './hardship';
import { MembershipErrorCode } from './membership';
import { StationErrorCode } from './station';
import { StationImportErrorCode } from './station-import';
import { WishErrorCode } from './wishes';
import { CommonErrorCode, PlatformErrorCode } from './errors';

/**
 * The catalogue: every code the API answers with. A route's `errors` list is typed against it, so a
 * misspelt code fails the type-check instead of reaching the API docs.
 */
export const ErrorCode = {
  ...CommonErrorCode,
  ...PlatformErrorCode,
  ...StationErrorCode,
  ...StationImportErrorCode,
  ...AccountErrorCode,
  ...ActivityErrorCode,
  ...MembershipErrorCode,
  ...HardshipErrorCode,
  ...WishErrorCode,
  ...BoardErrorCode,
  ...ConfirmationErrorCode,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
