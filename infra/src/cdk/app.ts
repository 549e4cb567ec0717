import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { YizhanStack } from './stack';

/**
 * The CDK app (`npm run synth`, `npm run deploy`; `-c stage=prod` for production, dev by default).
 * cdk-nag's AWS Solutions checks run on every synth: an unsuppressed finding fails it.
 */
const app = new App();
const stage: unknown = app.node.tryGetContext('stage') ?? 'dev';
const alarmEmail: unknown = app.node.tryGetContext('alarmEmail');

new YizhanStack(app, `Yizhan-${String(stage)}`, {
  stage,
  alarmEmail: typeof alarmEmail === 'string' && alarmEmail !== '' ? alarmEmail : undefined,
  // No env: the template is environment-agnostic, the same offline, in the tests and at deploy time
  // (`cdk deploy` puts it in the account and region of the credentials it runs with).
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
