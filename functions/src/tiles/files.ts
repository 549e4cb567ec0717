import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { recordAwsCall } from '../platform/aws-calls';
import type { PhotoConfig } from '../platform/config';
import { lazy } from '../platform/lazy';

/**
 * Where tiles go: the `tiles/` prefix of the public photo bucket, read through the edge (CloudFront,
 * which compresses with gzip and brotli and keeps objects as long as their Cache-Control says).
 * Locally a `tiles` folder beside the photos, served by dev/ with the same headers; the files are
 * stored already compressed there, as the edge would send them.
 */
export interface TileFiles {
  read(name: string): Promise<string | null>;
  /** `immutable`: content-hashed (tiles, shards), cached for good; else the manifest, cached briefly. */
  write(name: string, text: string, immutable: boolean): Promise<void>;
}

export const TILE_PREFIX = 'tiles/';
/** The edge and the app keep the manifest this long: the bound on how stale a search can be (docs/data-model.md). */
export const MANIFEST_MAX_AGE_SECONDS = 30;
export const cacheControl = (immutable: boolean) =>
  immutable ? 'public, max-age=31536000, immutable' : `public, max-age=${MANIFEST_MAX_AGE_SECONDS}, must-revalidate`;

export const tileDir = (photoDir: string) => path.join(path.resolve(photoDir), 'tiles');

export class DiskTileFiles implements TileFiles {
  constructor(private readonly dir: string) {}

  private file(name: string): string {
    const root = path.resolve(this.dir);
    const file = path.resolve(root, name);
    if (!file.startsWith(`${root}${path.sep}`)) throw new Error(`tile name ${name} leaves the tile folder`);
    return file;
  }

  async read(name: string): Promise<string | null> {
    recordAwsCall('s3', 'GetObject', `photos/${TILE_PREFIX}${name}`);
    try {
      return await readFile(this.file(name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async write(name: string, text: string, _immutable: boolean): Promise<void> {
    recordAwsCall('s3', 'PutObject', `photos/${TILE_PREFIX}${name}`);
    const file = this.file(name);
    await mkdir(path.dirname(file), { recursive: true });
    const bytes = Buffer.from(text, 'utf8');
    const variants: [string, Buffer][] = [
      ['.gz', gzipSync(bytes, { level: 9 })],
      ['.br', brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } })],
      ['', bytes],
    ];
    // Each file appears whole (write aside, then rename): the server never sends half a manifest.
    for (const [ext, body] of variants) {
      const tmp = `${file}${ext}.${process.pid}.tmp`;
      await writeFile(tmp, body);
      await rename(tmp, `${file}${ext}`);
    }
  }
}

/** Tiles in S3. The edge compresses; the object carries the cache time the edge and the app keep. */
export class S3TileFiles implements TileFiles {
  private readonly s3 = lazy(() => {
    const sdk = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    return { sdk, client: new sdk.S3Client({ region: this.region }) };
  });

  constructor(
    private readonly region: string,
    private readonly bucket: string,
  ) {}

  async read(name: string): Promise<string | null> {
    recordAwsCall('s3', 'GetObject', `photos/${TILE_PREFIX}${name}`);
    const { client, sdk } = this.s3();
    try {
      const out = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: `${TILE_PREFIX}${name}` }));
      return (await out.Body?.transformToString('utf8')) ?? null;
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async write(name: string, text: string, immutable: boolean): Promise<void> {
    recordAwsCall('s3', 'PutObject', `photos/${TILE_PREFIX}${name}`);
    const { client, sdk } = this.s3();
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: this.bucket,
        Key: `${TILE_PREFIX}${name}`,
        Body: text,
        ContentType: 'application/json; charset=utf-8',
        CacheControl: cacheControl(immutable),
      }),
    );
  }
}

export function createTileFiles(config: PhotoConfig, region: string): TileFiles {
  if (config.kind === 's3') {
    if (!config.bucket) throw new Error('YZ_PHOTO_BUCKET is not set: the tile builder has no bucket');
    return new S3TileFiles(region, config.bucket);
  }
  return new DiskTileFiles(tileDir(config.dir));
}
