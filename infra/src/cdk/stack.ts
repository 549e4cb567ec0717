import { Aspects, CfnDeletionPolicy, CfnOutput, CfnResource, Duration, Stack, Tags, Validations, type IAspect, type StackProps } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { Construct } from 'constructs';
import { DOMAINS } from '@yz/shared';
import { secretId, tables, type TableDef } from '@yz/functions';
import { domainAccess, jobAccess, tileBuilderAccess, type FunctionAccess } from './access';
import { Api } from './api';
import { Backup } from './backup';
import { Edge } from './edge';
import { BUNDLE_AWS_SDK, YizhanFunction } from './functions';
import { Jobs } from './jobs';
import { Observability } from './observability';
import { Photos } from './photos';
import { TileBuilder } from './tiles';
import { AppSecrets } from './secrets';
import { parseDeploySettings } from './settings';
import { stageSettings, type StageSettings } from './stage';
import { Storage } from './storage';

export interface YizhanStackProps extends StackProps {
  /** `dev` or `prod`; anything else is refused. */
  stage: unknown;
  /** The stage's settings (infra/stages/<stage>.json, loaded by app.ts), validated here. */
  deploySettings: unknown;
  /** Refuse to synthesise without the H5 build (npm run deploy). */
  requireH5?: boolean;
  /** Another H5 build directory than miniprogram/dist/h5 (tests). */
  h5Dir?: string;
  /** Bundle the AWS SDK into each function, or use the runtime's copy (the default: see BUNDLE_AWS_SDK). */
  bundleAwsSdk?: boolean;
  /**
   * Other definitions than the repository's, for tests of paths the current data model does not take
   * yet (a table holding personal data, a function that reads a secret).
   */
  definitions?: {
    tables?: Readonly<Record<string, TableDef>>;
    domainAccess?: Readonly<Record<string, FunctionAccess>>;
    jobAccess?: Readonly<Record<string, FunctionAccess>>;
  };
}

/** Everything one stage of Yizhan runs on, in one stack: `Yizhan-dev`, `Yizhan-prod`. */
export class YizhanStack extends Stack {
  readonly settings: StageSettings;
  readonly storage: Storage;
  readonly photos: Photos;
  readonly edge: Edge;
  /** AWS Backup of the tables holding personal data; production only. */
  readonly backup?: Backup;
  readonly secrets: AppSecrets;
  /** One function per domain of the contract. */
  readonly functions: Record<string, YizhanFunction> = {};
  readonly api: Api;
  readonly jobs: Jobs;
  readonly tiles: TileBuilder;
  readonly observability: Observability;

  constructor(scope: Construct, id: string, props: YizhanStackProps) {
    const settings = stageSettings(props.stage, parseDeploySettings(props.deploySettings, `of stage ${String(props.stage)}`));
    super(scope, id, {
      description: `Yizhan (驿站) ${settings.stage}: API, functions, tables and jobs`,
      terminationProtection: settings.production,
      ...props,
    });
    this.settings = settings;
    Tags.of(this).add('project', 'yizhan');
    Tags.of(this).add('stage', settings.stage);

    const bundleAwsSdk = props.bundleAwsSdk ?? BUNDLE_AWS_SDK;
    const definitions = props.definitions ?? {};
    this.storage = new Storage(this, 'Storage', { settings, tables: definitions.tables ?? tables });
    this.secrets = new AppSecrets(this, 'Secrets', { settings });
    this.photos = new Photos(this, 'Photos', { settings });

    const access: Readonly<Record<string, FunctionAccess>> = definitions.domainAccess ?? domainAccess;
    for (const domain of DOMAINS) {
      const declared = access[domain];
      if (!declared) throw new Error(`domain ${domain} has no access declaration in functions/src/access.ts`);
      this.functions[domain] = new YizhanFunction(this, `Domain-${domain}`, {
        name: domain,
        entry: `functions/src/${domain}/lambda.ts`,
        description: `Yizhan ${settings.stage}: the ${domain} routes of the API`,
        access: declared,
        settings,
        storage: this.storage,
        secrets: this.secrets,
        photos: this.photos,
        // API Gateway gives up on an integration after 30 s; a request should never get close.
        timeout: Duration.seconds(declared.timeoutSeconds ?? 10),
        memorySize: declared.memoryMb ?? 512,
        bundleAwsSdk,
      });
    }

    this.api = new Api(this, 'Api', {
      settings,
      functions: Object.fromEntries(Object.entries(this.functions).map(([d, f]) => [d, f.fn])),
    });
    this.edge = new Edge(this, 'Edge', { settings, photos: this.photos, httpApi: this.api.httpApi, requireH5: props.requireH5, h5Dir: props.h5Dir });

    this.jobs = new Jobs(this, 'Jobs', {
      settings,
      storage: this.storage,
      secrets: this.secrets,
      access: definitions.jobAccess ?? jobAccess,
      bundleAwsSdk,
      functionDefaults: { memorySize: 256 },
    });

    this.tiles = new TileBuilder(this, 'Tiles', {
      settings,
      storage: this.storage,
      secrets: this.secrets,
      photos: this.photos,
      access: tileBuilderAccess,
      deadLetters: this.jobs.deadLetters,
      bundleAwsSdk,
    });

    this.observability = new Observability(this, 'Observability', {
      settings,
      httpApi: this.api.httpApi,
      functions: {
        ...Object.fromEntries(Object.entries(this.functions).map(([d, f]) => [d, { fn: f.fn, p99: settings.alarms.apiP99 }])),
        // A job is slow when it nears its one-minute timeout.
        ...Object.fromEntries(Object.entries(this.jobs.functions).map(([j, f]) => [`job-${j}`, { fn: f.fn, p99: Duration.seconds(45) }])),
        tiles: { fn: this.tiles.function.fn, p99: Duration.seconds(45) },
      },
      deadLetters: this.jobs.deadLetters,
      tables: this.storage.tables,
      alarmEmail: settings.deploy.alarmEmail,
    });

    if (settings.production) {
      const personal = Object.entries(this.storage.tables).filter(([key]) => this.storage.definitions[key]?.personalData).map(([, t]) => t);
      if (personal.length > 0) this.backup = new Backup(this, 'Backup', { settings, tables: personal });
    }

    this.suppressNodejsRuntimeFinding();
    // What CDK retains by its own default (a library's log group, a vault) follows the same rule as ours.
    if (settings.production) Aspects.of(this).add(new RetainExceptOnCreate());

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'TARO_APP_API_BASE_URL for `npm run build:weapp` and `build:h5`' });
    new CfnOutput(this, 'RequestDomain', {
      value: this.api.host,
      description: 'Register in the WeChat console: 开发管理 → 开发设置 → 服务器域名 → request合法域名',
    });
    new CfnOutput(this, 'ApiDomainTarget', {
      value: this.api.domainName.regionalDomainName,
      description: `DNS: CNAME ${settings.deploy.domains.api} to this`,
    });
    new CfnOutput(this, 'WebUrl', { value: `https://${settings.deploy.domains.web}/`, description: 'The H5 app; photos and tiles under it (WeChat downloadFile合法域名)' });
    new CfnOutput(this, 'WebDomainTarget', {
      value: this.edge.distribution.distributionDomainName,
      description: `DNS: CNAME ${settings.deploy.domains.web} to this`,
    });
    new CfnOutput(this, 'WechatSecretName', { value: secretId(settings.stage, 'wechat'), description: 'Put the AppID and AppSecret here' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.observability.topic.topicArn });
  }

  /** Every function runs nodejs22.x on purpose; cdk-nag asks for the newest runtime there is. */
  private suppressNodejsRuntimeFinding(): void {
    const all = [...Object.values(this.functions), ...Object.values(this.jobs.functions), this.tiles.function];
    for (const f of all) {
      Validations.of(f.fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason: 'nodejs22.x is the runtime the project targets and tests against (its SDK v3 line needs Node 22). Lambda deprecates it on 2027-04-30 (creates blocked from 2027-06-01): moving to nodejs24.x is its own change, made once the code is tested on Node 24.',
      });
    }
  }
}

/**
 * Turns every plain Retain into RetainExceptOnCreate: a resource kept when the stack is deleted or
 * the resource replaced, but removed when the first create fails and rolls back, so that the retry
 * does not stop at "already exists".
 */
class RetainExceptOnCreate implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof CfnResource && node.cfnOptions.deletionPolicy === CfnDeletionPolicy.RETAIN) {
      node.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN_EXCEPT_ON_CREATE;
    }
  }
}
