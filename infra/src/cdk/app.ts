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
  // Account and region of the credentials the CLI found; without any, the template stays environment-agnostic.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
