import { ApiErrorBody, commonMessages, contract, routeNames, type RouteDef } from '@yz/shared';
import * as z from 'zod';
import { loginAs, request } from '../helpers/api';
import { makeStation, putStations, startTestStack, type TestStack } from '../helpers/stack';

/**
 * Every paged route refuses a cursor it did not hand out with one 400 (INVALID_CURSOR), never a 500.
 * The routes come from the contract (every route whose query has a `cursor`), so a new paged route is
 * covered without being listed here; one whose required parameters have no sample below fails loudly.
 */

const station = makeStation({ id: 'cursor-station' });
const DISTRICT = station.district.code;

/** Values for the required path and query parameters of the paged routes, by parameter name. */
const SAMPLES: Record<string, string> = { id: station.id, regionCode: DISTRICT, districtCode: DISTRICT };

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const FORGED: [string, string][] = [
  ['JSON with keys of no index', b64(JSON.stringify({ foo: 'bar' }))],
  ['the right kind of names with wrong types', b64(JSON.stringify({ id: 1, regionCode: { S: 'x' }, statusKey: [1], stationId: null, name: 2 }))],
  ['an empty key value', b64(JSON.stringify({ id: '' }))],
  ['JSON that is not an object', b64('[1,2,3]')],
  ['JSON null', b64('null')],
  ['base64url that is not JSON', b64('not json {')],
  ['characters outside base64url', '!!!$$$'],
  ['a huge cursor', 'A'.repeat(5000)],
];

const paged = routeNames
  .map((name) => ({ name, route: contract[name] as RouteDef }))
  .filter(({ route }) => route.method === 'GET' && route.query instanceof z.ZodObject && 'cursor' in route.query.shape);

function pathOf(route: RouteDef): string {
  return route.path.replace(/\{(\w+)\}/g, (_, param: string) => {
    const sample = SAMPLES[param];
    if (sample === undefined) throw new Error(`no sample for the path parameter "${param}" of ${route.path}: add one to SAMPLES`);
    return encodeURIComponent(sample);
  });
}

function requiredQuery(route: RouteDef): URLSearchParams {
  const shape = (route.query as z.ZodObject).shape as Record<string, z.ZodType>;
  const query = new URLSearchParams();
  for (const [key, schema] of Object.entries(shape)) {
    if (schema.safeParse(undefined).success) continue;
    const sample = SAMPLES[key];
    if (sample === undefined) throw new Error(`no sample for the required query parameter "${key}" of ${route.path}: add one to SAMPLES`);
    query.set(key, sample);
  }
  // A rule across fields (a place: a point or a district) needs one optional parameter more.
  const passes = (q: URLSearchParams) => route.query!.safeParse(Object.fromEntries(q)).success;
  if (!passes(query)) {
    const extra = Object.keys(shape).find((key) => !query.has(key) && SAMPLES[key] !== undefined && passes(new URLSearchParams([...query, [key, SAMPLES[key]!]])));
    if (extra === undefined) throw new Error(`no sample query passes the rules of ${route.path}: add one to SAMPLES`);
    query.set(extra, SAMPLES[extra]!);
  }
  return query;
}

let stack: TestStack;
let admin: string;
beforeAll(async () => {
  stack = await startTestStack();
  await putStations(stack, [station]);
  admin = (await loginAs(stack.url, 'admin')).token;
});
afterAll(async () => {
  await stack?.stop();
});

describe('forged page cursors', () => {
  it('finds the paged routes in the contract', () => {
    // The routes issue 12 named, and the two that already answered 400: a floor, not the list.
    expect(paged.map((p) => p.name)).toEqual(
      expect.arrayContaining(['listApplicationQueue', 'listHardshipFiles', 'listAudit', 'listStations', 'stationReports', 'stationHistory', 'wishWall', 'districtStations']),
    );
  });

  it.each(paged.map((p) => [p.name, p.route] as const))('%s answers a page without a cursor', async (_, route) => {
    const res = await request(stack.url, 'GET', `${pathOf(route)}?${requiredQuery(route)}`, { token: admin });
    expect(res.status).toBe(200);
  });

  const cases = paged.flatMap((p) => FORGED.map(([what, cursor]) => [p.name, what, p.route, cursor] as const));
  it.each(cases)('%s refuses %s with 400 INVALID_CURSOR', async (_, __, route, cursor) => {
    const query = requiredQuery(route);
    query.set('cursor', cursor);
    const res = await request<ApiErrorBody>(stack.url, 'GET', `${pathOf(route)}?${query}`, { token: admin });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_CURSOR', message: commonMessages.INVALID_CURSOR, field: 'cursor' });
  });

  it('refuses a well-formed cursor of another partition', async () => {
    // The key shape is right, but it points into another district's pages.
    const other = b64(JSON.stringify({ districtCode: '110101', name: '某驿站', id: 'st-1' }));
    const res = await request<ApiErrorBody>(stack.url, 'GET', `/stations?districtCode=${DISTRICT}&cursor=${other}`);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_CURSOR');
  });
});
