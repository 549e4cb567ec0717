import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import {
  commonMessages,
  contract,
  DEFAULT_MAX_BODY_BYTES,
  rateLimitOf,
  routeKey,
  routeNames,
  type Domain,
  type ParsedInput,
  type RouteDef,
  type RouteName,
  type RouteOutput,
  type UploadedFile,
} from '@yz/shared';
import type * as z from 'zod';
import type { Logger } from '@aws-lambda-powertools/logger';
import { checkObject, checkRole, type Resolvers } from './access';
import type { Authenticator } from './auth';
import type { Config } from './config';
import { AppError, isUnavailable, serviceUnavailable, unauthenticated } from './errors';
import { correlate } from './logger';
import type { RateLimiter } from './rate-limit';
import type { Principal } from './users';

/**
 * The Lambda side of the contract. API Gateway has already matched the route (event.routeKey); this
 * parses path, query and body with the route's schemas, runs the route's implementation and turns
 * every outcome, including a thrown AppError, into a JSON response. Handlers never see raw events.
 */

export type RequestContext = {
  requestId: string;
  now: Date;
  sourceIp: string;
  /** Who is asking; null on a public route called without credentials. */
  principal: Principal | null;
  /** The caller, on routes that admit only signed-in users (the router has already checked). */
  user: () => Principal;
  /** Extra response headers an implementation wants to send. */
  responseHeaders: Record<string, string>;
};

/** What the router needs to know who is asking and what they may do. */
export interface Guard {
  authenticator: Authenticator;
  resolvers: Resolvers;
  rateLimiter: RateLimiter;
  limits: Config['limits'];
  devLogin: boolean;
}

export type RouteImpl<N extends RouteName> = (input: ParsedInput<N> & { ctx: RequestContext }) => Promise<RouteOutput<N>>;

/** The routes a domain's function serves. */
export type DomainRoutes<D extends Domain> = {
  [N in RouteName]: (typeof contract)[N]['domain'] extends D ? N : never;
}[RouteName];

export type DomainImpl<D extends Domain> = { [N in DomainRoutes<D>]: RouteImpl<N> };

/** `context` is Lambda's (absent when the local server calls the handler). */
export type LambdaHandler = (event: APIGatewayProxyEventV2, context?: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function json(status: number, body: unknown, headers: Record<string, string> = {}): APIGatewayProxyStructuredResultV2 {
  return { statusCode: status, headers: { ...JSON_HEADERS, ...headers }, body: status === 204 ? '' : JSON.stringify(body) };
}

function errorResponse(error: AppError): APIGatewayProxyStructuredResultV2 {
  return json(error.status, error.toBody(), error.headers);
}

/** zod issues as one 400: the first issue's message leads, every issue is listed by field. */
export function validationError(error: z.ZodError, where: 'params' | 'query' | 'body'): AppError {
  const issues = error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : where,
    message: issue.message,
  }));
  const first = error.issues[0]!;
  const field = issues[0]!.field;
  if (first.code === 'unrecognized_keys') {
    const keys = (first as { keys?: string[] }).keys ?? [];
    return new AppError(400, 'UNKNOWN_FIELD', `${commonMessages.UNKNOWN_FIELD}：${keys.join('、')}`, { field: keys[0] ?? field, issues });
  }
  // A schema may name a precise code for its own check (`params: { apiCode: 'OUT_OF_SERVICE_AREA' }`).
  const apiCode = first.code === 'custom' ? (first as { params?: { apiCode?: unknown } }).params?.apiCode : undefined;
  if (typeof apiCode === 'string') return new AppError(400, apiCode, first.message, { field, issues });
  const missing = first.code === 'invalid_type' && (first as { input?: unknown }).input === undefined;
  return new AppError(400, missing ? 'MISSING_PARAMETER' : 'INVALID_PARAMETER', first.message, { field, issues });
}

function parsePart<T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'params' | 'query' | 'body'): T | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(value, { reportInput: true });
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}

/** `?radius=` means no radius: an empty query value is treated as absent, so defaults apply. */
function presentQuery(query: Record<string, string | undefined> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') out[key] = value;
  return out;
}

function bodyBytes(event: APIGatewayProxyEventV2): Buffer | undefined {
  if (!event.body) return undefined;
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/**
 * The file of a `bodyKind: 'file'` route: the body itself, or the one file part of a multipart form
 * (what wx.uploadFile and a browser's FormData send).
 */
async function parseFile(bytes: Buffer | undefined, contentType: string): Promise<UploadedFile> {
  const missing = () => new AppError(400, 'MISSING_PARAMETER', '请选择要上传的文件', { field: 'file' });
  if (!bytes || bytes.length === 0) throw missing();
  if (/^multipart\/form-data/i.test(contentType)) {
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
    } catch {
      throw new AppError(400, 'INVALID_PARAMETER', '上传的内容无法识别，请重新选择文件', { field: 'file' });
    }
    for (const value of form.values()) {
      if (typeof value === 'string') continue;
      const file = new Uint8Array(await value.arrayBuffer());
      if (file.length === 0) throw missing();
      return { bytes: file, contentType: value.type || 'application/octet-stream', filename: value.name || null };
    }
    throw missing();
  }
  return { bytes: new Uint8Array(bytes), contentType: contentType || 'application/octet-stream', filename: null };
}

function fileResponse(file: { contentType: string; filename: string; body: string }, headers: Record<string, string>): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 200,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      ...headers,
    },
    body: file.body,
  };
}

function parseBody(text: string | undefined, route: RouteDef): unknown {
  if (!route.body) return undefined;
  if (text === undefined || text.trim() === '') throw new AppError(400, 'MISSING_PARAMETER', '缺少请求内容', { field: 'body' });
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(400, 'INVALID_JSON', commonMessages.INVALID_JSON);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}

function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  return event.headers?.[name] ?? event.headers?.[name.toLowerCase()];
}

export function createLambdaHandler<D extends Domain>(
  domain: D,
  impl: DomainImpl<D>,
  opts: { logger: Logger; validateResponses: boolean; guard: Guard; now?: () => Date },
): LambdaHandler {
  const byKey = new Map<string, { name: RouteName; route: RouteDef }>();
  for (const name of routeNames) {
    const route = contract[name] as RouteDef;
    if (route.domain === domain) byKey.set(routeKey(route), { name, route });
  }
  const { logger, guard } = opts;

  return async (event, context) => {
    const started = Date.now();
    // Every log line of this invocation carries the API request id (and, in Lambda, the invocation's
    // own id and function), so one request's lines are found together.
    correlate(logger, context, event.requestContext?.requestId ?? 'local');
    const entry = byKey.get(event.routeKey);
    if (!entry) return json(404, { code: 'ROUTE_NOT_FOUND', message: commonMessages.ROUTE_NOT_FOUND });
    const { name, route } = entry;
    if (route.devOnly && !guard.devLogin) return json(404, { code: 'ROUTE_NOT_FOUND', message: commonMessages.ROUTE_NOT_FOUND });
    const ctx: RequestContext = {
      requestId: event.requestContext?.requestId ?? 'local',
      now: opts.now ? opts.now() : new Date(),
      sourceIp: event.requestContext?.http?.sourceIp ?? '0.0.0.0',
      principal: null,
      user: () => {
        if (!ctx.principal) throw unauthenticated();
        return ctx.principal;
      },
      responseHeaders: {},
    };
    try {
      const bytes = bodyBytes(event);
      const maxBytes = route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
      if (bytes !== undefined && bytes.length > maxBytes) {
        throw new AppError(413, 'PAYLOAD_TOO_LARGE', `提交的内容太大了（上限 ${formatBytes(maxBytes)}），请精简后再试`);
      }
      const text = route.bodyKind === 'file' ? undefined : bytes?.toString('utf8');
      const limit = rateLimitOf(route);
      if (limit === 'login') await guard.rateLimiter.hit(`login:addr:${ctx.sourceIp}`, guard.limits.loginPerAddress, ctx.now);

      // Who is asking. On a public route a stale token is simply ignored.
      try {
        ctx.principal = await guard.authenticator.principal(header(event, 'authorization'), ctx.now);
      } catch (error) {
        if (route.access.kind !== 'public') throw error;
      }
      // The role before anything else: a caller without it learns nothing about the request.
      checkRole(route.access, ctx.principal);

      const input = {
        params: parsePart(route.params, event.pathParameters ?? {}, 'params'),
        query: parsePart(route.query, presentQuery(event.queryStringParameters), 'query'),
        body: parsePart(route.body, parseBody(text, route), 'body'),
        ...(route.bodyKind === 'file' ? { file: await parseFile(bytes, header(event, 'content-type') ?? '') } : {}),
        ctx,
      };
      await checkObject(route.access, ctx.principal, input, guard.resolvers);

      if (limit === 'write') {
        await guard.rateLimiter.hit(`write:addr:${ctx.sourceIp}`, guard.limits.writesPerAddress, ctx.now);
        if (ctx.principal) await guard.rateLimiter.hit(`write:user:${ctx.principal.userId}`, guard.limits.writesPerUser, ctx.now);
      }
      const run = impl[name as DomainRoutes<D>] as unknown as (input: unknown) => Promise<unknown>;
      const output = await run(input);
      if (opts.validateResponses) {
        const checked = route.response.safeParse(output);
        if (!checked.success) {
          logger.error('response does not match the contract', { route: name, issues: checked.error.issues.slice(0, 5) });
          throw new Error(`response of ${name} does not match the contract`);
        }
      }
      logger.debug('request', { route: name, status: route.status ?? 200, ms: Date.now() - started });
      if (route.responseKind === 'file') return fileResponse(output as { contentType: string; filename: string; body: string }, ctx.responseHeaders);
      return json(route.status ?? 200, output, ctx.responseHeaders);
    } catch (error) {
      if (error instanceof AppError) {
        logger.info('request refused', { route: name, status: error.status, code: error.code, ms: Date.now() - started });
        return errorResponse(error);
      }
      if (isUnavailable(error)) {
        // Not a bug: the database stalled, throttled or is unreachable. Counted apart from failures
        // (`failure: 'unavailable'`), and the client is told when to try again.
        logger.warn('database unavailable', {
          route: name,
          failure: 'unavailable',
          error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
          ms: Date.now() - started,
        });
        return errorResponse(serviceUnavailable());
      }
      // The error itself may quote data; log its kind and stack, never the request body.
      logger.error('request failed', {
        failure: 'bug', route: name, error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
      return json(500, { code: 'INTERNAL', message: commonMessages.INTERNAL });
    }
  };
}
