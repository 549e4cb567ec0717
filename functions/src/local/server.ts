import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { commonMessages, contract, routeKey, routeNames, type Domain, type RouteDef } from '@yz/shared';
import { openApiDocument } from '@yz/shared/openapi';
import type { LambdaHandler } from '../platform/http';

/**
 * What API Gateway does in AWS, done locally: match the request to a contract route, build the same
 * APIGatewayProxyEventV2 the Lambda would receive, and call the same handler. Also serves the OpenAPI
 * document and, when built, the H5 mini-program from the same port.
 */

export interface LocalServerOptions {
  handlers: Record<Domain, LambdaHandler>;
  /** The H5 build to serve at `/`. */
  staticDir?: string;
  /** Extra routes mounted before the contract (development tools). */
  extend?: (app: Hono) => void;
  /** Serve the development-only routes (the demo login). */
  devLogin?: boolean;
}

const toHonoPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

async function toEvent(c: Context, route: RouteDef): Promise<APIGatewayProxyEventV2> {
  const url = new URL(c.req.url);
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  const body = c.req.method === 'GET' || c.req.method === 'HEAD' ? undefined : await c.req.text();
  let sourceIp = '127.0.0.1';
  try {
    sourceIp = getConnInfo(c).remote.address ?? sourceIp;
  } catch {
    // requests made through app.request() in-process have no socket
  }
  const now = Date.now();
  const key = routeKey(route);
  return {
    version: '2.0',
    routeKey: key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    pathParameters: c.req.param() as Record<string, string>,
    body: body === '' ? undefined : body,
    isBase64Encoded: false,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: url.hostname.split('.')[0] ?? 'localhost',
      http: { method: c.req.method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp, userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: key,
      stage: '$default',
      time: new Date(now).toISOString(),
      timeEpoch: now,
    },
  };
}

export function createLocalApp(opts: LocalServerOptions): Hono {
  const app = new Hono();
  app.use('*', cors({ origin: (origin) => origin ?? '*', allowHeaders: ['content-type', 'authorization'], exposeHeaders: ['retry-after'] }));
  opts.extend?.(app);

  app.get('/openapi.json', (c) => c.json(openApiDocument({ serverUrl: new URL(c.req.url).origin, includeDevOnly: opts.devLogin })));

  // Static paths before parameterised ones, as API Gateway prefers the most specific route.
  const ordered = routeNames
    .map((name) => contract[name] as RouteDef)
    // Like API Gateway in a deployed stack, a server without the development flag has no dev routes at all.
    .filter((route) => opts.devLogin || !route.devOnly)
    .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0));
  for (const route of ordered) {
    const handler = opts.handlers[route.domain];
    app.on(route.method, toHonoPath(route.path), async (c) => {
      const result = await handler(await toEvent(c, route));
      const headers = new Headers();
      for (const [k, v] of Object.entries(result.headers ?? {})) headers.set(k, String(v));
      return new Response(result.statusCode === 204 ? null : (result.body ?? ''), { status: result.statusCode ?? 200, headers });
    });
  }

  if (opts.staticDir) {
    const root = path.relative(process.cwd(), opts.staticDir) || '.';
    app.use('/*', serveStatic({ root }));
    app.get('/', serveStatic({ root, path: 'index.html' }));
  }

  app.notFound((c) => c.json({ code: 'ROUTE_NOT_FOUND', message: commonMessages.ROUTE_NOT_FOUND }, 404));
  app.onError((error, c) => {
    console.error('local server error', error);
    return c.json({ code: 'INTERNAL', message: commonMessages.INTERNAL }, 500);
  });
  return app;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(app: Hono, port: number, hostname = '127.0.0.1'): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    let server: ServerType;
    try {
      server = serve({ fetch: app.fetch, port, hostname }, (info) => {
        resolve({
          url: `http://${hostname === '0.0.0.0' ? '127.0.0.1' : hostname}:${info.port}`,
          port: info.port,
          close: () => new Promise<void>((done) => server.close(() => done())),
        });
      });
      server.on('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}
