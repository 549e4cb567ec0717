import { METRIC } from '../../functions/src/platform/metrics';
import { jobAccess } from '../../infra/src/cdk/access';
import { JOB_NAMES, JOBS } from '../../infra/src/cdk/jobs';
import { METRICS, OUTBOX_BACKLOG_AGE_LIMIT } from '../../infra/src/cdk/observability';
import { logicalId, resources, synthStack } from './synth';

/** Scheduled jobs with their dead-letter handling, and the alarms that watch the whole stage. */

const { stack, template } = synthStack('prod');

describe('scheduled jobs', () => {
  const schedules = Object.values(resources(template, 'AWS::Scheduler::Schedule'));
  const dlqArn = { 'Fn::GetAtt': [logicalId(stack.jobs.deadLetters), 'Arn'] };

  it('schedule each job, and only the jobs, on its own function', () => {
    expect(schedules).toHaveLength(JOB_NAMES.length);
    for (const job of JOB_NAMES) {
      const schedule = schedules.find((s) => s.Properties.Name === `yizhan-prod-${job}`)!;
      expect(schedule.Properties.ScheduleExpression).toBe(JOBS[job].schedule);
      expect(schedule.Properties.State).toBe('ENABLED');
      const target = schedule.Properties.Target as { Arn: unknown; Input: string };
      expect(target.Arn).toEqual({ 'Fn::GetAtt': [logicalId(stack.jobs.functions[job]!.fn), 'Arn'] });
      expect(JSON.parse(target.Input)).toEqual({ job, scheduledTime: '<aws.scheduler.scheduled-time>' });
    }
  });

  it('retry a failed delivery, then dead-letter it', () => {
    for (const schedule of schedules) {
      expect(schedule.Properties.Target).toMatchObject({
        DeadLetterConfig: { Arn: dlqArn },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 900 },
      });
    }
  });

  it('retry a failed run twice, then record it in the same dead-letter queue', () => {
    const configs = Object.values(resources(template, 'AWS::Lambda::EventInvokeConfig'));
    expect(configs).toHaveLength(JOB_NAMES.length);
    for (const config of configs) {
      expect(config.Properties).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: dlqArn } },
      });
    }
  });

  it('keep dead letters encrypted, over TLS only, for 14 days', () => {
    const queue = resources(template, 'AWS::SQS::Queue')[logicalId(stack.jobs.deadLetters)]!;
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    const policy = Object.values(resources(template, 'AWS::SQS::QueuePolicy'))[0]!;
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('run one at a time (reserved concurrency 1): a second run would race the first over the same items', () => {
    for (const job of JOB_NAMES) {
      expect(jobAccess[job].reservedConcurrency).toBe(1);
      const fn = resources(template, 'AWS::Lambda::Function')[logicalId(stack.jobs.functions[job]!.fn)]!;
      expect(fn.Properties.ReservedConcurrentExecutions).toBe(1);
    }
  });

  it("let Scheduler invoke only the job's function and write only to the dead-letter queue", () => {
    for (const job of JOB_NAMES) {
      const roleId = logicalId(stack.node.findChild('Jobs').node.findChild(`Scheduler-${job}`));
      const fnArn = { 'Fn::GetAtt': [logicalId(stack.jobs.functions[job]!.fn), 'Arn'] };
      const policies = Object.values(resources(template, 'AWS::IAM::Policy')).filter((p) =>
        (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref === roleId),
      );
      const statements = policies.flatMap((p) => (p.Properties.PolicyDocument as { Statement: unknown[] }).Statement);
      expect(statements).toEqual([
        { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: [fnArn, { 'Fn::Join': ['', [fnArn, ':*']] }] },
        { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: dlqArn },
      ]);
    }
  });
});

describe('alarms', () => {
  const alarms = Object.values(resources(template, 'AWS::CloudWatch::Alarm'));
  const named = (name: string) => alarms.find((a) => a.Properties.AlarmName === name)!;
  const topic = { Ref: logicalId(stack.observability.topic) };
  const functionNames = [...Object.values(stack.functions), ...Object.values(stack.jobs.functions), stack.tiles.function].map((f) => f.functionName);

  it('watch the share of API requests answered 5xx', () => {
    const alarm = named('yizhan-prod-api-5xx-rate');
    const metrics = alarm.Properties.Metrics as { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Namespace: string } } }[];
    expect(metrics.find((m) => m.Expression)!.Expression).toMatch(/100 \* errors \/ requests/);
    expect(metrics.filter((m) => m.MetricStat).map((m) => [m.Id, m.MetricStat!.Metric.Namespace, m.MetricStat!.Metric.MetricName])).toEqual(
      expect.arrayContaining([
        ['errors', 'AWS/ApiGateway', '5xx'],
        ['requests', 'AWS/ApiGateway', 'Count'],
      ]),
    );
    expect(alarm.Properties.Threshold).toBe(1);
  });

  it.each(['throttles', 'p99-duration'])('watch %s of every function', (kind) => {
    for (const name of functionNames) {
      const alarm = named(`${name}-${kind}`);
      expect(alarm).toBeDefined();
      expect(alarm.Properties.Namespace).toBe('AWS/Lambda');
      expect(alarm.Properties.Dimensions).toEqual([{ Name: 'FunctionName', Value: { Ref: expect.any(String) as unknown } }]);
      if (kind === 'throttles') expect(alarm.Properties).toMatchObject({ MetricName: 'Throttles', Statistic: 'Sum', Threshold: 0 });
      else expect(alarm.Properties).toMatchObject({ MetricName: 'Duration', ExtendedStatistic: 'p99' });
    }
  });

  it('watch the dead-letter queue', () => {
    expect(named('yizhan-prod-jobs-dead-letters').Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('watch the outbox: dead notifications, and the age of the oldest due one (silence counts as stuck)', () => {
    // The names the outbox job emits (functions/src/platform/metrics.ts) are the ones alarmed on.
    expect(METRICS.outboxDead).toBe(METRIC.outboxDead);
    expect(METRICS.outboxBacklogAge).toBe(METRIC.outboxBacklogAge);
    const dims = [
      { Name: 'service', Value: 'yizhan-job-outbox' },
      { Name: 'stage', Value: 'prod' },
    ];
    expect(named('yizhan-prod-outbox-dead').Properties).toMatchObject({
      Namespace: 'Yizhan',
      MetricName: 'OutboxDead',
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(named('yizhan-prod-outbox-dead').Properties.Dimensions).toEqual(dims);
    expect(named('yizhan-prod-outbox-backlog-age').Properties).toMatchObject({
      Namespace: 'Yizhan',
      MetricName: 'OutboxBacklogAgeSeconds',
      Statistic: 'Maximum',
      Threshold: OUTBOX_BACKLOG_AGE_LIMIT.toSeconds(),
      TreatMissingData: 'breaching',
    });
  });

  it('watch read and write throttling of every table', () => {
    for (const [name, table] of Object.entries(stack.storage.tables)) {
      const alarm = named(`yizhan-prod-table-${name}-throttles`);
      const metrics = alarm.Properties.Metrics as { Expression?: string; MetricStat?: { Metric: { MetricName: string; Dimensions: unknown[] } } }[];
      expect(metrics.find((m) => m.Expression)!.Expression).toBe('reads + writes');
      expect(metrics.filter((m) => m.MetricStat).map((m) => m.MetricStat!.Metric.MetricName).sort()).toEqual(['ReadThrottleEvents', 'WriteThrottleEvents']);
      for (const m of metrics.filter((x) => x.MetricStat)) expect(m.MetricStat!.Metric.Dimensions).toEqual([{ Name: 'TableName', Value: { Ref: logicalId(table) } }]);
    }
  });

  it('all notify the alarm topic, when raised and when cleared', () => {
    const tables = Object.keys(stack.storage.tables).length;
    expect(alarms).toHaveLength(1 + 2 * functionNames.length + tables + 2 + 1);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([topic]);
      expect(alarm.Properties.OKActions).toEqual([topic]);
      if (alarm.Properties.AlarmName !== 'yizhan-prod-outbox-backlog-age') expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
  });

  it("subscribe the stage settings' alarm address to the topic", () => {
    template.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.org' }, 1);
  });
});
