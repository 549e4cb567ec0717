import { Logger } from '@aws-lambda-powertools/logger';
import { createRedactingReplacer } from './redact';

/**
 * Structured JSON logs. Personal data never goes into a log line: log ids and codes, not bodies; and
 * should a body slip in, the replacer masks personal fields (names, phone numbers, ID numbers, WeChat
 * identifiers, tokens) before the line is written.
 */
export function createLogger(service: string): Logger {
  return new Logger({ serviceName: `yizhan-${service}`, jsonReplacerFn: createRedactingReplacer() });
}
