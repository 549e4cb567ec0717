import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. Personal data never goes into a log line: log ids and codes, not bodies.
 */
export function createLogger(service: string): Logger {
  return new Logger({ serviceName: `yizhan-${service}` });
}
