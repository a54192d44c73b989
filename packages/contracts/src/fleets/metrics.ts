import { z } from 'zod';
import { TimestampSchema } from '../timestamp.js';

/** The longest range one metrics request may cover. */
export const MAX_METRICS_RANGE_MS = 90 * 24 * 3_600_000;
/** The range when `from` is not given: the 24 hours before `to`. */
export const DEFAULT_METRICS_RANGE_MS = 24 * 3_600_000;
/** The most series buckets one request may ask for (90 days of `1h`). */
export const MAX_METRICS_BUCKETS = 2_160;

export const METRICS_BUCKETS = { '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 } as const;
export const MetricsBucketSchema = z.enum(['5m', '1h', '1d']).meta({ id: 'MetricsBucket' });
export type MetricsBucket = z.infer<typeof MetricsBucketSchema>;

/**
 * The half-open range `[from, to)` the figures cover. `to` defaults to now, `from` to 24 h before `to`;
 * `from` must be before `to`, the range at most 90 days, and `bucket` (a time series, buckets aligned
 * to `from`) at most 2,160 buckets. Anything else is a 400.
 */
export const MetricsQuerySchema = z
  .strictObject({
    from: TimestampSchema.optional(),
    to: TimestampSchema.optional(),
    bucket: MetricsBucketSchema.optional(),
  })
  .meta({ id: 'MetricsQuery' });
export type MetricsQuery = z.output<typeof MetricsQuerySchema>;

/** Tasks by what happened to them in the range. */
export const MetricsTaskCountsSchema = z
  .object({
    /** Created (fleet tasks) or started (agent tasks) in the range. */
    submitted: z.int(),
    /** Ended in the range (`finishedAt` in it), by outcome. */
    succeeded: z.int(),
    failed: z.int(),
    cancelled: z.int(),
  })
  .meta({ id: 'MetricsTaskCounts' });
export type MetricsTaskCounts = z.infer<typeof MetricsTaskCountsSchema>;

export const MetricsUsageSchema = z
  .object({
    /** Ledger rows (`llm_calls`) created in the range. */
    calls: z.int(),
    inputTokens: z.int(),
    outputTokens: z.int(),
    cachedInputTokens: z.int(),
    reasoningTokens: z.int(),
    costUsd: z.number(),
  })
  .meta({ id: 'MetricsUsage' });
export type MetricsUsage = z.infer<typeof MetricsUsageSchema>;

/**
 * The figures of one subject (a fleet, a member, an agent) over the range. Every figure is 0, never
 * null, when nothing happened.
 */
export const MetricsFiguresSchema = z
  .object({
    tasks: MetricsTaskCountsSchema,
    /**
     * Running time inside the range ÷ (capacity × range length). A task runs from `startedAt` (its latest
     * placement) to `finishedAt`, or to now while `running`; only the part inside the range counts. The
     * capacity is the fleet's `maxConcurrency`, a member's `maxConcurrent`, or 1 for an agent (whose tasks
     * are not capped, so its figure is its average number of tasks running at once and may exceed 1).
     */
    utilisation: z.number(),
    /** succeeded ÷ (succeeded + failed + cancelled) of the tasks that ended in the range; 0 when none did. */
    successRate: z.number(),
    /** failed ÷ (succeeded + failed + cancelled) of the tasks that ended in the range; 0 when none did. */
    errorRate: z.number(),
    /** `finishedAt − startedAt` (ms) of the tasks that ended in the range and had started: p50 and p95 (continuous percentiles). */
    latencyMs: z.object({ p50: z.number(), p95: z.number() }),
    usage: MetricsUsageSchema,
    /** Delegation limits tripped in the range (`delegation_trips`), by code. */
    limitTrips: z.record(z.string(), z.int()),
  })
  .meta({ id: 'MetricsFigures' });
export type MetricsFigures = z.infer<typeof MetricsFiguresSchema>;

/** Placements in the range by the strategy that made them: how many, and the median decision time. */
export const RoutingMetricsSchema = z
  .object({ strategy: z.string(), decisions: z.int(), decisionMsP50: z.number() })
  .meta({ id: 'RoutingMetrics' });
export type RoutingMetrics = z.infer<typeof RoutingMetricsSchema>;

/** One bucket `[start, start + bucket)` of the series: its tasks and usage, counted as in the totals. */
export const MetricsBucketFiguresSchema = z
  .object({ start: z.iso.datetime(), tasks: MetricsTaskCountsSchema, usage: MetricsUsageSchema })
  .meta({ id: 'MetricsBucketFigures' });
export type MetricsBucketFigures = z.infer<typeof MetricsBucketFiguresSchema>;

/** The queue as it is at the time of the request (not over the range). */
export const QueueMetricsSchema = z
  .object({
    /** Tasks `queued` now. */
    depth: z.int(),
    /** Now − `createdAt` of the oldest queued task, in ms; 0 when none waits. */
    oldestAgeMs: z.number(),
  })
  .meta({ id: 'QueueMetrics' });

const rangeFields = { from: z.iso.datetime(), to: z.iso.datetime(), bucket: MetricsBucketSchema.nullable() };

export const FleetMemberMetricsSchema = MetricsFiguresSchema.extend({ agentId: z.uuid() }).meta({ id: 'FleetMemberMetrics' });

/**
 * A fleet's figures: totals, one entry per current member (tasks it held in its latest attempt; the
 * ledger rows and trips of its agent within the fleet's tasks), the queue now, routing by strategy and,
 * with `bucket`, the series.
 */
export const FleetMetricsSchema = z
  .object({
    ...rangeFields,
    totals: MetricsFiguresSchema,
    queue: QueueMetricsSchema,
    routing: z.array(RoutingMetricsSchema),
    members: z.array(FleetMemberMetricsSchema),
    series: z.array(MetricsBucketFiguresSchema),
  })
  .meta({ id: 'FleetMetrics' });
export type FleetMetrics = z.infer<typeof FleetMetricsSchema>;

/**
 * An agent's figures from its own tasks (every kind) and its ledger rows; routing counts the placements
 * of the fleets it is a member of that chose it. Agents have no queue: their tasks start at once.
 */
export const AgentMetricsSchema = z
  .object({
    ...rangeFields,
    totals: MetricsFiguresSchema,
    routing: z.array(RoutingMetricsSchema),
    series: z.array(MetricsBucketFiguresSchema),
  })
  .meta({ id: 'AgentMetrics' });
export type AgentMetrics = z.infer<typeof AgentMetricsSchema>;
