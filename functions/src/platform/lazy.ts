/**
 * A value made on first use and kept: for AWS SDK clients that only some invocations need (S3 for a
 * photo upload, KMS for personal data, Secrets Manager for a signed-in call), so a cold start does not
 * pay ~10–30 ms to load each. Load modules inside `make` with `require`, not `import()`: the Lambda
 * runtime provides the AWS SDK through NODE_PATH, which CommonJS resolution reads and ESM does not.
 */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
