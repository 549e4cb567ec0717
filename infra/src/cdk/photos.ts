import { Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageSettings } from './stage';

/**
 * Uploaded pictures, one private S3 bucket split by prefix: `stations/` (public station photos, read
 * through the edge), `tiles/` (station tiles, read through the edge), `wishes/` (micro-wish delivery
 * photos: private, read only through presigned GET URLs the wishes function signs). The edge's origin
 * access control may read `stations/*` and `tiles/*` and nothing else (edge.ts); each function may
 * write only its own prefix (functions.ts).
 */
export const PUBLIC_PREFIXES = ['stations/', 'tiles/'] as const;

/**
 * A bucket nobody reads directly: S3-managed encryption, public access blocked, ACLs off, TLS only,
 * kept with the stage's removal policy (the edge reads through CloudFront, functions through IAM).
 */
export function privateBucket(scope: Construct, id: string, settings: StageSettings): Bucket {
  return new Bucket(scope, id, {
    encryption: BucketEncryption.S3_MANAGED,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    removalPolicy: settings.removalPolicy,
    autoDeleteObjects: false,
  });
}

export class Photos extends Construct {
  readonly bucket: Bucket;
  /** What functions put in front of a key to make a public photo's URL: the edge's own domain. */
  readonly baseUrl: string;

  constructor(scope: Construct, id: string, props: { settings: StageSettings }) {
    super(scope, id);
    const { settings } = props;
    this.bucket = privateBucket(this, 'Bucket', settings);
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'Who uploaded which picture is recorded by the application itself (station history, the wish timeline and the audit log); S3 server access logs would add cost and a second copy of requesters\' addresses without adding to that trail.',
    });
    this.baseUrl = `https://${settings.deploy.domains.web}/`;
  }
}
