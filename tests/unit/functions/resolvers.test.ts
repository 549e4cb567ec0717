import { contract, DOMAINS, type RouteDef } from '@yz/shared';
import type { Db } from '../../../functions/src/platform/db';
import { platformResolvers } from '../../../functions/src/platform/access';
import { domainResolvers } from '../../../functions/src/resolvers';

/**
 * Every object a route names (its access rule's `object.type`) has a resolver in that route's function:
 * the platform's (regions, users) or its domain's (resolver.ts). A missing one would be a 500 at the
 * first request, so it is checked here, for every route, rather than found by a caller.
 */
describe('object resolvers cover the routes', () => {
  // The resolvers only close over the Db; nothing is read while listing them.
  const db = {} as Db;
  for (const domain of DOMAINS) {
    const routes = Object.entries(contract as Record<string, RouteDef>).filter(([, r]) => r.domain === domain);
    const named = [...new Set(routes.flatMap(([, r]) => (r.access.kind === 'roles' && r.access.object ? [r.access.object.type] : [])))].sort();
    it(`${domain}: ${named.join(', ') || 'no objects'}`, () => {
      const held = { ...platformResolvers(db), ...domainResolvers[domain](db) };
      expect(named.filter((type) => !held[type])).toEqual([]);
    });
  }

  it("no domain redefines the platform's region or user", () => {
    for (const domain of DOMAINS) {
      const types = Object.keys(domainResolvers[domain](db));
      expect(types.filter((t) => t === 'region' || t === 'user')).toEqual([]);
    }
  });
});
