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
    Origins: { Id: string; DomainName: unknown; OriginAccessControlId?: unknown; S3OriginConfig?: unknown }[];
    DefaultCacheBehavior: { TargetOriginId: string; Compress: boolean; ViewerProtocolPolicy: string };
    CacheBehaviors: { PathPattern: string; TargetOriginId: string; Compress: boolean; AllowedMethods: string[] }[];
  };
  const originOf = (id: string) => config().Origins.find((o) => o.Id === id)!;

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

  it('serves stations/* and tiles/* of the photo bucket, compressed, GET and HEAD only; never wishes/', () => {
    expect(config().CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual(['stations/*', 'tiles/*']);
    for (const b of config().CacheBehaviors) {
      expect(b).toMatchObject({ Compress: true, AllowedMethods: ['GET', 'HEAD'] });
      expect(originOf(b.TargetOriginId).DomainName).toEqual({ 'Fn::GetAtt': [logicalId(stack.photos.bucket), 'RegionalDomainName'] });
    }
    expect(JSON.stringify(config())).not.toContain('wishes');
  });

  it('reads both buckets through origin access control, and the photo bucket only under its public prefixes', () => {
    for (const origin of config().Origins) expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
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

  it('takes an IAM server certificate for CloudFront in the China regions', () => {
    const china = synthStack('prod', {
      deploySettings: { ...settings, certificates: { ...settings.certificates, web: { iamServerCertificateId: 'ASCACHINAEXAMPLE0001' } } },
    });
    const dist = Object.values(resources(china.template, 'AWS::CloudFront::Distribution'))[0]!;
    const cfg = dist.Properties.DistributionConfig as { Aliases: string[]; ViewerCertificate: unknown };
    expect(cfg.Aliases).toEqual(['m.yizhan.example.cn']);
    expect(cfg.ViewerCertificate).toEqual({ IamCertificateId: 'ASCACHINAEXAMPLE0001', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
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
