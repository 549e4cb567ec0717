import { Aws, Duration, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleGroup, ScheduleTargetInput, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionAccess } from './access';
import { YizhanFunction, type YizhanFunctionProps } from './functions';
import type { AppSecrets } from './secrets';
import type { StageSettings } from './stage';
import type { Storage } from './storage';

/**
 * Work that runs on a clock, not on a request: EventBridge Scheduler invokes each job's function.
 * A run that cannot be delivered (Scheduler's retries exhausted) or that fails (the function threw
 * on every Lambda retry) lands in one dead-letter queue, and an alarm watches that queue.
 */
export const JOBS = {
  'board-expiry': {
    description: 'Takes finished events and expired job posts of the notice board (公告栏) off its lists',
    schedule: 'rate(1 hour)',
  },
  'claim-expiry': {
    description: 'Releases micro-wish (微心愿) claims that were not fulfilled in time',
    schedule: 'rate(5 minutes)',
  },
  outbox: {
    description: 'Sends the queued notifications (WeChat subscribe messages)',
    schedule: 'rate(1 minute)',
  },
  'stale-digest': {
    description: 'Tells each district\'s staff which stations went stale this week (驿站信息待核实)',
    // Mondays 09:00 Shanghai time.
    schedule: 'cron(0 1 ? * MON *)',
  },
  retention: {
    description: 'Erases personal data past its retention period (PIPL art. 19)',
    schedule: 'rate(1 day)',
  },
} as const;

export type JobName = keyof typeof JOBS;
export const JOB_NAMES = Object.keys(JOBS) as JobName[];

/** Each job's entry: functions/src/jobs/<job>.ts, exporting `handler`. */
export const jobEntry = (job: string): string => `functions/src/jobs/${job}.ts`;

export interface JobsProps {
  settings: StageSettings;
  storage: Storage;
  secrets: AppSecrets;
  access: Readonly<Record<string, FunctionAccess>>;
  bundleAwsSdk: boolean;
  functionDefaults: Pick<YizhanFunctionProps, 'memorySize'>;
}

export class Jobs extends Construct {
  readonly functions: Record<string, YizhanFunction> = {};
  readonly schedules: Record<string, Schedule> = {};
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    const { settings } = props;

    this.deadLetters = new Queue(this, 'DeadLetters', {
      queueName: `${settings.prefix}jobs-dead-letters`,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the dead-letter queue: of the job schedules (Scheduler's DeadLetterConfig) and of the job functions' failed asynchronous runs (on-failure destination), which cdk-nag does not recognise as DLQ use.",
    });

    const group = new ScheduleGroup(this, 'Group', { scheduleGroupName: `${settings.prefix}jobs` });

    for (const job of JOB_NAMES) {
      const def = JOBS[job];
      const access = props.access[job];
      if (!access) throw new Error(`job ${job} has no access declaration in functions/src/jobs/access.ts`);
      const timeout = Duration.minutes(1);
      const fn = new YizhanFunction(this, `Job-${job}`, {
        name: `job-${job}`,
        entry: jobEntry(job),
        description: `Yizhan ${settings.stage} job ${job}: ${def.description}`,
        access,
        settings,
        storage: props.storage,
        secrets: props.secrets,
        timeout,
        memorySize: props.functionDefaults.memorySize,
        bundleAwsSdk: props.bundleAwsSdk,
      });
      // A run that throws is retried twice by Lambda, then recorded in the dead-letter queue.
      fn.fn.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
        onFailure: new SqsDestination(this.deadLetters),
      });
      // Scheduler's role for this job alone, usable only from this account.
      const schedulerRole = new Role(this, `Scheduler-${job}`, {
        assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
          conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
        }),
        description: `Yizhan ${settings.stage}: EventBridge Scheduler runs the ${job} job`,
      });
      const stack = Stack.of(this);
      const fnLogicalId: unknown = stack.resolve(stack.getLogicalId(fn.fn.node.defaultChild as CfnElement));
      Validations.of(schedulerRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${String(fnLogicalId)}.Arn>:*]`,
        reason: `lambda:InvokeFunction on the ${job} function and its qualified ARNs (versions, aliases): CDK's grantInvoke adds the ':*' form. No other function is reachable.`,
      });
      this.schedules[job] = new Schedule(this, `Schedule-${job}`, {
        scheduleName: `${settings.prefix}${job}`,
        scheduleGroup: group,
        description: def.description,
        schedule: ScheduleExpression.expression(def.schedule),
        timeWindow: TimeWindow.off(),
        target: new LambdaInvoke(fn.fn, {
          input: ScheduleTargetInput.fromObject({ job, scheduledTime: ContextAttribute.scheduledTime }),
          retryAttempts: 3,
          // A run that could not start within the next few runs is stale: the next run does its work.
          maxEventAge: Duration.minutes(15),
          deadLetterQueue: this.deadLetters,
          role: schedulerRole,
        }),
      });
      this.functions[job] = fn;
    }
  }
}
