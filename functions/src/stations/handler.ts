import type { Logger } from '@aws-lambda-powertools/logger';
import { createLambdaHandler, type Guard, type LambdaHandler } from '../platform/http';
import { StationService } from './service';

/** The stations function: nearby search and station pages. */
export function createStationsHandler(deps: { service: StationService; logger: Logger; validateResponses: boolean; guard: Guard }): LambdaHandler {
  const { service } = deps;
  return createLambdaHandler(
    'stations',
    {
      nearbyStations: async ({ query, ctx }) => {
        const result = await service.nearby(query);
        ctx.responseHeaders['x-yz-items-read'] = String(result.itemsRead);
        ctx.responseHeaders['x-yz-cells-read'] = String(result.cellsRead);
        return { items: result.items, radius: result.radius };
      },
      getStation: async ({ params }) => service.get(params.id),
    },
    deps,
  );
}
