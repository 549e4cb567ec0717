import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadDeploySettings } from './settings';
import { YizhanStack } from './stack';

/**
 * The CDK app (`npm run synth`, `npm run deploy`; `-c stage=prod` for production, dev by default).
 * The stage's settings come from infra/stages/<stage>.json or `-c settings=FILE`; without them the
 * synth stops naming what is missing. cdk-nag's AWS Solutions checks run on every synth: an
 * unsuppressed finding fails it.
 */
const app = new App();
const stage: unknown = app.node.tryGetContext('stage') ?? 'dev';
const settingsFile: unknown = app.node.tryGetContext('settings');
const requireH5: unknown = app.node.tryGetContext('requireH5');

new YizhanStack(app, `Yizhan-${String(stage)}`, {
  stage,
  deploySettings: loadDeploySettings(String(stage), typeof settingsFile === 'string' && settingsFile !== '' ? settingsFile : undefined),
  requireH5: requireH5 === true || requireH5 === 'true',
  // No env: the template is environment-agnostic, the same offline, in the tests and at deploy time
  // (`cdk deploy` puts it in the account and region of the credentials it runs with).
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
