import { Duration, Validations } from 'aws-cdk-lib';
import { StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionAccess } from './access';
import { YizhanFunction } from './functions';
import type { Photos } from './photos';
import type { AppSecrets } from './secrets';
import type { StageSettings } from './stage';
import type { Storage } from './storage';

/**
 * Station tiles (functions/src/tiles): the stations table's stream invokes the builder, which
 * rebuilds the tiles of the cells each batch of changes touched and writes them under `tiles/` of
 * the photo bucket, read by everyone through the edge (edge.ts routes `tiles/*` there). One run at a
 * time (reserved concurrency 1, one batch per shard in order), so two runs never race over the
 * manifest; a batch that keeps failing is split, then recorded in the jobs' dead-letter queue.
 */
export interface TileBuilderProps {
  settings: StageSettings;
  storage: Storage;
  secrets: AppSecrets;
  photos: Photos;
  access: FunctionAccess;
  deadLetters: Queue;
  bundleAwsSdk: boolean;
}

export class TileBuilder extends Construct {
  readonly function: YizhanFunction;

  constructor(scope: Construct, id: string, props: TileBuilderProps) {
    super(scope, id);
    const { settings } = props;
    this.function = new YizhanFunction(this, 'Builder', {
      name: 'tiles',
      entry: 'functions/src/tiles/lambda.ts',
      description: `Yizhan ${settings.stage}: rebuilds station tiles from the stations table's stream`,
      access: props.access,
      settings,
      storage: props.storage,
      secrets: props.secrets,
      photos: props.photos,
      timeout: Duration.seconds(props.access.timeoutSeconds ?? 60),
      memorySize: props.access.memoryMb ?? 512,
      bundleAwsSdk: props.bundleAwsSdk,
    });
    this.function.fn.addEventSource(
      new DynamoEventSource(props.storage.table('stations'), {
        startingPosition: StartingPosition.TRIM_HORIZON,
        // A district's edits arrive together (an import, a host's session): one build for up to a
        // second's worth of changes. Freshness is this window plus one build plus the manifest's cache time.
        batchSize: 500,
        maxBatchingWindow: Duration.seconds(1),
        parallelizationFactor: 1,
        retryAttempts: 5,
        bisectBatchOnError: true,
        reportBatchItemFailures: false,
        onFailure: new SqsDlq(props.deadLetters),
      }),
    );
    Validations.of(this.function.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: "dynamodb:ListStreams, which the event source mapping's grant adds, is not resource-scoped in IAM (it lists a table's streams); the stream's reads are granted on the stations stream's ARN alone.",
    });
  }
}
