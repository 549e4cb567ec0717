import { PUBLIC, type Access } from './access';
import { NearbyQuery, NearbyResponse, Station, StationParams } from './station';
import { z } from './z';

/**
 * The route table: every HTTP route the system has, declared once. The mini-program's client, the
 * Lambda routing, the local server, the CDK routes and the OpenAPI document are all derived from it.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Each domain is one Lambda function in AWS. */
export const DOMAINS = ['stations'] as const;
export type Domain = (typeof DOMAINS)[number];

export interface RouteDef {
  method: HttpMethod;
  /** API Gateway style: `/stations/{id}`. */
  path: string;
  domain: Domain;
  /** One line for people reading the API docs (Chinese, as the users see the product). */
  summary: string;
  params?: z.ZodType<Record<string, unknown>>;
  query?: z.ZodType<Record<string, unknown>>;
  body?: z.ZodType;
  response: z.ZodType;
  /** Status of a successful answer; 200 unless stated. */
  status?: 200 | 201 | 204;
  access: Access;
  /** Error codes this route may answer with, beyond the common ones. */
  errors?: readonly string[];
}

function defineRoutes<const T extends Record<string, RouteDef>>(routes: T): T {
  return routes;
}

export const contract = defineRoutes({
  nearbyStations: {
    method: 'GET',
    path: '/stations/nearby',
    domain: 'stations',
    summary: '查找附近的驿站，按距离由近到远排列',
    query: NearbyQuery,
    response: NearbyResponse,
    access: PUBLIC,
  },
  getStation: {
    method: 'GET',
    path: '/stations/{id}',
    domain: 'stations',
    summary: '驿站详情',
    params: StationParams,
    response: Station,
    access: PUBLIC,
    errors: ['STATION_NOT_FOUND'],
  },
});

export type Contract = typeof contract;
export type RouteName = keyof Contract;

type PartName = 'params' | 'query' | 'body';
/** The schema a route declares for a part of the request, or never. */
type Part<R, K extends PartName> = R extends { [P in K]: infer S } ? (S extends z.ZodType ? S : never) : never;

/** What a caller passes: params, query and body as the route declares them. */
export type RouteInput<N extends RouteName> = {
  [K in PartName as [Part<Contract[N], K>] extends [never] ? never : K]: z.input<Part<Contract[N], K>>;
};
/** What a caller gets back. */
export type RouteOutput<N extends RouteName> = z.output<Contract[N]['response']>;
/** What a handler receives after parsing. */
export type ParsedInput<N extends RouteName> = {
  [K in PartName as [Part<Contract[N], K>] extends [never] ? never : K]: z.output<Part<Contract[N], K>>;
};

export const routeNames = Object.keys(contract) as RouteName[];

/** `GET /stations/{id}`: the API Gateway route key. */
export function routeKey(route: Pick<RouteDef, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

/** Fill `{name}` placeholders from params, URL-encoding each value. */
export function buildPath(path: string, params: Record<string, unknown> = {}): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}
