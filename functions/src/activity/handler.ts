import type { Logger } from '@aws-lambda-powertools/logger';
import { createLambdaHandler, type Guard, type LambdaHandler } from '../platform/http';
import type { ActivityService } from './service';

/** The activity function: problem reports, QR visits, station QR codes and coverage. */
export function createActivityHandler(deps: { service: ActivityService; logger: Logger; validateResponses: boolean; guard: Guard }): LambdaHandler {
  const { service } = deps;
  return createLambdaHandler(
    'activity',
    {
      reportProblem: ({ params, body, ctx }) => service.reportProblem(ctx.user(), params.id, body, ctx.now),
      stationReports: ({ params, query }) => service.stationReports(params.id, query.limit, query.cursor, query.status),
      replyToReport: ({ params, body, ctx }) => service.replyToReport(ctx.user(), params.id, params.reportId, body.message, body.resolve, ctx.now),
      myReports: ({ ctx }) => service.myReports(ctx.user()),
      regionReports: ({ query }) => service.regionReports(query.regionCode, query.limit, query.cursor),
      recordVisit: ({ params, ctx }) => service.recordVisit(ctx.user(), params.id, ctx.now),
      stationVisits: ({ params, query, ctx }) => service.stationVisits(params.id, query.days, ctx.now),
      recordMemberScan: ({ params, body, ctx }) => service.recordMemberScan(params.id, body.token, body.scannedAt, ctx.now),
      stationMemberScans: ({ params, query, ctx }) => service.stationMemberScans(params.id, query.days, ctx.now),
      regionVisits: ({ query, ctx }) => service.regionVisits(query.regionCode, query.days, ctx.now),
      stationQrCode: ({ params }) => service.qrCode(params.id),
      coverageGaps: ({ query, ctx }) => service.coverage(query.regionCode, query.days, query.at ? new Date(query.at) : ctx.now),
    },
    deps,
  );
}
