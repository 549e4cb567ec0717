/** What EventBridge Scheduler sends a job function (the payload the CDK app gives each schedule). */
export interface ScheduledJobEvent {
  job: string;
  /** When the run was due, ISO-8601 (Scheduler's `<aws.scheduler.scheduled-time>`). */
  scheduledTime?: string;
}

export interface JobResult {
  job: string;
  /** Items the run handled. */
  handled: number;
}
