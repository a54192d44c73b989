import { AgentMetricsSchema, FleetMetricsSchema, type MetricsBucket } from '@agent-fleet/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/** The time ranges the monitoring charts offer, newest data at the right. */
export const METRICS_RANGES = ['1h', '24h', '7d', '30d'] as const;
export type MetricsRange = (typeof METRICS_RANGES)[number];

/** Each range's length and the bucket its series uses: 12 to 30 bars, never more. */
export const METRICS_RANGE_SPEC: Record<MetricsRange, { ms: number; bucket: MetricsBucket; label: string }> = {
  '1h': { ms: 3_600_000, bucket: '5m', label: 'the last hour' },
  '24h': { ms: 86_400_000, bucket: '1h', label: 'the last 24 hours' },
  '7d': { ms: 7 * 86_400_000, bucket: '1d', label: 'the last 7 days' },
  '30d': { ms: 30 * 86_400_000, bucket: '1d', label: 'the last 30 days' },
};

/** A `range` search param as a range; anything else is the default, 24 h. */
export const parseMetricsRange = (value: string | null): MetricsRange =>
  (METRICS_RANGES as readonly string[]).includes(value ?? '') ? (value as MetricsRange) : '24h';

/** The query of a range ending `now`: `[now − length, now)`, with the range's bucket. */
export function metricsWindow(range: MetricsRange, now: number = Date.now()) {
  const spec = METRICS_RANGE_SPEC[range];
  return { from: new Date(now - spec.ms).toISOString(), to: new Date(now).toISOString(), bucket: spec.bucket };
}

export const metricsKeys = {
  fleet: (fleetId: string, range: MetricsRange) => ['fleets', 'metrics', fleetId, range] as const,
  agent: (agentId: string, range: MetricsRange) => ['agents', 'metrics', agentId, range] as const,
};

/** A fleet's figures over `range`, ending when fetched; the previous range's stay on screen while a new one loads. */
export function useFleetMetrics(fleetId: string, range: MetricsRange) {
  return useQuery({
    queryKey: metricsKeys.fleet(fleetId, range),
    // Parsed: the charts index into every figure, and an answer of another shape shows as an error, not a crash.
    queryFn: async ({ signal }) =>
      FleetMetricsSchema.parse(await api('getFleetMetrics', { params: { id: fleetId }, query: metricsWindow(range), signal })),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}

/** An agent's figures over `range`, ending when fetched. */
export function useAgentMetrics(agentId: string, range: MetricsRange) {
  return useQuery({
    queryKey: metricsKeys.agent(agentId, range),
    queryFn: async ({ signal }) =>
      AgentMetricsSchema.parse(await api('getAgentMetrics', { params: { id: agentId }, query: metricsWindow(range), signal })),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });
}
