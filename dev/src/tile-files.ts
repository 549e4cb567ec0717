import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Hono } from 'hono';
import { commonMessages } from '@yz/shared';
import { TILE_MANIFEST_PATH, TileFileName } from '@yz/shared/tiles';
import { cacheControl } from '@yz/functions/tiles';

/**
 * `/tiles/…` as the edge serves it (infra/src/cdk/edge.ts: the bucket's `tiles/` prefix behind
 * CloudFront with compression on): brotli or gzip as the client accepts, the object's Cache-Control
 * (tiles and shards immutable, the manifest briefly), an ETag per representation, 304 on a match.
 * The builder (DiskTileFiles) stores each file with its .br and .gz beside it, as the edge would send them.
 */

interface Cached {
  mtimeMs: number;
  etag: string;
  bodies: { br: Buffer; gzip: Buffer; identity: Buffer };
}

const NOT_FOUND = { code: 'NOT_FOUND', message: commonMessages.NOT_FOUND } as const;

export function serveTiles(app: Hono, dir: string): void {
  const root = path.resolve(dir);
  const cache = new Map<string, Cached>();

  const load = async (name: string): Promise<Cached | null> => {
    const file = path.join(root, name);
    const known = cache.get(name);
    // Content-hashed files never change: only the manifest is looked at again.
    if (known && name !== TILE_MANIFEST_PATH) return known;
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(file)).mtimeMs;
    } catch {
      return null;
    }
    if (known && known.mtimeMs === mtimeMs) return known;
    const [identity, gzip, br] = await Promise.all([readFile(file), readFile(`${file}.gz`), readFile(`${file}.br`)]);
    const entry: Cached = { mtimeMs, etag: createHash('sha256').update(identity).digest('base64url').slice(0, 22), bodies: { br, gzip, identity } };
    cache.set(name, entry);
    return entry;
  };

  app.get('/tiles/*', async (c) => {
    const name = decodeURIComponent(new URL(c.req.url).pathname.slice('/tiles/'.length));
    if (name !== TILE_MANIFEST_PATH && !TileFileName.safeParse(name).success) return c.json(NOT_FOUND, 404);
    const entry = await load(name).catch(() => null);
    if (!entry) return c.json(NOT_FOUND, 404);
    const accept = c.req.header('accept-encoding') ?? '';
    const encoding = /\bbr\b/.test(accept) ? 'br' : /\bgzip\b/.test(accept) ? 'gzip' : 'identity';
    const etag = `"${entry.etag}${encoding === 'identity' ? '' : `-${encoding}`}"`;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': cacheControl(name !== TILE_MANIFEST_PATH),
      etag,
      vary: 'Accept-Encoding',
      ...(encoding === 'identity' ? {} : { 'content-encoding': encoding }),
    };
    const match = c.req.header('if-none-match');
    if (match && match.split(',').some((m) => m.trim().replace(/^W\//, '') === etag)) return new Response(null, { status: 304, headers });
    return new Response(entry.bodies[encoding], { headers });
  });
}
