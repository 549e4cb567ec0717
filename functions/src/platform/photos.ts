import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PhotoConfig, Secrets } from './config';
import { recordAwsCall } from './aws-calls';
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
    // No S3 here, but this is the call the S3 store would send: the IAM check compares it with the grant.
    recordAwsCall('s3', 'PutObject', `photos/${key}`);
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
    return `${this.baseUrl}${key}`;
  }

  async delete(key: string): Promise<void> {
    recordAwsCall('s3', 'DeleteObject', `photos/${key}`);
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
    recordAwsCall('s3', 'PutObject', `photos/${key}`);
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
    recordAwsCall('s3', 'DeleteObject', `photos/${key}`);
    const { client, sdk } = this.s3();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucketName, Key: key }));
  }
}

export function createPhotoStore(config: PhotoConfig, region: string): PhotoStore {
  const base = config.baseUrl.endsWith('/') ? config.baseUrl : `${config.baseUrl}/`;
  if (config.kind === 's3') return new S3PhotoStore(region, config.bucket, base);
  return new DiskPhotoStore(config.dir, base);
}

// Private photos ---------------------------------------------------------------------------------

/**
 * Photos only some people may see (a wish's delivery photo: the worker's home, the volunteer's face).
 * They are kept under their own prefix (`wishes/<wish id>/…`) apart from the public station photos,
 * never behind the public CDN, and read only through short-lived signed URLs handed to callers the
 * service has already checked: in AWS an S3 presigned GET; locally the local server's
 * /private-photos/ route, which answers only a valid, unexpired HMAC signature.
 */
export interface PrivatePhotoStore {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  delete(key: string): Promise<void>;
  /** A URL that reads the photo until `now + PRIVATE_PHOTO_URL_SECONDS`. */
  signedUrl(key: string, now: Date): Promise<string>;
}

/** How long a signed photo URL works: long enough to load a page, short enough not to be shared on. */
export const PRIVATE_PHOTO_URL_SECONDS = 300;
/** Where private photos are served locally; the folder is beside the public one, never inside it. */
export const PRIVATE_PHOTO_PATH = '/private-photos/';
export const privatePhotoDir = (publicDir: string) => `${path.resolve(publicDir)}-private`;
const PRIVATE_KEY = /^wishes\/w_[A-Za-z0-9_-]{6,40}\/[0-9a-f]{32}\.(jpg|png|webp)$/;

const urlSigningKey = async (secrets: Secrets) => createHmac('sha256', await secrets.tokenKey()).update('yz private photo url v1').digest();
const signature = (key: Buffer, photoKey: string, expires: number) => createHmac('sha256', key).update(`${photoKey}\n${expires}`).digest('base64url');

/** Local private photos: a folder the public /photos/ route does not reach, and HMAC-signed URLs. */
export class DiskPrivatePhotoStore implements PrivatePhotoStore {
  private readonly files: DiskPhotoStore;

  constructor(
    private readonly dir: string,
    private readonly secrets: Secrets,
  ) {
    this.files = new DiskPhotoStore(dir, PRIVATE_PHOTO_PATH);
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.files.put(key, bytes, contentType);
  }

  delete(key: string): Promise<void> {
    return this.files.delete(key);
  }

  async signedUrl(key: string, now: Date): Promise<string> {
    // In AWS a presigned GetObject, authorised by the signing function's role when it is used.
    recordAwsCall('s3', 'GetObject', `photos/${key}`);
    const expires = Math.floor(now.getTime() / 1000) + PRIVATE_PHOTO_URL_SECONDS;
    const sig = signature(await urlSigningKey(this.secrets), key, expires);
    return `${PRIVATE_PHOTO_PATH}${key}?expires=${expires}&sig=${sig}`;
  }

  /** The photo's bytes if the URL's signature is valid and unexpired; otherwise null (the server answers 404). */
  async read(key: string, expires: string | undefined, sig: string | undefined, now: Date): Promise<Uint8Array | null> {
    if (!PRIVATE_KEY.test(key) || !expires || !/^\d{1,12}$/.test(expires) || !sig) return null;
    const at = Number(expires);
    if (at * 1000 <= now.getTime() || at * 1000 > now.getTime() + PRIVATE_PHOTO_URL_SECONDS * 1000 * 2) return null;
    const expected = Buffer.from(signature(await urlSigningKey(this.secrets), key, at));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      return await readFile(path.join(this.dir, key));
    } catch {
      return null;
    }
  }
}

/**
 * Private photos in S3, same bucket as station photos but under `wishes/`, which the CDN does not
 * serve. Both SDK modules load on first use; the presigner (~40 KB minified) only when a view with a
 * photo is built.
 */
export class S3PrivatePhotoStore implements PrivatePhotoStore {
  private readonly s3 = lazy(() => {
    const sdk = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
    const presign = require('@aws-sdk/s3-request-presigner') as typeof import('@aws-sdk/s3-request-presigner');
    return { sdk, presign, client: new sdk.S3Client({ region: this.region }) };
  });

  constructor(
    private readonly region: string,
    private readonly bucket: string,
  ) {}

  private get bucketName(): string {
    if (!this.bucket) throw new Error('YZ_PHOTO_BUCKET is not set: this function has no photo bucket');
    return this.bucket;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    recordAwsCall('s3', 'PutObject', `photos/${key}`);
    const { client, sdk } = this.s3();
    await client.send(new sdk.PutObjectCommand({ Bucket: this.bucketName, Key: key, Body: bytes, ContentType: contentType, CacheControl: 'private, no-store' }));
  }

  async delete(key: string): Promise<void> {
    recordAwsCall('s3', 'DeleteObject', `photos/${key}`);
    const { client, sdk } = this.s3();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucketName, Key: key }));
  }

  signedUrl(key: string, _now: Date): Promise<string> {
    recordAwsCall('s3', 'GetObject', `photos/${key}`);
    const { client, sdk, presign } = this.s3();
    return presign.getSignedUrl(client, new sdk.GetObjectCommand({ Bucket: this.bucketName, Key: key }), { expiresIn: PRIVATE_PHOTO_URL_SECONDS });
  }
}

export function createPrivatePhotoStore(config: PhotoConfig, region: string, secrets: Secrets): PrivatePhotoStore {
  if (config.kind === 's3') return new S3PrivatePhotoStore(region, config.bucket);
  return new DiskPrivatePhotoStore(privatePhotoDir(config.dir), secrets);
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
