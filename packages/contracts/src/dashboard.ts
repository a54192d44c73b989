import { z } from 'zod';
import { AgentAdminStateSchema, AgentObservedStateSchema } from './agents.js';
import { MetricsBucketSchema, MetricsUsageSchema } from './fleets/metrics.js';
import { ProviderKindSchema } from './llm.js';
import { UsageRowSchema } from './usage.js';

/** The ranges the dashboard offers, each `[now − span, now)`, with the series bucket it is drawn in. */
export const DASHBOARD_RANGES = {
  '1h': { spanMs: 3_600_000, bucket: '5m' },
  '24h': { spanMs: 86_400_000, bucket: '1h' },
  '7d': { spanMs: 7 * 86_400_000, bucket: '1d' },
  '30d': { spanMs: 30 * 86_400_000, bucket: '1d' },
} as const;
export const DashboardRangeSchema = z.enum(['1h', '24h', '7d', '30d']).meta({ id: 'DashboardRange' });
export type DashboardRange = z.infer<typeof DashboardRangeSchema>;

export const DashboardQuerySchema = z.strictObject({ range: DashboardRangeSchema.default('24h') });
export type DashboardQuery = z.output<typeof DashboardQuerySchema>;

/**
 * Where an item of the dashboard leads: an agent, one of its tasks, a conversation, a pipeline run or a
 * fleet task. The web app turns it into a path; `null` when what it names is gone or unknown.
 */
export const DashboardLinkSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('agent'), agentId: z.uuid() }),
    z.object({ kind: z.literal('task'), agentId: z.uuid(), taskId: z.uuid() }),
    z.object({ kind: z.literal('conversation'), agentId: z.uuid(), conversationId: z.uuid() }),
    z.object({ kind: z.literal('run'), runId: z.uuid() }),
    z.object({ kind: z.literal('fleetTask'), fleetId: z.uuid(), taskId: z.uuid() }),
  ])
  .meta({ id: 'DashboardLink' });
export type DashboardLink = z.infer<typeof DashboardLinkSchema>;

/** Counts by outcome of the work of one kind: started in the range, and ended in it by outcome. */
export const DashboardWorkCountsSchema = z
  .object({ started: z.int(), succeeded: z.int(), failed: z.int(), cancelled: z.int() })
  .meta({ id: 'DashboardWorkCounts' });
export type DashboardWorkCounts = z.infer<typeof DashboardWorkCountsSchema>;

const PercentilesSchema = z.object({ p50: z.number(), p95: z.number() });

/**
 * The key figures of one period. Tasks are agent tasks (every kind: chat turns, fleet and delegated work);
 * runs are pipeline runs. Every figure is 0, never null, when nothing happened.
 */
export const DashboardFiguresSchema = z
  .object({
    tasks: DashboardWorkCountsSchema,
    runs: DashboardWorkCountsSchema,
    /** succeeded ÷ ended over the tasks and runs that ended in the period; 0 when none did. */
    successRate: z.number(),
    /** `finishedAt − startedAt` (ms) of the tasks that ended in the period (continuous percentiles). */
    latencyMs: PercentilesSchema,
    /** Time to first token (ms) of the ledger rows of the period that streamed one. */
    timeToFirstTokenMs: PercentilesSchema,
    /** Ledger rows created in the period: calls, tokens and cost. */
    usage: MetricsUsageSchema,
    /** Ledger rows of the period whose outcome is `error`. */
    failedCalls: z.int(),
    /** Delegation limits tripped in the period. */
    limitTrips: z.int(),
  })
  .meta({ id: 'DashboardFigures' });
export type DashboardFigures = z.infer<typeof DashboardFiguresSchema>;

export const PROVIDER_HEALTH = ['healthy', 'degraded', 'failing', 'idle', 'unconfigured'] as const;
/**
 * From the provider's ledger rows of the last hour: `failing` when half or more failed, `degraded` when
 * any did, `healthy` when none did, `idle` when there were none; `unconfigured` when calls cannot be made.
 */
export const ProviderHealthSchema = z.enum(PROVIDER_HEALTH).meta({ id: 'ProviderHealth' });
export type ProviderHealth = z.infer<typeof ProviderHealthSchema>;

/** The whole workspace as it is now, whatever the range. */
export const DashboardStateSchema = z
  .object({
    agents: z.object({
      total: z.int(),
      observed: z.record(AgentObservedStateSchema, z.int()),
      admin: z.record(AgentAdminStateSchema, z.int()),
    }),
    /** Every fleet, deepest queue first: tasks queued and running now. */
    fleets: z.array(z.object({ id: z.uuid(), name: z.string(), queued: z.int(), running: z.int() })),
    runs: z.object({
      running: z.int(),
      queued: z.int(),
      /** Runs with an approval step waiting for a decision. */
      waitingForApproval: z.int(),
    }),
    providers: z.array(
      z.object({
        id: z.string(),
        kind: ProviderKindSchema.nullable(),
        ready: z.boolean(),
        health: ProviderHealthSchema,
        /** Ledger rows of the last hour, and the share of them that failed (0 when none). */
        calls: z.int(),
        errors: z.int(),
        errorRate: z.number(),
      }),
    ),
    server: z.object({
      version: z.string(),
      uptimeSeconds: z.number(),
      database: z.enum(['pglite', 'postgres']),
      /** Server processes whose heartbeat is fresh. */
      instancesAlive: z.int(),
    }),
  })
  .meta({ id: 'DashboardState' });
export type DashboardState = z.infer<typeof DashboardStateSchema>;

/** One bucket `[start, start + bucket)` of the range: its ledger rows. */
export const DashboardBucketSchema = z
  .object({ start: z.iso.datetime(), calls: z.int(), failedCalls: z.int(), costUsd: z.number(), tokens: z.int() })
  .meta({ id: 'DashboardBucket' });
export type DashboardBucket = z.infer<typeof DashboardBucketSchema>;

export const DashboardFailureSchema = z
  .object({
    /** What failed: a provider call, an agent task or a pipeline run. */
    source: z.enum(['call', 'task', 'run']),
    id: z.uuid(),
    at: z.iso.datetime(),
    /** The ledger's error class, or the task's or run's error code. */
    errorClass: z.string(),
    message: z.string(),
    /** The agent's name, the pipeline's name, or `provider/model`. */
    subject: z.string(),
    link: DashboardLinkSchema.nullable(),
  })
  .meta({ id: 'DashboardFailure' });
export type DashboardFailure = z.infer<typeof DashboardFailureSchema>;

export const DASHBOARD_ACTIVITY_KINDS = [
  'task_started',
  'task_finished',
  'run_started',
  'run_finished',
  'approval',
  'error',
  'limit_trip',
] as const;
export const DashboardActivityKindSchema = z.enum(DASHBOARD_ACTIVITY_KINDS).meta({ id: 'DashboardActivityKind' });
export type DashboardActivityKind = z.infer<typeof DashboardActivityKindSchema>;

export const DashboardActivitySchema = z
  .object({
    /** Stable across requests: the kind and the row's id. */
    id: z.string(),
    kind: DashboardActivityKindSchema,
    at: z.iso.datetime(),
    /** The agent's or pipeline's name, or `provider/model`. */
    subject: z.string(),
    /** The outcome or detail: a task's or run's status, an approval's decision, an error class, a trip code. */
    detail: z.string(),
    link: DashboardLinkSchema.nullable(),
  })
  .meta({ id: 'DashboardActivity' });
export type DashboardActivity = z.infer<typeof DashboardActivitySchema>;

/** How many failures and activity items the dashboard returns at most, newest first. */
export const DASHBOARD_FAILURE_LIMIT = 10;
export const DASHBOARD_ACTIVITY_LIMIT = 30;
/** How many agents and models the spend lists return at most, highest cost first. */
export const DASHBOARD_SPEND_LIMIT = 8;

/**
 * The operations overview of a workspace: its state now, the key figures of the range next to those of
 * the period just before it, the series and spend of the range, and its latest failures and activity.
 */
export const DashboardSchema = z
  .object({
    range: DashboardRangeSchema,
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    /** The previous period is `[previousFrom, from)`, as long as the range. */
    previousFrom: z.iso.datetime(),
    bucket: MetricsBucketSchema,
    state: DashboardStateSchema,
    current: DashboardFiguresSchema,
    previous: DashboardFiguresSchema,
    /** Every bucket of the range, empty ones included. */
    series: z.array(DashboardBucketSchema),
    /** The usage summary's rows by agent (`key` the agent id, '' for none) and by `provider/model`: the costliest. */
    byAgent: z.array(UsageRowSchema),
    byModel: z.array(UsageRowSchema),
    /** Within the range, newest first. */
    failures: z.array(DashboardFailureSchema),
    /** Within the range, newest first. */
    activity: z.array(DashboardActivitySchema),
  })
  .meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof DashboardSchema>;
