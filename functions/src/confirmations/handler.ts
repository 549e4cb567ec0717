import type { Logger } from '@aws-lambda-powertools/logger';
import { createLambdaHandler, type Guard, type LambdaHandler } from '../platform/http';
import type { ConfirmationService } from './service';

/** The confirmations function: workers at a station confirm what they see. */
export function createConfirmationsHandler(deps: { service: ConfirmationService; logger: Logger; validateResponses: boolean; guard: Guard }): LambdaHandler {
  const { service } = deps;
  return createLambdaHandler(
    'confirmations',
    {
      confirmStation: ({ params, body, ctx }) => service.confirm(ctx.user(), params.id, body, ctx.now),
    },
    deps,
  );
}
