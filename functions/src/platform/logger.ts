import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { createRedactingReplacer } from './redact';

/**
 * Structured JSON logs. Personal data never goes into a log line: log ids and codes, not bodies; and
 * should a body slip in, the replacer masks personal fields (names, phone numbers, ID numbers, WeChat
 * identifiers, tokens) before the line is written.
 */
export function createLogger(service: string): Logger {
  return new Logger({ serviceName: `yizhan-${service}`, jsonReplacerFn: createRedactingReplacer() });
}

/**
 * Ties one invocation's log lines together as `correlation_id`: a route passes the API request id
 * (what API Gateway's access log shows); a scheduled job has no request around it and takes the
 * invocation's own id (`awsRequestId`, what Lambda's START/END lines show). In Lambda the function's
 * name and cold start go on each line too.
 */
export function correlate(logger: Logger, context: Context | undefined, requestId?: string): void {
  if (context) logger.addContext(context);
  logger.setCorrelationId(requestId ?? context?.awsRequestId ?? 'local');
}
