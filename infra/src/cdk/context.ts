import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The context the CLI gives the app from infra/cdk.json (feature flags, telemetry off). Tests and the
 * bundle benchmark build their App with it too, so what they check is what `cdk deploy` produces.
 */
export function cdkJsonContext(): Record<string, unknown> {
  const file = path.resolve(__dirname, '../../cdk.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { context?: Record<string, unknown> };
  return json.context ?? {};
}
