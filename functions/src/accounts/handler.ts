import type { Logger } from '@aws-lambda-powertools/logger';
import { createLambdaHandler, type Guard, type LambdaHandler } from '../platform/http';
import type { AccountService } from './service';

/** The accounts function: login, sessions, roles, bindings and the audit log. */
export function createAccountsHandler(deps: { service: AccountService; logger: Logger; validateResponses: boolean; guard: Guard }): LambdaHandler {
  const { service } = deps;
  return createLambdaHandler(
    'accounts',
    {
      loginWechat: ({ body, ctx }) => service.loginWechat(body.code, ctx.now),
      loginDev: ({ body, ctx }) => service.loginDev(body.persona, ctx.now),
      listPersonas: async () => service.personas(),
      logout: ({ ctx }) => service.logout(ctx.user()),
      getMe: ({ ctx }) => service.me(ctx.user()),
      exportMyData: ({ ctx }) => service.exportData(ctx.user(), ctx.now),
      deleteMe: ({ ctx }) => service.deleteAccount(ctx.user(), ctx.now),
      listStaff: () => service.listStaff(),
      grantStaff: ({ body, ctx }) => service.grantStaff(ctx.user(), body.userId, body.regionCode, ctx.now),
      revokeStaff: ({ params, ctx }) => service.revokeStaff(ctx.user(), params.userId, params.regionCode, ctx.now),
      issueBindingCode: ({ body, ctx }) => service.issueHostCode(ctx.user(), body.stationId, ctx.now),
      redeemBindingCode: ({ body, ctx }) => service.redeem(ctx.user(), body.code, ctx.now),
      createHostInvitation: ({ params, ctx }) => service.createHostInvitation(ctx.user(), params.id, ctx.now),
      revokeHostInvitation: ({ params, ctx }) => service.revokeHostInvitation(ctx.user(), params.id, params.invitationId, ctx.now),
      redeemHostInvitation: ({ body, ctx }) => service.redeemHostInvitation(ctx.user(), body.content, body.name, ctx.now),
      unbindHost: ({ params, ctx }) => service.unbindHost(ctx.user(), params.id, params.userId, ctx.now),
      listAudit: ({ query, ctx: _ctx }) => service.listAudit(query.regionCode, query.limit, query.cursor),
    },
    deps,
  );
}
