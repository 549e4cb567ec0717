import { SecretValue, Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { secretId, secrets, type SecretName } from '@yz/functions';
import { pascal } from './storage';
import type { StageSettings } from './stage';

/**
 * The secrets of functions/src/platform/secret-defs.ts in Secrets Manager, named `yizhan/<stage>/<name>`. Generated
 * ones (the token signing key) get a random value at the first deploy; the WeChat credentials and the
 * member card's private key start as empty fields that the operator fills in (README, "Deploying"). CloudFormation sets a value only
 * when the template's changes, so a later deploy never overwrites what the operator put.
 */
export class AppSecrets extends Construct {
  readonly secrets = {} as Record<SecretName, Secret>;

  constructor(scope: Construct, id: string, props: { settings: StageSettings }) {
    super(scope, id);
    const { settings } = props;
    for (const [name, def] of Object.entries(secrets) as [SecretName, (typeof secrets)[SecretName]][]) {
      const fields = Object.keys(def.localEnv);
      const secret = new Secret(this, pascal(name), {
        secretName: secretId(settings.stage, name),
        description: `Yizhan ${settings.stage}: ${def.description}`,
        removalPolicy: settings.removalPolicy,
        ...(def.generated
          ? {
              generateSecretString: {
                secretStringTemplate: '{}',
                generateStringKey: fields[0] ?? 'key',
                passwordLength: 64,
                excludePunctuation: true,
              },
            }
          : // Empty fields: the functions refuse them ("secret wechat lacks appId, appSecret") until filled in.
            { secretObjectValue: Object.fromEntries(fields.map((f) => [f, SecretValue.unsafePlainText('')])) }),
      });
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: def.rotation,
      });
      this.secrets[name] = secret;
    }
  }
}
