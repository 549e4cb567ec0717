import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { cdkJsonContext } from '../../infra/src/cdk/context';
import { YizhanStack } from '../../infra/src/cdk/stack';
import { exampleSettings } from './synth';

/**
 * CDK's built-in CloudFormation validation (a local engine, no network) over both stages, as
 * `npm run synth` runs it: with @aws-cdk/core:validateAgainstDefaultRules on, a finding fails the
 * synth. The other infra tests switch it off to stay fast; this one runs it once for all.
 */
it('passes CloudFormation validation for dev and prod', () => {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'yizhan-cfn-'));
  try {
    expect(cdkJsonContext()['@aws-cdk/core:validateAgainstDefaultRules']).toBe(true);
    const app = new App({ outdir, context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } });
    new YizhanStack(app, 'Yizhan-dev', { stage: 'dev', deploySettings: exampleSettings() });
    new YizhanStack(app, 'Yizhan-prod', { stage: 'prod', deploySettings: exampleSettings() });
    app.synth();
    const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: { violations?: unknown[] }[] };
    expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
