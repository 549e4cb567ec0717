import path from 'node:path';
import { Aws, Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, ApplicationLogLevel, SystemLogLevel } from 'aws-cdk-lib/aws-lambda';
import { Charset, LogLevel, NodejsFunction, OutputFormat, type BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { secrets as secretDefs } from '@yz/functions';
import { dynamodbActions, kmsActionsFor, type FunctionAccess } from './access';
import type { Photos } from './photos';
import type { AppSecrets } from './secrets';
import type { StageSettings } from './stage';
import type { Storage } from './storage';

/** The repository root: esbuild's working directory, where the lockfile and node_modules are. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

export const RUNTIME = Runtime.NODEJS_22_X;
export const ARCHITECTURE = Architecture.ARM_64;

/**
 * The AWS SDK v3 is left to the runtime (nodejs22.x ships it) instead of bundled. Measured with
 * `npm run bench:bundles` (README, "Cold start"): bundling it doubled the stations bundle (about
 * 1.05 MB against 0.5 MB, over the 500 KB budget) and loaded no faster. What we give up: the SDK
 * version in AWS is the runtime's, not the lockfile's; the functions use only long-stable calls
 * (DynamoDB GetItem and Query through lib-dynamodb, GetSecretValue). Flip this to pin it.
 */
export const BUNDLE_AWS_SDK = false;

/**
 * How every function is bundled, by the esbuild installed in node_modules (no Docker). The bundle
 * benchmark measures the assets the stack produces with these very options.
 */
export function bundlingOptions(opts: { bundleAwsSdk: boolean }): BundlingOptions {
  return {
    format: OutputFormat.CJS,
    target: 'node22',
    minify: true,
    sourceMap: true,
    // Stack traces map to file and line; the sources themselves need not ship.
    sourcesContent: false,
    // Chinese messages stay UTF-8 (3 bytes a character) instead of \uXXXX escapes (6).
    charset: Charset.UTF8,
    bundleAwsSDK: opts.bundleAwsSdk,
    externalModules: opts.bundleAwsSdk ? [] : ['@aws-sdk/*'],
    logLevel: LogLevel.WARNING,
  };
}

/** Node options every function runs with: stack traces through the source maps. */
export const NODE_OPTIONS = '--enable-source-maps';

/** CloudWatch namespace of the functions' own metrics (Powertools Metrics, EMF). */
export const METRICS_NAMESPACE = 'Yizhan';

/** A variable the stack must never set: it allows signing in without WeChat (local stack only). */
export const DEV_LOGIN_ENV = 'YZ_DEV_LOGIN';

export interface YizhanFunctionProps {
  /** `stations`, `job-outbox`: the function is named `<prefix><name>`. */
  name: string;
  /** Entry file relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  access: FunctionAccess;
  settings: StageSettings;
  storage: Storage;
  secrets: AppSecrets;
  /** Absent for jobs, which never touch photos. */
  photos?: Photos;
  timeout: Duration;
  memorySize: number;
  bundleAwsSdk: boolean;
}

/**
 * One Lambda function with its own role and log group. The role holds exactly what the function's
 * access declaration lists (functions/src/<domain>/access.ts) and the right to write its own log group:
 * no AWS-managed policy, no wildcard.
 */
export class YizhanFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  readonly functionName: string;

  constructor(scope: Construct, id: string, props: YizhanFunctionProps) {
    super(scope, id);
    const { settings, storage, access } = props;
    this.functionName = `${settings.prefix}${props.name}`;

    this.logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${this.functionName}`,
      retention: settings.logRetention,
      removalPolicy: settings.removalPolicy,
    });

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Yizhan ${settings.stage}: ${props.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    const { templates } = settings.deploy;
    const environment: Record<string, string> = {
      YZ_STAGE: settings.stage,
      YZ_TABLE_PREFIX: settings.prefix,
      // Every function parses them at start-up and refuses a placeholder (functions/src/platform/config.ts).
      YZ_WECHAT_TEMPLATE_MEMBERSHIP: templates.membershipResult,
      YZ_WECHAT_TEMPLATE_WISH_PROGRESS: templates.wishProgress,
      YZ_WECHAT_TEMPLATE_WISH_CLAIM: templates.wishClaim,
      YZ_WECHAT_TEMPLATE_BOARD_POST: templates.boardPost,
      YZ_WECHAT_TEMPLATE_STALE_DIGEST: templates.staleDigest,
      YZ_PHOTO_BASE_URL: `https://${settings.deploy.domains.web}/`,
      // The member card's public key: the activity function checks reported scans with it, the membership
      // function checks its signing key against it (the app carries the same key).
      YZ_MEMBER_PASS_PUBLIC_KEY: settings.deploy.memberPassPublicKey,
      POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
      NODE_OPTIONS,
    };
    for (const name of access.secrets) environment[secretDefs[name].arnEnv] = props.secrets.secrets[name].secretArn;
    if (access.envelopeKey) environment.YZ_KMS_KEY_ARN = storage.envelopeKey.keyArn;
    const photoGrants = Object.entries(access.photos ?? {}).filter(([, actions]) => actions && actions.length > 0);
    if (photoGrants.length > 0) {
      if (!props.photos) throw new Error(`${props.name} declares photos but the stack has no photo bucket`);
      Object.assign(environment, { YZ_PHOTO_STORE: 's3', YZ_PHOTO_BUCKET: props.photos.bucket.bucketName, YZ_PHOTO_BASE_URL: props.photos.baseUrl });
    }
    if (DEV_LOGIN_ENV in environment) throw new Error(`${DEV_LOGIN_ENV} must never be set in a deployed stack`);

    this.fn = new NodejsFunction(this, 'Function', {
      functionName: this.functionName,
      description: props.description,
      entry: path.join(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
      runtime: RUNTIME,
      architecture: ARCHITECTURE,
      memorySize: props.memorySize,
      timeout: props.timeout,
      ...(access.reservedConcurrency ? { reservedConcurrentExecutions: access.reservedConcurrency } : {}),
      role: this.role,
      logGroup: this.logGroup,
      // Powertools writes JSON lines; the runtime's own lines (START, REPORT) become JSON too.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.INFO,
      environment,
      bundling: bundlingOptions({ bundleAwsSdk: props.bundleAwsSdk }),
    });

    this.grantTables(props);
    if (props.photos) {
      const stack = Stack.of(this);
      const bucketId: unknown = stack.resolve(stack.getLogicalId(props.photos.bucket.node.defaultChild as CfnElement));
      for (const [prefix, actions] of photoGrants) {
        // Only the calls the code sends, on the prefix its keys start with: nothing else in the bucket.
        this.role.addToPrincipalPolicy(
          new PolicyStatement({ effect: Effect.ALLOW, actions: (actions ?? []).map((a) => `s3:${a}`), resources: [props.photos.bucket.arnForObjects(`${prefix}*`)] }),
        );
        Validations.of(this.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${String(bucketId)}.Arn>/${prefix}*]`,
          reason: `Every upload gets a new, unguessable key under ${prefix} (${prefix}<id>/<random>.<ext>), so the function may ${(actions ?? []).join(', ')} objects under ${prefix} and nowhere else in the photo bucket.`,
        });
      }
    }
    if (access.envelopeKey) {
      // The encryption SDK asks KMS for data keys directly (not through DynamoDB).
      this.role.addToPrincipalPolicy(
        new PolicyStatement({ effect: Effect.ALLOW, actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [storage.envelopeKey.keyArn] }),
      );
    }
    for (const name of access.secrets) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          effect: Effect.ALLOW,
          actions: ['secretsmanager:GetSecretValue'],
          resources: [props.secrets.secrets[name].secretArn],
        }),
      );
    }
  }

  private grantTables({ storage, access }: YizhanFunctionProps): void {
    for (const [key, actions] of Object.entries(access.tables)) {
      if (!actions || actions.length === 0) continue;
      const table = storage.table(key);
      const def = storage.definitions[key];
      // Query reaches the indexes, each named: no `index/*`.
      const indexArns = actions.includes('Query') ? (def?.indexes ?? []).map((i) => `${table.tableArn}/index/${i.name}`) : [];
      this.role.addToPrincipalPolicy(
        new PolicyStatement({ effect: Effect.ALLOW, actions: dynamodbActions(actions), resources: [table.tableArn, ...indexArns] }),
      );
      if (def?.personalData && storage.personalDataKey) {
        this.role.addToPrincipalPolicy(
          new PolicyStatement({
            effect: Effect.ALLOW,
            actions: kmsActionsFor(actions),
            resources: [storage.personalDataKey.keyArn],
            // Only through DynamoDB: the key decrypts table data, not whatever a caller hands it.
            conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Aws.REGION}.${Aws.URL_SUFFIX}` } },
          }),
        );
      }
    }
  }
}
