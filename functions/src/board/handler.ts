import type { Logger } from '@aws-lambda-powertools/logger';
import { createLambdaHandler, type Guard, type LambdaHandler } from '../platform/http';
import type { BoardService } from './service';

/** The board function (公告栏): posting, the lists, phone reveals, reports, places and check-in, following, moderation. */
export function createBoardHandler(deps: { service: BoardService; logger: Logger; validateResponses: boolean; guard: Guard }): LambdaHandler {
  const { service } = deps;
  return createLambdaHandler(
    'board',
    {
      stationBoard: ({ params, ctx }) => service.stationBoard(params.id, ctx.now),
      nearbyPosts: ({ query, ctx }) => service.nearby(query, ctx.now),
      getPost: ({ params }) => service.getPost(params.id),
      createPost: ({ params, body, ctx }) => service.create(ctx.user(), params.id, body, ctx.now),
      renewPost: ({ params, ctx }) => service.renew(params.id, ctx.now),
      withdrawPost: ({ params, ctx }) => service.withdraw(params.id, ctx.now),
      revealPostPhone: ({ params, ctx }) => service.revealPhone(ctx.user(), params.id, ctx.now),
      reportPost: ({ params, body, ctx }) => service.report(ctx.user(), params.id, body, ctx.now),
      reservePlace: ({ params, ctx }) => service.reserve(ctx.user(), params.id, ctx.now),
      eventAttendance: ({ params }) => service.attendance(params.id),
      checkInByCode: ({ params, body, ctx }) => service.checkIn(params.id, body.code, ctx.now),
      stationFollow: ({ params, ctx }) => service.followState(ctx.user(), params.id),
      followStation: ({ params, body, ctx }) => service.follow(ctx.user(), params.id, body.results, ctx.now),
      unfollowStation: ({ params, ctx }) => service.unfollow(ctx.user(), params.id),
      reportedPosts: ({ query }) => service.reported(query),
      moderatePost: ({ params, body, ctx }) => service.moderate(ctx.user(), params.id, body, ctx.now),
    },
    deps,
  );
}
