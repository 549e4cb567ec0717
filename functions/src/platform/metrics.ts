import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { isDeployed, type Stage } from './config';

/**
 * The functions' own CloudWatch metrics (Powertools Metrics, written as EMF log lines that CloudWatch
 * turns into metrics: no API call, no extra permission). Dimensions: `service` (yizhan-<name>) and
 * `stage`; infra/src/cdk/observability.ts alarms on some of them by those names. Off AWS nothing is
 * written, so local runs and tests keep a clean stdout.
 */
export const METRIC = {
  /** Items DynamoDB read for one nearby search (read amplification is this over items returned). */
  searchItemsRead: 'SearchItemsRead',
  searchCellsRead: 'SearchCellsRead',
  outboxSent: 'OutboxSent',
  outboxDead: 'OutboxDead',
  /** Seconds the oldest due outbox message has waited past its due time after a drain. */
  outboxBacklogAge: 'OutboxBacklogAgeSeconds',
  claimLapses: 'ClaimLapses',
} as const;
export type MetricName = (typeof METRIC)[keyof typeof METRIC];

export interface AppMetrics {
  /** Records the values and writes them at once (one EMF line per call). */
  emit(values: Partial<Record<MetricName, number>>, unit?: 'Count' | 'Seconds'): void;
}

const NONE: AppMetrics = { emit: () => undefined };

export function createMetrics(service: string, stage: Stage): AppMetrics {
  if (!isDeployed(stage)) return NONE;
  const metrics = new Metrics({
    namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Yizhan',
    serviceName: `yizhan-${service}`,
    defaultDimensions: { stage },
  });
  return {
    emit(values, unit = 'Count') {
      for (const [name, value] of Object.entries(values)) {
        if (value !== undefined) metrics.addMetric(name, unit === 'Seconds' ? MetricUnit.Seconds : MetricUnit.Count, value);
      }
      metrics.publishStoredMetrics();
    },
  };
}
