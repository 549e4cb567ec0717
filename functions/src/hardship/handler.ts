import type { Logger } from '@aws-lambda-powertools/logger';
import { createLambdaHandler, type Guard, type LambdaHandler } from '../platform/http';
import type { HardshipService } from './service';

/** The hardship function (困难职工档案): files, the worker's own view, binding codes and the QR card. */
export function createHardshipHandler(deps: { service: HardshipService; logger: Logger; validateResponses: boolean; guard: Guard }): LambdaHandler {
  const { service } = deps;
  return createLambdaHandler(
    'hardship',
    {
      applyHardship: ({ body, ctx }) => service.apply(ctx.user(), body, ctx.now),
      getMyHardship: ({ ctx }) => service.mine(ctx.user()),
      createHardshipFile: ({ body, ctx }) => service.create(ctx.user(), body, ctx.now),
      listHardshipFiles: ({ query }) => service.list(query),
      getHardshipFile: ({ params, ctx }) => service.read(ctx.user(), params.id, ctx.now),
      updateHardshipFile: ({ params, body, ctx }) => service.update(ctx.user(), params.id, body, body.version, ctx.now),
      changeHardshipStatus: ({ params, body, ctx }) => service.changeStatus(ctx.user(), params.id, body.action, body.note, body.version, ctx.now),
      addHardshipAssistance: ({ params, body, ctx }) => service.addAssistance(ctx.user(), params.id, body, body.version, ctx.now),
      revealHardshipPii: ({ params, body, ctx }) => service.reveal(ctx.user(), params.id, body.field, body.purpose, ctx.now),
      issueHardshipBindingCode: ({ params, ctx }) => service.issueBindingCode(ctx.user(), params.id, ctx.now),
      reissueHardshipCard: ({ params, ctx }) => service.reissueCard(ctx.user(), params.id, ctx.now),
      revokeHardshipCard: ({ params, ctx }) => service.revokeCard(ctx.user(), params.id, ctx.now),
      scanHardshipCard: ({ body, ctx }) => service.scan(ctx.user(), body.token, ctx.now),
    },
    deps,
  );
}
