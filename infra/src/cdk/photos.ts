import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Distribution, ViewerProtocolPolicy, CachePolicy } from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageSettings } from './stage';

/**
 * Station photos: a private S3 bucket, read through a CloudFront distribution that alone may read it
 * (origin access control). The stations function writes objects under `stations/`; the mini-program
 * loads them from the distribution's https address, which must be added to the WeChat console's
 * downloadFile domains.
 */
export class Photos extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** What functions put in front of a key to make a photo's URL. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: { settings: StageSettings }) {
    super(scope, id);
    const { settings } = props;
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: settings.production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Photos of rest stations, public by nature and served through CloudFront; who wrote which photo is kept in the station history, so S3 server access logs would add cost and nothing to the audit trail.',
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Yizhan ${settings.stage}: station photos`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'The photos are public pictures of public places; restricting them by country would serve no one.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason: 'Read-only static images with immutable keys and CloudFront caching; a WAF would add cost without a threat it addresses.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason: 'Access logs of public station photos hold only viewer addresses, which we prefer not to collect (PIPL data minimisation).',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: "The default CloudFront certificate is used until a filed (备案) custom domain exists; with it comes a certificate and TLSv1.2_2021 (README, 'Deploying').",
      },
      {
        id: 'AwsSolutions-CFR7',
        reason: 'The origin uses origin access control (S3BucketOrigin.withOriginAccessControl); the rule looks for the older origin access identity.',
      },
    );
    this.baseUrl = `https://${this.distribution.distributionDomainName}/`;
  }
}
