import type { Logger } from '@aws-lambda-powertools/logger';
import { createLambdaHandler, type Guard, type LambdaHandler } from '../platform/http';
import type { WishesService } from './service';

/** The wishes function (微心愿): the wall, posting, moderation, claims, handover, volunteers, numbers. */
export function createWishesHandler(deps: { service: WishesService; logger: Logger; validateResponses: boolean; guard: Guard }): LambdaHandler {
  const { service } = deps;
  return createLambdaHandler(
    'wishes',
    {
      wishWall: ({ query }) => service.wallPage(query),
      wishCities: () => service.cities(),
      getWish: ({ params }) => service.publicWish(params.id),
      postWish: ({ body, ctx }) => service.post(ctx.user(), body, ctx.now),
      myWishes: ({ ctx }) => service.myWishes(ctx.user()),
      editWish: ({ params, body, ctx }) => service.edit(ctx.user(), params.id, body, body.version, ctx.now),
      withdrawWish: ({ params, body, ctx }) => service.withdraw(ctx.user(), params.id, body.version, ctx.now),
      confirmWishReceived: ({ params, body, ctx }) => service.confirmReceived(ctx.user(), params.id, body.version, ctx.now),
      thankWish: ({ params, body, ctx }) => service.thank(ctx.user(), params.id, body.text, body.version, ctx.now),
      recordWishSubscriptions: ({ body, ctx }) => service.recordSubscriptions(ctx.user(), body.results, ctx.now),
      registerVolunteer: ({ body, ctx }) => service.registerVolunteer(ctx.user(), body, ctx.now),
      getMyVolunteer: ({ ctx }) => service.myVolunteer(ctx.user()),
      claimWish: ({ params, ctx }) => service.claim(ctx.user(), params.id, ctx.now),
      cancelClaim: ({ params, body, ctx }) => service.cancelClaim(ctx.user(), params.id, body.version, ctx.now),
      deliverWish: ({ params, body, ctx }) => service.deliver(ctx.user(), params.id, body.note, body.version, ctx.now),
      uploadDeliveryPhoto: ({ params, file, ctx }) => service.uploadPhoto(ctx.user(), params.id, file, ctx.now),
      myClaims: ({ ctx }) => service.myClaims(ctx.user(), ctx.now),
      listRegionWishes: ({ query, ctx }) => service.regionList(query, ctx.now),
      moderateWish: ({ params, body, ctx }) => service.moderate(ctx.user(), params.id, body.action, body.reason, body.version, ctx.now),
      closeWish: ({ params, body, ctx }) => service.close(ctx.user(), params.id, body.reason, body.version, ctx.now),
      revealClaimantContact: ({ params, ctx }) => service.revealClaimant(ctx.user(), params.id, ctx.now),
      wishStats: ({ query, ctx }) => service.stats(query, ctx.now),
      stationWishes: ({ params }) => service.stationList(params.id),
      stationHandover: ({ params, body, ctx }) => service.handover(ctx.user(), params.id, body.code, ctx.now),
    },
    deps,
  );
}
