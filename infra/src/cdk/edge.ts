import { existsSync } from 'node:fs';
import path from 'node:path';
import { Annotations, Aws, Fn, Stack, Validations, type CfnElement, type CfnResource } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HttpVersion,
  OriginAccessIdentity,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  S3OriginAccessControl,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
  type IOrigin,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Effect, PolicyStatement, ServicePrincipal, type IPrincipal } from 'aws-cdk-lib/aws-iam';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { contract, routeNames, type RouteDef } from '@yz/shared';
import { REPO_ROOT } from './functions';
import { PUBLIC_PREFIXES, privateBucket, type Photos } from './photos';
import type { StageSettings } from './stage';

/** Where `npm run build:h5` writes the browser build of the mini-program. */
export const H5_BUILD_DIR = path.join(REPO_ROOT, 'miniprogram/dist/h5');

/**
 * The edge's path patterns that go to the API: one per first path segment of the routed contract
 * (`stations*` covers `/stations` and `/stations/{id}/…`). The H5 app calls the API on its own origin
 * with the contract's paths, as it does on the local server (miniprogram/config/index.ts), so the
 * deployed page needs no API base URL and no CORS. The H5 build's own files (index.html, js/, css/,
 * static/) share no first segment with the contract (tests/infra/edge.test.ts).
 */
export function apiPathPatterns(): string[] {
  const segments = new Set<string>();
  for (const name of routeNames) {
    const route = contract[name] as RouteDef;
    if (!route.devOnly) segments.add(route.path.split('/')[1]!);
  }
  return [...segments].sort().map((segment) => `${segment}*`);
}

/**
 * Station photos share the `stations/` prefix with the API's station routes; their keys end in an
 * image extension (stations/station-writes.ts), which no route does, so these patterns, placed
 * before the API's, send photos to the bucket and everything else under `stations` to the API.
 */
export const PHOTO_PATTERNS = ['stations/*.jpg', 'stations/*.png', 'stations/*.webp', 'tiles/*'] as const;

export interface EdgeProps {
  settings: StageSettings;
  photos: Photos;
  /** The HTTP API the edge forwards the contract's paths to (its execute-api endpoint). */
  httpApi: HttpApi;
  /**
   * The H5 build to deploy; absent (not built) synthesises a placeholder page so that `cdk synth`
   * and the tests work without a build, while `npm run deploy` sets `requireH5` and refuses that.
   */
  h5Dir?: string;
  /** Refuse to synthesise without the H5 build (set by `npm run deploy`: `-c requireH5=true`). */
  requireH5?: boolean;
}

/**
 * One CloudFront distribution on the stage's web domain: the H5 app from its own bucket (deployed by
 * the stack) as the default, the public prefixes of the photo bucket (station photos, `tiles/*`), and
 * the API's paths to the HTTP API, uncached. Both buckets private, read by this distribution alone:
 * through origin access control, or in the China partition, which does not offer it, an origin access
 * identity.
 */
export class Edge extends Construct {
  readonly siteBucket: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: EdgeProps) {
    super(scope, id);
    const { settings, photos } = props;
    const { domains, certificates } = settings.deploy;

    this.siteBucket = privateBucket(this, 'SiteBucket', settings);
    Validations.of(this.siteBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds only the built H5 app, written by the stack\'s own deployment and read by CloudFront; server access logs would record nothing but those two.',
    });

    const china = settings.deploy.partition === 'aws-cn';
    // The photo bucket also holds private wish photos: the origin is built on a reference to the
    // bucket (so CDK adds no `bucket/*` read grant) and the grant below names the public prefixes only.
    const photoRef = Bucket.fromBucketAttributes(this, 'PhotoBucketRef', {
      bucketArn: photos.bucket.bucketArn,
      bucketName: photos.bucket.bucketName,
      bucketRegionalDomainName: photos.bucket.bucketRegionalDomainName,
    });
    let siteOrigin: IOrigin;
    let photoOrigin: IOrigin;
    let photoReader: IPrincipal;
    if (china) {
      const oai = new OriginAccessIdentity(this, 'OriginAccessIdentity', { comment: `Yizhan ${settings.stage}: the edge reads its buckets` });
      siteOrigin = S3BucketOrigin.withOriginAccessIdentity(this.siteBucket, { originAccessIdentity: oai });
      photoOrigin = S3BucketOrigin.withOriginAccessIdentity(photoRef, { originAccessIdentity: oai });
      photoReader = oai.grantPrincipal;
    } else {
      const oac = new S3OriginAccessControl(this, 'OriginAccess', { description: `Yizhan ${settings.stage}: the edge reads its buckets` });
      siteOrigin = S3BucketOrigin.withOriginAccessControl(this.siteBucket, { originAccessControl: oac });
      photoOrigin = S3BucketOrigin.withOriginAccessControl(photoRef, { originAccessControl: oac });
      photoReader = new ServicePrincipal('cloudfront.amazonaws.com');
      Annotations.of(this).acknowledgeWarning(
        '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
        'The photo bucket policy is written by Edge itself, for stations/* and tiles/* only.',
      );
    }

    const mediaBehavior: BehaviorOptions = {
      origin: photoOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      compress: true,
    };
    // The API: nothing cached; every method; the viewer's headers (Authorization), cookies and query
    // string go to the origin, but not Host: API Gateway answers only to its own host name.
    const apiBehavior: BehaviorOptions = {
      origin: new HttpOrigin(Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint)), { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      compress: false,
    };
    const acmWeb = 'acmCertificateArn' in certificates.web ? certificates.web.acmCertificateArn : undefined;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Yizhan ${settings.stage}: H5 app, API, station photos and tiles`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      // Mainland viewers are served best by the Asia edges; the China regions have their own CloudFront.
      priceClass: PriceClass.PRICE_CLASS_ALL,
      ...(acmWeb
        ? {
            domainNames: [domains.web],
            certificate: Certificate.fromCertificateArn(this, 'WebCertificate', acmWeb),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
      // CloudFront takes the first pattern that matches, in this order: photos before the API's `stations*`.
      additionalBehaviors: Object.fromEntries([
        ...PHOTO_PATTERNS.map((pattern) => [pattern, mediaBehavior] as const),
        ...apiPathPatterns().map((pattern) => [pattern, apiBehavior] as const),
      ]),
    });
    if (!acmWeb && 'iamServerCertificateId' in certificates.web) {
      // CloudFront in the China regions takes IAM server certificates only, which the L2 does not model.
      const cfn = this.distribution.node.defaultChild as CfnResource;
      cfn.addPropertyOverride('DistributionConfig.Aliases', [domains.web]);
      cfn.addPropertyOverride('DistributionConfig.ViewerCertificate', {
        IamCertificateId: certificates.web.iamServerCertificateId,
        SslSupportMethod: 'sni-only',
        MinimumProtocolVersion: 'TLSv1.2_2021',
      });
    }

    photos.bucket.addToResourcePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        principals: [photoReader],
        actions: ['s3:GetObject'],
        resources: PUBLIC_PREFIXES.map((prefix) => photos.bucket.arnForObjects(`${prefix}*`)),
        // An origin access identity is this distribution's own; the service principal needs naming it.
        ...(china
          ? {}
          : { conditions: { StringEquals: { 'AWS:SourceArn': `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/${this.distribution.distributionId}` } } }),
      }),
    );

    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'The H5 app, station photos and tiles are public and meant for workers wherever they are; restricting them by country would serve no one.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: "Besides static GET/HEAD content, the edge forwards the API's paths to the HTTP API, which has the same protections as on its own domain: the stage's throttling and the functions' per-user and per-address rate limits (platform/rate-limit.ts); WeChat clients call the API domain directly, where no WAF can be attached to an HTTP API either.",
      },
      {
        id: 'AwsSolutions-CFR3',
        reason: 'Access logs of public pages and photos hold only viewer addresses, which we prefer not to collect (PIPL data minimisation).',
      },
      {
        id: 'AwsSolutions-CFR7',
        reason: 'Both buckets are read through origin access control (S3OriginAccessControl), or in the China partition, which lacks it, an origin access identity; the rule looks for the latter only. The third origin is the HTTP API, which is no bucket.',
      },
    );

    const h5 = props.h5Dir ?? H5_BUILD_DIR;
    const built = existsSync(path.join(h5, 'index.html'));
    if (!built && props.requireH5) {
      throw new Error(`${path.relative(REPO_ROOT, h5)}/index.html is missing: build the H5 app against this stage's API first (README, "Deploying")`);
    }
    const source: ISource = built
      ? Source.asset(h5)
      : Source.data('index.html', '<!doctype html><meta charset="utf-8"><title>驿站</title><p>H5 尚未构建（npm run build:h5）。</p>');
    if (!built) {
      Annotations.of(this).addInfo(`${path.relative(REPO_ROOT, h5)} has no build: a placeholder page stands in (npm run deploy refuses this)`);
    }
    this.deployment = new BucketDeployment(this, 'SiteDeployment', {
      sources: [source],
      destinationBucket: this.siteBucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      prune: true,
    });
    this.acknowledgeDeploymentHandler();
  }

  /** BucketDeployment's handler (a CDK singleton): it runs only during a CloudFormation deploy. */
  private acknowledgeDeploymentHandler(): void {
    const role = this.deployment.handlerRole;
    const handler = role.node.scope;
    if (!handler) return;
    const stack = Stack.of(this);
    const siteBucketId: unknown = stack.resolve(stack.getLogicalId(this.siteBucket.node.defaultChild as CfnElement));
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason: "BucketDeployment's handler is aws-cdk-lib's own (its Python runtime is chosen by the library and moves with it); it runs only while CloudFormation deploys the H5 build.",
    });
    const copy = "aws-cdk-lib's BucketDeployment grant: it reads the staged H5 build from the CDK asset bucket and copies (and prunes) it into the site bucket, only while CloudFormation deploys";
    Validations.of(role).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "The deployment handler's logs: AWSLambdaBasicExecutionRole allows creating and writing log groups and streams, nothing else; the handler is CDK's own and runs only during deploys.",
      },
      ...['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'].map((action) => ({ id: `AwsSolutions-IAM5[Action::${action}]`, reason: `${action}: ${copy}.` })),
      { id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', reason: `The CDK bootstrap asset bucket: ${copy}.` },
      { id: `AwsSolutions-IAM5[Resource::<${String(siteBucketId)}.Arn>/*]`, reason: `The site bucket's objects: ${copy}.` },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'cloudfront:CreateInvalidation and GetInvalidation, which CDK grants on * (CloudFront invalidations take no narrower resource in this grant): the handler invalidates the distribution after copying a new H5 build.',
      },
    );
  }
}
