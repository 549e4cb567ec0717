import type { Logger } from '@aws-lambda-powertools/logger';
import type { SearchCounter } from '../activity/ports';
import { createLambdaHandler, type Guard, type LambdaHandler } from '../platform/http';
import { METRIC, type AppMetrics } from '../platform/metrics';
import { listRegions } from '../platform/regions';
import { actorFor, type StationKeeping } from './station-writes';
import type { StationService } from './service';

/** The stations function: nearby search, district browse, station pages, region names; hosts and staff keeping stations true. */
export function createStationsHandler(deps: {
  service: StationService;
  keeping: StationKeeping;
  searches: SearchCounter;
  logger: Logger;
  metrics: AppMetrics;
  /** Internal read counters as response headers: only the local stack (benchmarks, tests) asks for them. */
  debugCounters: boolean;
  validateResponses: boolean;
  guard: Guard;
}): LambdaHandler {
  const { service, keeping, searches, metrics, debugCounters } = deps;
  return createLambdaHandler(
    'stations',
    {
      nearbyStations: async ({ query, ctx }) => {
        const result = await service.nearby(query, ctx.now);
        metrics.emit({ [METRIC.searchItemsRead]: result.itemsRead, [METRIC.searchCellsRead]: result.cellsRead });
        if (debugCounters) {
          ctx.responseHeaders['x-yz-items-read'] = String(result.itemsRead);
          ctx.responseHeaders['x-yz-cells-read'] = String(result.cellsRead);
        }
        // Coverage counts only searches from where a worker is, never from a city picked by hand.
        if (query.locatedBy === 'device') await searches.count(query, result.nearestDistrict, ctx.now);
        return { items: result.items, radius: result.radius, relax: result.relax };
      },
      getStation: async ({ params }) => service.get(params.id),
      districtStations: async ({ query, ctx }) => {
        const { itemsRead, ...page } = await service.districtStations(query, ctx.now);
        if (debugCounters) ctx.responseHeaders['x-yz-items-read'] = String(itemsRead);
        return page;
      },
      listRegions: async ({ query }) => listRegions(query.parent),

      updateStationHours: async ({ params, body, ctx }) =>
        keeping.setHours(ctx.user(), params.id, body.expectedVersion, body.hours, ctx.now),
      closeStation: async ({ params, body, ctx }) =>
        keeping.close(ctx.user(), params.id, body.expectedVersion, body.reason, body.until, ctx.now),
      reopenStation: async ({ params, body, ctx }) => keeping.reopen(ctx.user(), params.id, body.expectedVersion, ctx.now),
      updateStationNotice: async ({ params, body, ctx }) =>
        keeping.setNotice(ctx.user(), params.id, body.expectedVersion, body.notice, ctx.now),
      updateStationAmenities: async ({ params, body, ctx }) =>
        keeping.setAmenities(ctx.user(), params.id, body.expectedVersion, body.amenities, ctx.now),
      updateStationPhones: async ({ params, body, ctx }) =>
        keeping.setPhones(ctx.user(), params.id, body.expectedVersion, body.phones, ctx.now),
      uploadStationPhoto: async ({ params, query, file, ctx }) =>
        keeping.uploadPhoto(ctx.user(), params.id, query.expectedVersion, file, ctx.now),
      removeStationPhoto: async ({ params, query, ctx }) =>
        keeping.removePhoto(ctx.user(), params.id, query.expectedVersion, ctx.now),
      verifyStation: async ({ params, body, ctx }) => keeping.verify(ctx.user(), params.id, body.expectedVersion, ctx.now),
      stationHistory: async ({ params, query }) => keeping.history(params.id, query.limit, query.cursor),

      listStations: async ({ query }) => keeping.list(query.regionCode, { status: query.status, limit: query.limit, cursor: query.cursor }),
      createStation: async ({ body, ctx }) => keeping.create(actorFor(ctx.user(), body.districtCode), body, ctx.now),
      updateStationProfile: async ({ params, body, ctx }) =>
        keeping.updateProfile(ctx.user(), params.id, body, ctx.now),
      deactivateStation: async ({ params, body, ctx }) =>
        keeping.deactivate(ctx.user(), params.id, body.expectedVersion, body.reason, ctx.now),
      activateStation: async ({ params, body, ctx }) => keeping.activate(ctx.user(), params.id, body.expectedVersion, ctx.now),
      listStationHosts: async ({ params }) => keeping.hosts(params.id),
    },
    deps,
  );
}
