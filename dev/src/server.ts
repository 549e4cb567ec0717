import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { serveStatic } from '@hono/node-server/serve-static';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { commonMessages, contract, routeKey, routeNames, type Domain, type RouteDef } from '@yz/shared';
import { openApiDocument } from '@yz/shared/openapi';
import type { LambdaHandler } from '@yz/functions/platform/http';
import { serveTiles } from './tile-files';

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
  /** Station photos kept on disk (the local PhotoStore), served at /photos/ as a bucket's website would. */
  photoDir?: string;
  /**
   * Origins besides the server's own that a browser may call it from: loopback ones only (the
   * `miniprogram` tests' jsdom pages live at http://localhost). None by default: the H5 app is served
   * from this server's own origin and needs no CORS.
   */
  allowedOrigins?: string[];
  /** Station tiles built by the tile builder (functions/src/tiles), served at /tiles/ as the edge would. */
  tileDir?: string;
  /** Private photos (wish deliveries), served at /private-photos/ only with a valid signed URL (functions/src/platform/photos.ts). */
  privatePhotos?: { read(key: string, expires: string | undefined, sig: string | undefined, now: Date): Promise<Uint8Array | null> };
}

/** Bodies API Gateway hands over as text; anything else (images, CSV files, multipart forms) arrives base64-encoded. */
const TEXT_BODY = /^(application\/json|application\/x-www-form-urlencoded|text\/plain)\b/i;

const PHOTO_TYPES: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.webp': 'image/webp' };

const toHonoPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

async function toEvent(c: Context, route: RouteDef): Promise<APIGatewayProxyEventV2> {
  const url = new URL(c.req.url);
  const headers: Record<string, string> = {};
  c.req.raw.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] = query[key] === undefined ? value : `${query[key]},${value}`;
  let body: string | undefined;
  let isBase64Encoded = false;
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    const bytes = Buffer.from(await c.req.arrayBuffer());
    if (bytes.length > 0) {
      isBase64Encoded = !TEXT_BODY.test(headers['content-type'] ?? 'application/json');
      body = isBase64Encoded ? bytes.toString('base64') : bytes.toString('utf8');
    }
  }
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
    body,
    isBase64Encoded,
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

const CROSS_ORIGIN_REFUSED = { code: 'CROSS_ORIGIN_REFUSED', message: '本地服务只接受来自本机同一地址的页面请求' } as const;

const isLoopbackName = (hostname: string) => hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '127.0.0.1' || hostname === '[::1]';

/** An allowed origin must be a page on this machine: a page elsewhere could otherwise sign in as an admin. */
function loopbackOrigin(origin: string): string {
  let url: URL | null = null;
  try {
    url = new URL(origin);
  } catch {
    // reported below
  }
  if (!url || url.origin !== origin || !/^https?:$/.test(url.protocol) || !isLoopbackName(url.hostname)) {
    throw new Error(`allowedOrigins: ${origin} is not a loopback origin such as http://localhost:5173`);
  }
  return origin;
}

/**
 * Same origin only. The development sign-in mints admin tokens, so no other web page open in the
 * developer's browser may read this server's answers:
 * - a foreign Origin gets no CORS headers (the browser hides the answer) and its preflight is refused;
 * - the Host must be an IP address or localhost, so a page whose own name was re-pointed at 127.0.0.1
 *   (DNS rebinding, which makes it "same origin" to the browser) is refused too. Phones on the LAN
 *   reach the server by IP address, so they still work.
 */
function sameOriginOnly(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(allowedOrigins.map(loopbackOrigin));
  const allowCors = cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowHeaders: ['content-type', 'authorization'],
    exposeHeaders: ['retry-after', 'content-disposition', 'etag'],
  });
  return async (c, next) => {
    const url = new URL(c.req.url);
    if (!isIP(url.hostname.replace(/^\[|\]$/g, '')) && !isLoopbackName(url.hostname)) return c.json(CROSS_ORIGIN_REFUSED, 403);
    const origin = c.req.header('origin');
    if (origin === undefined || origin === url.origin) return next();
    if (allowed.has(origin)) return allowCors(c, next);
    if (c.req.method === 'OPTIONS') return c.json(CROSS_ORIGIN_REFUSED, 403);
    return next();
  };
}

export function createLocalApp(opts: LocalServerOptions): Hono {
  const app = new Hono();
  app.use('*', sameOriginOnly(opts.allowedOrigins ?? []));
  opts.extend?.(app);

  if (opts.photoDir) {
    const root = path.resolve(opts.photoDir);
    app.get('/photos/*', async (c) => {
      const relative = decodeURIComponent(new URL(c.req.url).pathname.slice('/photos/'.length));
      const file = path.resolve(root, relative);
      const type = PHOTO_TYPES[path.extname(file).toLowerCase()];
      if (!file.startsWith(`${root}${path.sep}`) || !type) return c.json({ code: 'NOT_FOUND', message: commonMessages.NOT_FOUND }, 404);
      try {
        const bytes = await readFile(file);
        return new Response(bytes, { headers: { 'content-type': type, 'cache-control': 'public, max-age=31536000, immutable' } });
      } catch {
        return c.json({ code: 'NOT_FOUND', message: commonMessages.NOT_FOUND }, 404);
      }
    });
  }

  if (opts.privatePhotos) {
    const store = opts.privatePhotos;
    app.get('/private-photos/*', async (c) => {
      const url = new URL(c.req.url);
      const key = decodeURIComponent(url.pathname.slice('/private-photos/'.length));
      const type = PHOTO_TYPES[path.extname(key).toLowerCase()];
      // One answer for unknown, expired and tampered: nothing tells a guesser which it was.
      const bytes = type ? await store.read(key, url.searchParams.get('expires') ?? undefined, url.searchParams.get('sig') ?? undefined, new Date()) : null;
      if (!bytes || !type) return c.json({ code: 'NOT_FOUND', message: commonMessages.NOT_FOUND }, 404);
      return new Response(bytes, { headers: { 'content-type': type, 'cache-control': 'private, no-store' } });
    });
  }

  if (opts.tileDir) serveTiles(app, opts.tileDir);

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
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              // Stopping the stack stops it: kept-alive sockets would hold the close for 65 s.
              if ('closeAllConnections' in server) server.closeAllConnections();
            }),
        });
      });
      // Outlive the clients' idle sockets (undici drops them after 4 s): a server that closes an idle
      // keep-alive socket first races the client's next request on it, which then fails with ECONNRESET
      // (seen in the tiles test, whose server shares the test's event loop). Load balancers use 60 s.
      if ('keepAliveTimeout' in server) {
        server.keepAliveTimeout = 65_000;
        server.headersTimeout = 66_000;
      }
      server.on('error', reject);
    } catch (error) {
      reject(error);
    }
  });
}
