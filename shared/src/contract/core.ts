import { anyOf, type Access } from '../access';
import type { ErrorCode } from '../error-catalogue';
import type * as z from 'zod';
import { PHOTO_MAX_BYTES } from '../station-admin';

/**
 * What a route is: the shape every domain's part of the route table (contract/<domain>.ts) follows,
 * and the helpers that read it.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Each domain is one Lambda function in AWS. */
export const DOMAINS = ['stations', 'stationBulk', 'accounts', 'membership', 'activity', 'hardship', 'wishes', 'board', 'confirmations'] as const;
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
  /** Error codes this route may answer with, beyond the common ones: codes of the catalogue (errors.ts). */
  errors?: readonly ErrorCode[];
  /**
   * Exists only on a server started with the development flag (local runs and tests). Never routed
   * in a deployed stack.
   */
  devOnly?: boolean;
  /**
   * Which rate limit applies: `login` (per client address), `write` (per user and per address), or
   * `none`. Absent: `write` for every method but GET, `none` for GET.
   */
  rateLimit?: 'login' | 'write' | 'none';
  /** Largest accepted request body in bytes; 64 KiB unless stated. */
  maxBodyBytes?: number;
  /**
   * `file`: the request body is a file (its raw bytes, or a multipart form with one file part, as
   * wx.uploadFile sends it), handed to the implementation as `file`; `body` is then not declared.
   */
  bodyKind?: 'json' | 'file';
  /** `file`: the implementation answers a FileResponse, sent as the file itself (CSV, GeoJSON). */
  responseKind?: 'json' | 'file';
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

/** Hosts act on their own stations; staff and admins on any station in their region. */
export const STATION_KEEPERS = anyOf(['host', 'staff', 'admin'], { type: 'station', from: 'params', field: 'id' });

/** A photo upload route: the photo itself (at most PHOTO_MAX_BYTES) with room for the multipart form around it. */
export const PHOTO_UPLOAD = { bodyKind: 'file', maxBodyBytes: PHOTO_MAX_BYTES + DEFAULT_MAX_BODY_BYTES } as const;
/** What every photo upload may be refused with. */
export const PHOTO_UPLOAD_ERRORS = ['PHOTO_TYPE_UNSUPPORTED', 'PHOTO_TOO_LARGE', 'PAYLOAD_TOO_LARGE'] as const satisfies readonly ErrorCode[];

/**
 * One domain's routes. The literal types are kept (each route's schemas type the client and the
 * handlers), and every route must belong to the domain named, so a route cannot land in the wrong
 * Lambda function by being declared in the wrong file.
 */
export function defineRoutes<D extends Domain, const T extends Record<string, RouteDef & { domain: D }>>(_domain: D, routes: T): T {
  return routes;
}

export function rateLimitOf(route: Pick<RouteDef, 'method' | 'rateLimit'>): 'login' | 'write' | 'none' {
  return route.rateLimit ?? (route.method === 'GET' ? 'none' : 'write');
}

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

/** A file sent as a request body (routes with `bodyKind: 'file'`). */
export interface UploadedFile {
  bytes: Uint8Array;
  /** As the client declared it; the implementation checks the bytes themselves. */
  contentType: string;
  filename: string | null;
}
