import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PhotoConfig } from './config';
import { lazy } from './lazy';

/**
 * Where photos are kept (stations' photos, wishes' delivery photos). Locally (npm start, tests) a
 * folder on disk that the local server serves at /photos/; in AWS an S3 bucket read through its public base URL (a CDN). The service only
 * sees this interface, so the same upload code runs in both.
 *
 * The S3 adapter is not exercised by any test here: no S3 is available on this machine.
 */
export interface PhotoStore {
  /** Stores the bytes under `key` and returns the URL people load them from. */
  put(key: string, bytes: Uint8Array, contentType: string): Promise<string>;
  delete(key: string): Promise<void>;
}

export class DiskPhotoStore implements PhotoStore {
  constructor(
    private readonly dir: string,
    private readonly baseUrl: string,
  ) {}

  private file(key: string): string {
    const root = path.resolve(this.dir);
    const file = path.resolve(root, key);
    if (!file.startsWith(`${root}${path.sep}`)) throw new Error(`photo key ${key} leaves the photo folder`);
    return file;
  }

  async put(key: string, bytes: Uint8Array, _contentType: string): Promise<string> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
    return `${this.baseUrl}${key}`;
  }

  async delete(key: string): Promise<void> {
    await rm(this.file(key), { force: true });
  }
}

/**
 * Photos in S3. The S3 client is loaded on the first upload, not at cold start: most invocations of
 * the functions that hold a photo store never touch a photo, and loading the client costs ~30 ms.
 */
export class S3PhotoStore implements PhotoStore {
  private readonly s3 = lazy(() => {
    const sdk = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    return { sdk, client: new sdk.S3Client({ region: this.region }) };
  });

  constructor(
    private readonly region: string,
    private readonly bucket: string,
    private readonly baseUrl: string,
  ) {}


  private get bucketName(): string {
    if (!this.bucket) throw new Error('YZ_PHOTO_BUCKET is not set: this function has no photo bucket');
    return this.bucket;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<string> {
    const { client, sdk } = this.s3();
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: this.bucketName,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        // Keys are never reused (each upload gets a new one), so the object can be cached for good.
        CacheControl: 'public, max-age=31536000, immutable',
      }),
    );
    return `${this.baseUrl}${key}`;
  }

  async delete(key: string): Promise<void> {
    const { client, sdk } = this.s3();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucketName, Key: key }));
  }
}

export function createPhotoStore(config: PhotoConfig, region: string): PhotoStore {
  const base = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;
  if (config.kind === 's3') return new S3PhotoStore(region, config.bucket, base);
  return new DiskPhotoStore(config.dir, base);
}

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type the bytes really are (by their signature), whatever the upload claimed; null if none of ours. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  const at = (i: number) => bytes[i] ?? -1;
  if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
  if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b)) return 'image/png';
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export const IMAGE_EXTENSIONS: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
