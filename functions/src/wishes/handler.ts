import type { Logger } from '@aws-lambda-powertools/logger';
import { AppError } from '../platform/errors';
import { createLambdaHandler, type Guard, type LambdaHandler } from '../platform/http';

const notYet = () => Promise.reject(new AppError(501, 'NOT_IMPLEMENTED', '心愿功能正在建设中'));

/** The wishes function (微心愿): the wall, posting, moderation, claims, handover, volunteers, numbers. */
export function createWishesHandler(deps: { logger: Logger; validateResponses: boolean; guard: Guard }): LambdaHandler {
  return createLambdaHandler(
    'wishes',
    {
      wishWall: notYet,
      wishCities: notYet,
      getWish: notYet,
      postWish: notYet,
      myWishes: notYet,
      editWish: notYet,
      withdrawWish: notYet,
      confirmWishReceived: notYet,
      thankWish: notYet,
      recordWishSubscriptions: notYet,
      registerVolunteer: notYet,
      getMyVolunteer: notYet,
      claimWish: notYet,
      cancelClaim: notYet,
      deliverWish: notYet,
      uploadDeliveryPhoto: notYet,
      myClaims: notYet,
      listRegionWishes: notYet,
      moderateWish: notYet,
      closeWish: notYet,
      revealClaimantContact: notYet,
      wishStats: notYet,
      stationWishes: notYet,
      stationHandover: notYet,
    },
    deps,
  );
}
