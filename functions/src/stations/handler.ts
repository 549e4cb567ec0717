import type { Logger } from '@aws-lambda-powertools/logger';
import type { SearchCounter } from '../activity/search-counts';
import { createLambdaHandler, type Guard, type LambdaHandler } from '../platform/http';
import { listRegions } from '../platform/regions';
import type { StationService } from './service';

/** The stations function: nearby search, district browse, station pages and region names. */
export function createStationsHandler(deps: {
  service: StationService;
  searches: SearchCounter;
  logger: Logger;
  validateResponses: boolean;
  guard: Guard;
}): LambdaHandler {
  const { service, searches } = deps;
  return createLambdaHandler(
    'stations',
    {
      nearbyStations: async ({ query, ctx }) => {
        const result = await service.nearby(query, ctx.now);
        ctx.responseHeaders['x-yz-items-read'] = String(result.itemsRead);
        ctx.responseHeaders['x-yz-cells-read'] = String(result.cellsRead);
        // Coverage counts only searches from where a worker is, never from a city picked by hand.
        if (query.locatedBy === 'device') await searches.count(query, result.nearestDistrict, ctx.now);
        return { items: result.items, radius: result.radius, relax: result.relax };
      },
      getStation: async ({ params }) => service.get(params.id),
      districtStations: async ({ query, ctx }) => {
        const { itemsRead, ...page } = await service.districtStations(query, ctx.now);
        ctx.responseHeaders['x-yz-items-read'] = String(itemsRead);
        return page;
      },
      listRegions: async ({ query }) => listRegions(query.parent),
    },
    deps,
  );
}
