import { readdirSync } from 'node:fs';
import path from 'node:path';
import { contract, routeKey, routeNames, type RouteDef } from '@yz/shared';
import { PUBLIC_PREFIXES } from '../../infra/src/cdk/photos';
import { logicalId, resources, synthStack, exampleSettings } from './synth';

/**
 * What a first real deploy needs, checked on the prod template from infra/stages/example.json: one
 * edge (API custom domain, CloudFront with the H5 build, public photo prefixes), resources that a
 * retried first deploy does not trip over, and a backup of the personal data.
 */

const settings = exampleSettings();
const { stack, template } = synthStack('prod');
const json = JSON.stringify(template.toJSON());

describe('the API on its own domain', () => {
  it('serves the API on domains.api with the ACM certificate of the settings, TLS 1.2, mapped to the $default stage', () => {
    const domains = Object.values(resources(template, 'AWS::ApiGatewayV2::DomainName'));
    expect(domains).toHaveLength(1);
    expect(domains[0]!.Properties).toMatchObject({
      DomainName: 'api.yizhan.example.cn',
      DomainNameConfigurations: [
        { CertificateArn: settings.certificates.api.acmCertificateArn, EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' },
      ],
    });
    const mapping = Object.values(resources(template, 'AWS::ApiGatewayV2::ApiMapping'))[0]!;
    expect(mapping.Properties).toMatchObject({ ApiId: { Ref: logicalId(stack.api.httpApi) }, Stage: '$default', DomainName: { Ref: logicalId(stack.api.domainName) } });
    expect((mapping as { DependsOn?: string[] }).DependsOn).toContain(logicalId(stack.api.stage));
    expect(stack.api.url).toBe('https://api.yizhan.example.cn');
  });

  it('routes no development-only route at all (the demo sign-in)', () => {
    const devOnly = routeNames.map((n) => contract[n] as RouteDef).filter((r) => r.devOnly);
    expect(devOnly.map(routeKey).sort()).toEqual(['GET /auth/dev/personas', 'POST /auth/dev']);
    const keys = Object.values(resources(template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    for (const route of devOnly) expect(keys).not.toContain(routeKey(route));
    expect(json).not.toContain('/auth/dev');
  });
});

describe('the edge', () => {
  const distributions = Object.values(resources(template, 'AWS::CloudFront::Distribution'));
  const config = () => distributions[0]!.Properties.DistributionConfig as Record<string, unknown> & {
    Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown; S3OriginConfig?: { OriginAccessIdentity?: unknown }; CustomOriginConfig?: unknown }[];
    DefaultCacheBehavior: { TargetOriginId: string; Compress: boolean; ViewerProtocolPolicy: string };
    CacheBehaviors: Behavior[];
  };
  const originOf = (id: string) => config().Origins.find((o) => o.Id === id)!;
  const siteDomain = () => ({ 'Fn::GetAtt': [logicalId(stack.edge.siteBucket), 'RegionalDomainName'] });
  const photoDomain = () => ({ 'Fn::GetAtt': [logicalId(stack.photos.bucket), 'RegionalDomainName'] });
  const apiDomain = () => ({ 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': [logicalId(stack.api.httpApi), 'ApiEndpoint'] }] }] });
  /** Where CloudFront sends a viewer's path: the first behaviour whose pattern matches, else the default. */
  const originFor = (urlPath: string) => {
    const hit = config().CacheBehaviors.find((b) => cloudFrontMatches(b.PathPattern, urlPath));
    return originOf((hit ?? config().DefaultCacheBehavior).TargetOriginId).DomainName;
  };

  it('is one distribution on domains.web with the certificate of the settings and TLS 1.2', () => {
    expect(distributions).toHaveLength(1);
    expect(config().Aliases).toEqual(['m.yizhan.example.cn']);
    expect(config().ViewerCertificate).toEqual({
      AcmCertificateArn: (settings.certificates.web as { acmCertificateArn: string }).acmCertificateArn,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
  });

  it('serves the H5 app from the site bucket by default, compressed, over https', () => {
    expect(config().DefaultRootObject).toBe('index.html');
    expect(config().DefaultCacheBehavior).toMatchObject({ Compress: true, ViewerProtocolPolicy: 'redirect-to-https' });
    expect(originOf(config().DefaultCacheBehavior.TargetOriginId).DomainName).toEqual({
      'Fn::GetAtt': [logicalId(stack.edge.siteBucket), 'RegionalDomainName'],
    });
  });

  it('serves station photos and tiles/* of the photo bucket, compressed, GET and HEAD only; never wishes/', () => {
    const media = config().CacheBehaviors.filter((b) => JSON.stringify(originOf(b.TargetOriginId).DomainName) === JSON.stringify(photoDomain()));
    expect(media.map((b) => b.PathPattern).sort()).toEqual(['stations/*.jpg', 'stations/*.png', 'stations/*.webp', 'tiles/*']);
    for (const b of media) expect(b).toMatchObject({ Compress: true, AllowedMethods: ['GET', 'HEAD'] });
    // Keys as the stations service writes them (stations/<id>/<ms>-<hex>.<ext>) and as tiles are laid out.
    for (const key of ['stations/st_ab12/1733400000000-0a1b2c3d.jpg', 'stations/st_ab12/1733400000000-0a1b2c3d.png', 'stations/x/1-2.webp', 'tiles/7/104/48.json']) {
      expect([key, originFor(key)]).toEqual([key, photoDomain()]);
    }
    // Private wish photos share the bucket: no behaviour leads there (`wishes*` is the API's).
    for (const key of ['wishes/w_1/1-2.jpg', 'wishes/w_1/x']) expect([key, originFor(key)]).not.toEqual([key, photoDomain()]);
    expect(JSON.stringify(config())).not.toContain('wishes/');
  });

  it('forwards every routed contract path to the HTTP API on the same origin: uncached, all methods, headers and query but not Host', () => {
    const fill = (p: string) => p.replace(/\{[^}]+\}/g, 'x_1').slice(1);
    for (const name of routeNames) {
      const route = contract[name] as RouteDef;
      if (route.devOnly) continue;
      expect([routeKey(route), originFor(fill(route.path))]).toEqual([routeKey(route), apiDomain()]);
    }
    const api = config().CacheBehaviors.filter((b) => JSON.stringify(originOf(b.TargetOriginId).DomainName) === JSON.stringify(apiDomain()));
    expect(api.length).toBeGreaterThan(0);
    for (const b of api) {
      expect(b).toMatchObject({
        AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
        OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
        ViewerProtocolPolicy: 'https-only',
      });
    }
    expect(originOf(api[0]!.TargetOriginId).CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    // The development sign-in stays unrouted here too: /auth/dev reaches the API, which has no such route.
    expect(config().CacheBehaviors.map((b) => b.PathPattern)).not.toContain('auth/dev*');
  });

  it('leaves the H5 build\'s own files to the site bucket: no API pattern matches them', () => {
    // What `npm run build:h5` writes (miniprogram/config/index.ts: js/, css/, static/, index.html).
    const h5 = path.join(__dirname, '../../miniprogram/dist/h5');
    const built = (() => {
      try {
        return readdirSync(h5);
      } catch {
        return [];
      }
    })();
    for (const file of new Set(['index.html', 'js/app.1234abcd.js', 'css/app.1234abcd.css', 'static/images/logo.png', ...built])) {
      expect([file, originFor(file)]).toEqual([file, siteDomain()]);
    }
  });

  it('reads both buckets through origin access control, and the photo bucket only under its public prefixes', () => {
    const buckets = config().Origins.filter((o) => o.S3OriginConfig);
    expect(buckets).toHaveLength(2);
    for (const origin of buckets) expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    const policy = Object.values(resources(template, 'AWS::S3::BucketPolicy')).find(
      (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: logicalId(stack.photos.bucket) }),
    )!;
    const statements = (policy.Properties.PolicyDocument as { Statement: { Effect: string; Principal?: { Service?: string }; Action: unknown; Resource: unknown; Condition?: unknown }[] })
      .Statement;
    const cloudfront = statements.filter((s) => s.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(cloudfront).toHaveLength(1);
    expect(cloudfront[0]!.Action).toBe('s3:GetObject');
    expect(cloudfront[0]!.Resource).toEqual(
      PUBLIC_PREFIXES.map((p) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(stack.photos.bucket), 'Arn'] }, `/${p}*`]] })),
    );
    expect(JSON.stringify(cloudfront[0]!.Condition)).toContain(logicalId(stack.edge.distribution));
  });

  it('deploys the H5 build into the site bucket and invalidates the distribution', () => {
    const deployments = Object.values(resources(template, 'Custom::CDKBucketDeployment'));
    expect(deployments).toHaveLength(1);
    expect(deployments[0]!.Properties).toMatchObject({
      DestinationBucketName: { Ref: logicalId(stack.edge.siteBucket) },
      DistributionId: { Ref: logicalId(stack.edge.distribution) },
      DistributionPaths: ['/*'],
      Prune: true,
    });
  });

  it('refuses to synthesise for a deploy when the H5 build is missing', () => {
    expect(() => synthStack('prod', { requireH5: true, h5Dir: '/nonexistent/h5' })).toThrow(/index\.html is missing/);
  });

  describe('in the China partition (aws-cn)', () => {
    const china = synthStack('prod', {
      deploySettings: { ...settings, partition: 'aws-cn', certificates: { ...settings.certificates, web: { iamServerCertificateId: 'ASCACHINAEXAMPLE0001' } } },
    });
    const cfg = () =>
      Object.values(resources(china.template, 'AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig as {
        Aliases: string[];
        ViewerCertificate: unknown;
        Origins: { OriginAccessControlId?: unknown; S3OriginConfig?: { OriginAccessIdentity?: unknown } }[];
      };

    it('takes an IAM server certificate for CloudFront', () => {
      expect(cfg().Aliases).toEqual(['m.yizhan.example.cn']);
      expect(cfg().ViewerCertificate).toEqual({ IamCertificateId: 'ASCACHINAEXAMPLE0001', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
    });

    it('reads the buckets through an origin access identity (no origin access control there), the photo bucket only under its public prefixes', () => {
      china.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 0);
      const oais = Object.keys(resources(china.template, 'AWS::CloudFront::CloudFrontOriginAccessIdentity'));
      expect(oais).toHaveLength(1);
      const buckets = cfg().Origins.filter((o) => o.S3OriginConfig);
      expect(buckets).toHaveLength(2);
      for (const origin of buckets) {
        expect(origin.OriginAccessControlId).toBeUndefined();
        expect(JSON.stringify(origin.S3OriginConfig!.OriginAccessIdentity)).toContain(oais[0]);
      }
      const policy = Object.values(resources(china.template, 'AWS::S3::BucketPolicy')).find(
        (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: logicalId(china.stack.photos.bucket) }),
      )!;
      const readers = (policy.Properties.PolicyDocument as { Statement: { Principal?: unknown; Action: unknown; Resource: unknown }[] }).Statement.filter((s) =>
        JSON.stringify(s.Principal ?? '').includes(oais[0]!),
      );
      expect(readers).toHaveLength(1);
      expect(readers[0]!.Action).toBe('s3:GetObject');
      expect(readers[0]!.Resource).toEqual(
        PUBLIC_PREFIXES.map((p) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [logicalId(china.stack.photos.bucket), 'Arn'] }, `/${p}*`]] })),
      );
    });
  });
});

describe('a first deploy that can be retried', () => {
  it('retains nothing with plain Retain in prod: every kept resource is RetainExceptOnCreate', () => {
    const all = Object.entries(template.toJSON().Resources as Record<string, { Type: string; DeletionPolicy?: string }>);
    expect(all.filter(([, r]) => r.DeletionPolicy === 'Retain').map(([id, r]) => `${id} ${r.Type}`)).toEqual([]);
    const kept = new Set(all.filter(([, r]) => r.DeletionPolicy === 'RetainExceptOnCreate').map(([, r]) => r.Type));
    for (const type of ['AWS::DynamoDB::Table', 'AWS::KMS::Key', 'AWS::SecretsManager::Secret', 'AWS::Logs::LogGroup', 'AWS::S3::Bucket', 'AWS::Backup::BackupVault']) {
      expect(kept).toContain(type);
      for (const [id, r] of all.filter(([, x]) => x.Type === type)) expect(`${id} ${r.DeletionPolicy}`).toBe(`${id} RetainExceptOnCreate`);
    }
  });
});

describe('backup', () => {
  it('backs up exactly the tables holding personal data, daily, for backupRetentionDays, in prod only', () => {
    const plan = Object.values(resources(template, 'AWS::Backup::BackupPlan'))[0]!;
    const rules = (plan.Properties.BackupPlan as { BackupPlanRule: { Lifecycle: { DeleteAfterDays: number }; ScheduleExpression: string }[] }).BackupPlanRule;
    expect(rules).toHaveLength(1);
    expect(rules[0]!.Lifecycle.DeleteAfterDays).toBe(settings.backupRetentionDays);
    const selection = Object.values(resources(template, 'AWS::Backup::BackupSelection'))[0]!;
    const selected = JSON.stringify((selection.Properties.BackupSelection as { Resources: unknown[] }).Resources);
    for (const [key, table] of Object.entries(stack.storage.tables)) {
      const personal = stack.storage.definitions[key]!.personalData === true;
      expect([key, selected.includes(`"${logicalId(table)}"`)]).toEqual([key, personal]);
    }
    synthStack('dev').template.resourceCountIs('AWS::Backup::BackupPlan', 0);
  });
});

interface Behavior {
  PathPattern: string;
  TargetOriginId: string;
  Compress: boolean;
  AllowedMethods: string[];
}

/** CloudFront's path pattern rule, written independently of edge.ts: `*` any run of characters, `?` one. */
function cloudFrontMatches(pattern: string, urlPath: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^/?${source.replace(/^\//, '')}$`).test(urlPath.replace(/^\//, ''));
}
