/**
 * IAM follows the code: the AWS calls each function made during the tests (recorded by
 * functions/src/platform/aws-calls.ts into YZ_RECORD_AWS_CALLS, default .cache/aws-calls, which the
 * integration tests' global setup fills) against what the prod template grants its role
 * (infra/src/cdk/iam-check.ts). `npm test` runs it after jest.
 *
 *   npx tsx scripts/check-iam.ts              every recorded call must be granted; unused grants listed
 *   npx tsx scripts/check-iam.ts --complete   after the whole suite: an unused grant fails too, unless
 *                                             UNUSED_ALLOWED (infra/src/cdk/iam-check.ts) says why
 */
import path from 'node:path';
import { RECORD_AWS_CALLS_VARIABLE } from '@yz/functions';
import { compare, readCalls, synthGrants } from '../infra/src/cdk/iam-check';

const DEFAULT_RECORD_DIR = path.resolve(__dirname, '../.cache/aws-calls');

function main(): void {
  const complete = process.argv.includes('--complete');
  const dir = process.env[RECORD_AWS_CALLS_VARIABLE] ?? DEFAULT_RECORD_DIR;
  const calls = readCalls(dir);
  if (calls.length === 0) {
    console.error(`✗ no AWS calls recorded in ${dir}: run integration tests first (their global setup records into it)`);
    process.exit(1);
  }
  const grants = synthGrants();
  const { denied, unused } = compare(calls, grants);
  const functions = new Set(calls.map((c) => c.function));
  console.log(`IAM check: ${calls.length} distinct calls by ${functions.size} functions (${[...functions].sort().join(', ')}), from ${dir}`);
  for (const call of denied) {
    console.error(`✗ ${call.function} sends ${call.service}:${call.action} on ${call.resource}, which its role does not grant`);
  }
  const failing = unused.filter((u) => !u.allowed);
  for (const u of unused) {
    const mark = u.allowed ? '·' : complete ? '✗' : '·';
    console.log(`${mark} ${u.function} is granted ${u.action} on ${u.resource}, never used${u.allowed ? ` (allowed: ${u.allowed})` : ''}`);
  }
  if (denied.length > 0) {
    console.error(`\n✗ ${denied.length} calls are not granted: declare them in functions/src/<domain>/access.ts (or the port's needs in ports.ts)`);
  }
  if (complete && failing.length > 0) {
    console.error(`\n✗ ${failing.length} grants were never used by the whole suite: remove them, test them, or add to UNUSED_ALLOWED with the reason`);
  }
  if (denied.length > 0 || (complete && failing.length > 0)) process.exit(1);
  console.log(`✓ every recorded call is granted${complete ? ' and every grant was used' : ` (${failing.length} grants unused by this partial run)`}`);
}

main();
