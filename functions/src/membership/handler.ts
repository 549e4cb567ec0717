import type { Logger } from '@aws-lambda-powertools/logger';
import { createLambdaHandler, type Guard, type LambdaHandler } from '../platform/http';
import type { MembershipService } from './service';

/** The membership function (网上入会): applications, the staff review, member cards and exports. */
export function createMembershipHandler(deps: { service: MembershipService; logger: Logger; validateResponses: boolean; guard: Guard }): LambdaHandler {
  const { service } = deps;
  return createLambdaHandler(
    'membership',
    {
      submitApplication: ({ body, ctx }) => service.submit(ctx.user(), body, ctx.now),
      getMyMembership: ({ ctx }) => service.mine(ctx.user()),
      getMemberPass: ({ ctx }) => service.pass(ctx.user(), ctx.now),
      recordSubscriptions: ({ body, ctx }) => service.recordSubscriptions(ctx.user(), body.results, ctx.now),
      getApplication: ({ params }) => service.get(params.id),
      resubmitApplication: ({ params, body, ctx }) => service.resubmit(ctx.user(), params.id, body, body.version, ctx.now),
      decideApplication: ({ params, body, ctx }) => service.decide(ctx.user(), params.id, body.action, body.note, body.version, ctx.now),
      revealApplicationPii: ({ params, body, ctx }) => service.reveal(ctx.user(), params.id, body.field, body.purpose, ctx.now),
      batchApproveApplications: ({ body, ctx }) => service.batchApprove(ctx.user(), body.items.map(({ id, version }) => ({ id, expectedVersion: version })), ctx.now),
      listApplicationQueue: ({ query }) => service.queue(query),
      exportMembers: ({ body, ctx }) => service.exportMembers(ctx.user(), body.regionCode, body.reveal, ctx.now),
    },
    deps,
  );
}
