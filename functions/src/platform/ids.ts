import { randomBytes } from 'node:crypto';

/**
 * A random id of letters and digits only, after `prefix`: base64url's `-` and `_` become `x`, so the
 * id needs no quoting in a URL, a QR scene or a CSV cell.
 */
export function alphanumericId(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString('base64url').replace(/[^A-Za-z0-9]/g, 'x')}`;
}
