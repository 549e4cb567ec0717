import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { domainAccess } from '../../infra/src/cdk/access';
import { tables, type TableDef } from '@yz/functions';
import { synthStack } from './synth';

/**
 * cdk-nag's AWS Solutions checks over the synthesized stacks: no finding left, and every
 * acknowledged one carries a reason. The same checks run on every `npm run synth`.
 */

const members: TableDef = {
  name: 'members',
  partitionKey: { name: 'id', type: 'S' },
  indexes: [],
  ttlAttribute: 'expiresAt',
  personalData: true,
};

const variants: [string, () => ReturnType<typeof synthStack>][] = [
  ['dev', () => synthStack('dev')],
  ['prod', () => synthStack('prod', { alarmEmail: 'ops@example.org' })],
  [
    'prod with a personal-data table and a secret reader',
    () =>
      synthStack('prod', {
        definitions: {
          tables: { ...tables, members },
          domainAccess: { ...domainAccess, stations: { tables: { stations: ['GetItem', 'Query'], members: ['GetItem', 'PutItem'] }, secrets: ['wechat', 'tokenSigningKey'] } },
        },
      }),
  ],
];

function acknowledgments(app: App): { path: string; id: string; reason: string }[] {
  const out: { path: string; id: string; reason: string }[] = [];
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) out.push({ path: construct.node.path, id, reason });
    }
  }
  return out;
}

describe.each(variants)('cdk-nag AwsSolutions on %s', (_, build) => {
  const { app } = build();
  const report = new AwsSolutionsChecks(undefined, { verbose: true }).validateScope(app);

  it('leaves no error and no warning', () => {
    expect(report.violations.map((v) => `${v.ruleName} (${v.severity}): ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledges only what is listed here, each with a reason', () => {
    const acks = acknowledgments(app);
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(60);
    const ids = [...new Set(acks.map((a) => a.id.replace(/^annotation::/i, '').replace(/\[.*\]$/, '')))].sort();
    // APIG4: auth in the function; L1: nodejs22.x by choice; SMG4: secrets rotated outside AWS or by roll-over;
    // SQS3: the queue is the DLQ; IAM5: Scheduler may invoke the job function's versions (`:*`), and the
    // stations function writes photos under stations/; S1, CFR1-4, CFR7: public station photos behind
    // CloudFront (photos.ts says why for each).
    expect(ids).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-CFR1',
      'AwsSolutions-CFR2',
      'AwsSolutions-CFR3',
      'AwsSolutions-CFR4',
      'AwsSolutions-CFR7',
      'AwsSolutions-IAM5',
      'AwsSolutions-L1',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
      'AwsSolutions-SQS3',
    ]);
  });
});
