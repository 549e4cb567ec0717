import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type AlarmProps, type IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { StageSettings } from './stage';

/**
 * Alarms on what users feel and what silently piles up: the API's 5xx share, any throttled function,
 * throttled tables, slow API functions (p99), slow jobs, failed job runs waiting in the dead-letter
 * queue, and notifications that died or wait too long in the outbox. Every alarm notifies one SNS
 * topic, to which the stage settings' `alarmEmail` is subscribed.
 */

/** Namespace and dimensions of the functions' own metrics (functions/src/platform/metrics.ts). */
export const METRICS = {
  namespace: 'Yizhan',
  outboxService: 'yizhan-job-outbox',
  outboxDead: 'OutboxDead',
  outboxBacklogAge: 'OutboxBacklogAgeSeconds',
} as const;

/** A message due this long ago and still unsent means the outbox is stuck (it drains every minute). */
export const OUTBOX_BACKLOG_AGE_LIMIT = Duration.minutes(15);
export interface ObservabilityProps {
  settings: StageSettings;
  httpApi: HttpApi;
  /** API functions by domain, and job functions by job, with the p99 each is allowed. */
  functions: Readonly<Record<string, { fn: IFunction; p99: Duration }>>;
  deadLetters: IQueue;
  tables: Readonly<Record<string, ITable>>;
  alarmEmail?: string;
}

export class Observability extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ObservabilityProps) {
    super(scope, id);
    const { settings } = props;
    this.topic = new Topic(this, 'Alarms', {
      topicName: `${settings.prefix}alarms`,
      displayName: `Yizhan ${settings.stage} alarms`,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    const action: IAlarmAction = new SnsAction(this.topic);
    type AlarmSettings = Omit<AlarmProps, 'alarmName' | 'comparisonOperator' | 'evaluationPeriods'> & Partial<Pick<AlarmProps, 'evaluationPeriods'>>;
    /**
     * An alarm named under the stage's prefix that fires above its threshold (for one period unless
     * said), stays quiet without data unless said, and tells the topic when it fires and when it clears.
     */
    const add = (id: string, name: string, alarmSettings: AlarmSettings) => {
      const alarm = new Alarm(this, id, {
        alarmName: `${settings.prefix}${name}`,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        ...alarmSettings,
      });
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
      this.alarms.push(alarm);
    };

    const period = Duration.minutes(5);
    const { api5xxPercent, api5xxMinRequests } = settings.alarms;
    add('Api5xxRate', 'api-5xx-rate', {
      alarmDescription: `More than ${api5xxPercent}% of API requests answered 5xx in 5 minutes (judged from ${api5xxMinRequests} requests up)`,
      metric: new MathExpression({
        expression: `IF(requests >= ${api5xxMinRequests}, 100 * errors / requests, 0)`,
        usingMetrics: {
          errors: props.httpApi.metricServerError({ period, statistic: 'Sum' }),
          requests: props.httpApi.metricCount({ period, statistic: 'Sum' }),
        },
        label: 'API 5xx %',
        period,
      }),
      threshold: api5xxPercent,
    });

    for (const [name, { fn, p99 }] of Object.entries(props.functions)) {
      add(`Throttles-${name}`, `${name}-throttles`, {
        alarmDescription: `${name}: invocations were throttled (concurrency limit reached)`,
        metric: fn.metricThrottles({ period, statistic: 'Sum' }),
        threshold: 0,
      });
      add(`P99-${name}`, `${name}-p99-duration`, {
        alarmDescription: `${name}: p99 duration above ${p99.toMilliseconds()} ms for 15 minutes`,
        metric: fn.metricDuration({ period, statistic: 'p99' }),
        threshold: p99.toMilliseconds(),
        evaluationPeriods: 3,
      });
    }

    for (const [name, table] of Object.entries(props.tables)) {
      add(`TableThrottles-${name}`, `table-${name}-throttles`, {
        alarmDescription: `Table ${name}: reads or writes were throttled`,
        metric: new MathExpression({
          expression: 'reads + writes',
          usingMetrics: {
            reads: table.metric('ReadThrottleEvents', { period, statistic: 'Sum' }),
            writes: table.metric('WriteThrottleEvents', { period, statistic: 'Sum' }),
          },
          label: `${name} throttle events`,
          period,
        }),
        threshold: 0,
      });
    }

    const outboxMetric = (metricName: string, statistic: string) =>
      new Metric({
        namespace: METRICS.namespace,
        metricName,
        dimensionsMap: { service: METRICS.outboxService, stage: settings.stage },
        period,
        statistic,
      });
    add('OutboxDead', 'outbox-dead', {
      alarmDescription: 'Notifications were given up on (WeChat refused them: a wrong template id, a revoked grant...); see the outbox job\'s log',
      metric: outboxMetric(METRICS.outboxDead, 'Sum'),
      threshold: 0,
    });
    add('OutboxBacklogAge', 'outbox-backlog-age', {
      alarmDescription: `The oldest due notification has waited more than ${OUTBOX_BACKLOG_AGE_LIMIT.toMinutes()} minutes, or the outbox job stopped reporting`,
      metric: outboxMetric(METRICS.outboxBacklogAge, 'Maximum'),
      threshold: OUTBOX_BACKLOG_AGE_LIMIT.toSeconds(),
      // The job reports every minute: silence means it is not running.
      treatMissingData: TreatMissingData.BREACHING,
    });

    add('JobDeadLetters', 'jobs-dead-letters', {
      alarmDescription: 'A job run failed or could not be delivered: see the messages in the jobs dead-letter queue',
      metric: props.deadLetters.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      threshold: 0,
    });
  }
}
