/**
 * IAM follows the code (run by scripts/check-iam.ts): compares the AWS calls each function made during
 * the tests (recorded by functions/src/platform/aws-calls.ts) with what the synthesised prod template
 * grants that function's role.
 *
 * DynamoDB Local and the local photo folder enforce no IAM: without this a store that sends a call its
 * role lacks passes every test and fails in AWS (the wish photos once went to `wishes/` under a grant
 * for `stations/*`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { AwsCall } from '@yz/functions';
import { cdkJsonContext } from './context';
import { EXAMPLE_SETTINGS_FILE, loadDeploySettings } from './settings';
import { YizhanStack } from './stack';

/** A grant the suite cannot exercise, and why it is still needed. Keep it short: each entry is a blind spot. */
interface AllowedUnused {
  function: string;
  /** `dynamodb:Query`, `s3:PutObject`… */
  action: string;
  /** As rendered: `table/outbox`, `photos/wishes/*`, `key/envelope`, `secret/wechat`. */
  resource: string;
  reason: string;
}

export const UNUSED_ALLOWED: readonly AllowedUnused[] = [
  { function: 'stations', action: 's3:DeleteObject', resource: 'photos/stations/*', reason: 'StationKeeping.uploadPhoto (station-writes.ts) deletes the just-stored photo only when the station write after the upload is refused; the version is checked before the upload too, so only a change landing between the two reaches it (no test can time that over HTTP)' },
  { function: 'stationBulk', action: 'dynamodb:DeleteItem', resource: 'table/stationKeys', reason: 'an import row naming an existing station by id with a new name or address updates it through the versioned write, whose transaction deletes the old identity key (DynamoStationStore.write); the import tests update stations without renaming them' },
  { function: 'membership', action: 'dynamodb:GetItem', resource: 'table/idClaims', reason: 'MembershipService.claimConflict reads the claim only when a refused claim put came back without its old item; the put asks for ALL_OLD, which DynamoDB returns whenever the claim exists, so the read is a fallback no test reaches' },
];

/** One statement of a role's policy, resources rendered as names (`table/wishes/index/byDue`). */
export interface Grant {
  actions: string[];
  resources: string[];
}

const SERVICES = ['dynamodb', 's3', 'kms', 'secretsmanager'] as const;

/** What the check looks at: the resources the code names. Log groups and the table keys (used through DynamoDB) are CDK's. */
const CHECKED = /^(table\/|photos\/|key\/envelope$|secret\/)/;

function logicalId(construct: IConstruct): string {
  const stack = Stack.of(construct);
  return stack.resolve(stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement)) as string;
}

/** CloudFormation's intrinsic functions over our resources, as plain names. */
function render(value: unknown, names: Map<string, string>): string {
  if (typeof value === 'string') return value;
  const v = value as Record<string, unknown>;
  if (v.Ref !== undefined) return names.get(String(v.Ref)) ?? `?${String(v.Ref)}`;
  const att = v['Fn::GetAtt'] as [string, string] | undefined;
  if (att) return att[1] === 'Arn' && names.has(att[0]) ? names.get(att[0])! : `?${att.join('.')}`;
  const join = v['Fn::Join'] as [string, unknown[]] | undefined;
  if (join) return join[1].map((part) => render(part, names)).join(join[0]);
  return `?${JSON.stringify(value)}`;
}

/** Each function's grants (domain name, or `job-<job>`) in the prod stack from the example settings. */
export function synthGrants(): Map<string, Grant[]> {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
  const stack = new YizhanStack(app, 'Yizhan-prod', { stage: 'prod', deploySettings: loadDeploySettings('example', EXAMPLE_SETTINGS_FILE) });
  const names = new Map<string, string>();
  for (const [key, table] of Object.entries(stack.storage.tables)) names.set(logicalId(table), `table/${key}`);
  for (const [name, secret] of Object.entries(stack.secrets.secrets)) names.set(logicalId(secret), `secret/${name}`);
  names.set(logicalId(stack.storage.envelopeKey), 'key/envelope');
  names.set(logicalId(stack.photos.bucket), 'photos');
  const roles = new Map<string, string>();
  for (const [domain, fn] of Object.entries(stack.functions)) roles.set(logicalId(fn.role), domain);
  for (const [job, fn] of Object.entries(stack.jobs.functions)) roles.set(logicalId(fn.role), `job-${job}`);
  roles.set(logicalId(stack.tiles.function.role), 'tiles');

  const template = app.synth().getStackByName(stack.stackName).template as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
  const grants = new Map<string, Grant[]>([...roles.values()].map((fn) => [fn, []]));
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::IAM::Policy') continue;
    const doc = resource.Properties.PolicyDocument as { Statement: { Effect: string; Action: string | string[]; Resource: unknown }[] };
    for (const roleRef of resource.Properties.Roles as { Ref: string }[]) {
      const fn = roles.get(roleRef.Ref);
      if (!fn) continue;
      for (const s of doc.Statement) {
        if (s.Effect !== 'Allow') continue;
        const resources = [s.Resource].flat().map((r) => render(r, names)).filter((r) => CHECKED.test(r));
        const actions = [s.Action].flat().filter((a) => SERVICES.some((service) => a.startsWith(`${service}:`)));
        if (resources.length > 0 && actions.length > 0) grants.get(fn)!.push({ actions, resources });
      }
    }
  }
  return grants;
}

export function readCalls(dir: string): AwsCall[] {
  if (!existsSync(dir)) return [];
  const lines = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').filter(Boolean));
  return [...new Set(lines)].map((line) => JSON.parse(line) as AwsCall);
}

const glob = (pattern: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*')}$`);
const allows = (grant: Grant, action: string, resource: string) =>
  grant.actions.some((a) => glob(a).test(action)) && grant.resources.some((r) => glob(r).test(resource));

export interface IamReport {
  /** Calls the function's role would refuse. */
  denied: AwsCall[];
  /** Granted (function, action, resource) the record never used; a table grant counts as used by a call on any of its indexes. */
  unused: { function: string; action: string; resource: string; allowed?: string }[];
}

export function compare(calls: readonly AwsCall[], grants: ReadonlyMap<string, Grant[]>): IamReport {
  const denied = calls.filter((call) => !(grants.get(call.function) ?? []).some((g) => allows(g, `${call.service}:${call.action}`, call.resource)));
  const unused: IamReport['unused'] = [];
  for (const [fn, fnGrants] of grants) {
    const mine = calls.filter((c) => c.function === fn);
    for (const grant of fnGrants) {
      for (const action of grant.actions) {
        // A table's index ARNs come with its Query grant: the table is the unit a grant is used on.
        for (const resource of grant.resources.filter((r) => !r.includes('/index/'))) {
          const used = mine.some(
            (c) => `${c.service}:${c.action}` === action && (glob(resource).test(c.resource) || (resource.startsWith('table/') && c.resource.startsWith(`${resource}/index/`))),
          );
          if (used) continue;
          const allowed = UNUSED_ALLOWED.find((a) => a.function === fn && a.action === action && a.resource === resource);
          unused.push({ function: fn, action, resource, ...(allowed ? { allowed: allowed.reason } : {}) });
        }
      }
    }
  }
  return { denied, unused };
}

