import type * as z from 'zod';
import { accountRoutes } from './accounts';
import { activityRoutes } from './activity';
import { boardRoutes } from './board';
import { confirmationRoutes } from './confirmations';
import type { UploadedFile } from './core';
import { hardshipRoutes } from './hardship';
import { membershipRoutes } from './membership';
import { stationBulkRoutes } from './stationBulk';
import { stationRoutes } from './stations';
import { wishRoutes } from './wishes';

export {
  buildPath,
  DEFAULT_MAX_BODY_BYTES,
  DOMAINS,
  rateLimitOf,
  routeKey,
  type Domain,
  type HttpMethod,
  type RouteDef,
  type UploadedFile,
} from './core';

/**
 * The route table: every HTTP route the system has, declared once, each domain's part in its own
 * file (contract/<domain>.ts). The mini-program's client, the Lambda routing, the local server, the
 * CDK routes and the OpenAPI document are all derived from it.
 */
export const contract = {
  ...stationRoutes,
  ...stationBulkRoutes,
  ...accountRoutes,
  ...membershipRoutes,
  ...activityRoutes,
  ...hardshipRoutes,
  ...wishRoutes,
  ...boardRoutes,
  ...confirmationRoutes,
};

/** The first route name declared by two domains (the spread above would keep only one), or `true`. */
type Unique<Parts extends readonly object[], Seen = never> = Parts extends readonly [infer Head, ...infer Rest extends readonly object[]]
  ? [Extract<keyof Head, Seen>] extends [never]
    ? Unique<Rest, Seen | keyof Head>
    : Extract<keyof Head, Seen>
  : true;
const namesAreUnique: Unique<
  [typeof stationRoutes, typeof stationBulkRoutes, typeof accountRoutes, typeof membershipRoutes, typeof activityRoutes, typeof hardshipRoutes, typeof wishRoutes, typeof boardRoutes, typeof confirmationRoutes]
> = true;
void namesAreUnique;

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
} & (Contract[N] extends { bodyKind: 'file' } ? { file: UploadedFile } : unknown);

export const routeNames = Object.keys(contract) as RouteName[];
