import type { MetricsFigures, MetricsTaskCounts, MetricsUsage, RoutingMetrics } from '@agent-fleet/contracts';
import type { MetricsRange, MetricsRepository, SubjectMetrics } from '@agent-fleet/core';
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';

export type Rows = { rows: unknown[] } | unknown[];
/** PGlite and node-postgres both answer `execute` with `{ rows }`. */
export const rowsOf = <T>(result: Rows): T[] => (Array.isArray(result) ? result : result.rows) as T[];

export const at = (date: Date): SQL => sql`${date.toISOString()}::timestamptz`;
export const inRange = (column: SQL, range: MetricsRange): SQL =>
  sql`(${column} >= ${at(range.from)} and ${column} < ${at(range.to)})`;
/** The bucket of a time: whole buckets since `from`. */
export const bucketOf = (column: SQL, range: MetricsRange, bucketMs: number): SQL =>
  sql`floor(extract(epoch from (${column} - ${at(range.from)})) * 1000 / ${bucketMs})::int`;

/**
 * A task source yields `key` (the subject: '' for the whole, or a member's id), `submitted_at`,
 * `started_at`, `finished_at` and `status`. Its figures, grouped by key, in one pass.
 */
export function taskFigures(source: SQL, range: MetricsRange): SQL {
  const ended = inRange(sql`finished_at`, range);
  // A running task runs until now; a task re-queued after a placement (escalation) has no end and is left out.
  const runEnd = sql`least(coalesce(finished_at, case when status = 'running' then ${at(range.now)} end), ${at(range.to)})`;
  const runStart = sql`greatest(started_at, ${at(range.from)})`;
  const duration = sql`extract(epoch from (finished_at - started_at)) * 1000`;
  return sql`
    select key,
      count(*) filter (where ${inRange(sql`submitted_at`, range)})::int as submitted,
      count(*) filter (where status = 'succeeded' and ${ended})::int as succeeded,
      count(*) filter (where status = 'failed' and ${ended})::int as failed,
      count(*) filter (where status = 'cancelled' and ${ended})::int as cancelled,
      coalesce(sum(extract(epoch from (${runEnd} - ${runStart})) * 1000) filter (where started_at is not null and ${runEnd} > ${runStart}), 0)::float8 as busy_ms,
      coalesce(percentile_cont(0.5) within group (order by ${duration}) filter (where started_at is not null and ${ended}), 0)::float8 as p50,
      coalesce(percentile_cont(0.95) within group (order by ${duration}) filter (where started_at is not null and ${ended}), 0)::float8 as p95
    from (${source}) t group by key`;
}

/** A ledger source yields `key` and the `llm_calls` columns; its usage in the range, grouped by key. */
export const usageColumns = sql`count(*)::int as calls, coalesce(sum(input_tokens), 0)::float8 as input_tokens,
  coalesce(sum(output_tokens), 0)::float8 as output_tokens, coalesce(sum(cached_input_tokens), 0)::float8 as cached_input_tokens,
  coalesce(sum(reasoning_tokens), 0)::float8 as reasoning_tokens, coalesce(sum(cost_usd), 0)::float8 as cost_usd`;

export interface TaskRow {
  key: string;
  submitted: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  busy_ms: number;
  p50: number;
  p95: number;
}
export interface UsageRow {
  key: string;
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  reasoning_tokens: number;
  cost_usd: number;
}

export const counts = (
  row: Pick<TaskRow, 'submitted' | 'succeeded' | 'failed' | 'cancelled'> | undefined,
): MetricsTaskCounts => ({
  submitted: Number(row?.submitted ?? 0),
  succeeded: Number(row?.succeeded ?? 0),
  failed: Number(row?.failed ?? 0),
  cancelled: Number(row?.cancelled ?? 0),
});

export const usage = (row: UsageRow | undefined): MetricsUsage => ({
  calls: Number(row?.calls ?? 0),
  inputTokens: Number(row?.input_tokens ?? 0),
  outputTokens: Number(row?.output_tokens ?? 0),
  cachedInputTokens: Number(row?.cached_input_tokens ?? 0),
  reasoningTokens: Number(row?.reasoning_tokens ?? 0),
  costUsd: Number(row?.cost_usd ?? 0),
});

function figures(
  task: TaskRow | undefined,
  spent: UsageRow | undefined,
  trips: Record<string, number>,
  capacity: number,
  range: MetricsRange,
): MetricsFigures {
  const tasks = counts(task);
  const ended = tasks.succeeded + tasks.failed + tasks.cancelled;
  const span = range.to.getTime() - range.from.getTime();
  return {
    tasks,
    utilisation: capacity > 0 ? Number(task?.busy_ms ?? 0) / (capacity * span) : 0,
    successRate: ended ? tasks.succeeded / ended : 0,
    errorRate: ended ? tasks.failed / ended : 0,
    latencyMs: { p50: Number(task?.p50 ?? 0), p95: Number(task?.p95 ?? 0) },
    usage: usage(spent),
    limitTrips: trips,
  };
}

/**
 * Monitoring figures computed in SQL from the task rows, the ledger, the delegation trips and the
 * routing records; nothing is kept between requests. See `MetricsFiguresSchema` for each definition.
 */
export class DrizzleMetricsRepository implements MetricsRepository {
  constructor(private readonly db: Database) {}

  async fleet(
    workspaceId: string,
    fleetId: string,
    range: MetricsRange,
  ): Promise<SubjectMetrics & { queue: { depth: number; oldestAgeMs: number } }> {
    // Tasks that can touch the range: created before its end, and created or ended in it, or not ended.
    const tasks = sql`fleet_tasks where workspace_id = ${workspaceId} and fleet_id = ${fleetId} and created_at < ${at(range.to)}
      and (created_at >= ${at(range.from)} or finished_at >= ${at(range.from)} or finished_at is null)`;
    const whole = sql`select '' as key, created_at as submitted_at, started_at, finished_at, status from ${tasks}`;
    const perMember = sql`select unnest(agent_ids)::text as key, created_at as submitted_at, started_at, finished_at, status from ${tasks}`;
    const calls = sql`select * from llm_calls where workspace_id = ${workspaceId} and ${inRange(sql`created_at`, range)}
      and task_id in (select unnest(agent_task_ids) from ${tasks})`;
    const [taskRows, usageRows, tripRows, routing, capacity, queue, series] = await Promise.all([
      this.rows<TaskRow>(sql`${taskFigures(whole, range)} union all ${taskFigures(perMember, range)}`),
      this.rows<UsageRow>(sql`select '' as key, ${usageColumns} from (${calls}) c
        union all select agent_id::text as key, ${usageColumns} from (${calls}) c where agent_id is not null group by agent_id`),
      this.trips(sql`fleet_id = ${fleetId}`, workspaceId, range, true),
      this.routing(sql`fleet_id = ${fleetId}`, workspaceId, range),
      this.rows<{ key: string; capacity: number }>(sql`
        select '' as key, max_concurrency as capacity from fleets where workspace_id = ${workspaceId} and id = ${fleetId}
        union all select agent_id::text, max_concurrent from fleet_members where workspace_id = ${workspaceId} and fleet_id = ${fleetId}`),
      this.rows<{ depth: number; oldest_age_ms: number }>(sql`
        select count(*)::int as depth, coalesce(extract(epoch from (${at(range.now)} - min(created_at))) * 1000, 0)::float8 as oldest_age_ms
        from fleet_tasks where workspace_id = ${workspaceId} and fleet_id = ${fleetId} and status = 'queued'`),
      this.series(whole, sql`select * from (${calls}) c`, range),
    ]);
    const taskOf = new Map(taskRows.map((row) => [row.key, row]));
    const usageOf = new Map(usageRows.map((row) => [row.key, row]));
    const figuresOf = (key: string, cap: number) =>
      figures(taskOf.get(key), usageOf.get(key), tripRows.get(key) ?? {}, cap, range);
    return {
      totals: figuresOf('', Number(capacity.find((row) => row.key === '')?.capacity ?? 0)),
      members: capacity
        .filter((row) => row.key !== '')
        .map((row) => ({ agentId: row.key, ...figuresOf(row.key, Number(row.capacity)) })),
      queue: { depth: Number(queue[0]?.depth ?? 0), oldestAgeMs: Number(queue[0]?.oldest_age_ms ?? 0) },
      routing,
      series,
    };
  }

  async agent(workspaceId: string, agentId: string, range: MetricsRange): Promise<SubjectMetrics> {
    // An agent task starts when it is created: `started_at` is its submission too.
    const tasks = sql`select '' as key, started_at as submitted_at, started_at, finished_at, status from agent_tasks
      where workspace_id = ${workspaceId} and agent_id = ${agentId} and started_at < ${at(range.to)}
        and (started_at >= ${at(range.from)} or finished_at >= ${at(range.from)} or finished_at is null)`;
    const calls = sql`select * from llm_calls where workspace_id = ${workspaceId} and agent_id = ${agentId} and ${inRange(sql`created_at`, range)}`;
    const fleetsOfAgent = sql`fleet_id in (select fleet_id from fleet_members where workspace_id = ${workspaceId} and agent_id = ${agentId})
      and ${agentId}::uuid = any(chosen)`;
    const [taskRows, usageRows, tripRows, routing, series] = await Promise.all([
      this.rows<TaskRow>(taskFigures(tasks, range)),
      this.rows<UsageRow>(sql`select '' as key, ${usageColumns} from (${calls}) c`),
      this.trips(sql`from_agent_id = ${agentId}`, workspaceId, range, false),
      this.routing(fleetsOfAgent, workspaceId, range),
      this.series(tasks, calls, range),
    ]);
    return { totals: figures(taskRows[0], usageRows[0], tripRows.get('') ?? {}, 1, range), members: [], routing, series };
  }

  /** Trips by code, for the whole ('') and, when `perAgent`, by the asking agent. */
  private async trips(
    of: SQL,
    workspaceId: string,
    range: MetricsRange,
    perAgent: boolean,
  ): Promise<Map<string, Record<string, number>>> {
    const where = sql`workspace_id = ${workspaceId} and ${of} and ${inRange(sql`created_at`, range)}`;
    const rows = await this.rows<{ key: string; code: string; trips: number }>(sql`
      select '' as key, code, count(*)::int as trips from delegation_trips where ${where} group by code
      ${perAgent ? sql`union all select from_agent_id::text, code, count(*)::int from delegation_trips where ${where} group by from_agent_id, code` : sql``}`);
    const byKey = new Map<string, Record<string, number>>();
    for (const row of rows) byKey.set(row.key, { ...byKey.get(row.key), [row.code]: Number(row.trips) });
    return byKey;
  }

  private async routing(of: SQL, workspaceId: string, range: MetricsRange): Promise<RoutingMetrics[]> {
    const rows = await this.rows<{ strategy: string; decisions: number; p50: number }>(sql`
      select strategy, count(*)::int as decisions, percentile_cont(0.5) within group (order by decision_ms)::float8 as p50
      from fleet_routing_records where workspace_id = ${workspaceId} and ${of} and ${inRange(sql`created_at`, range)}
      group by strategy order by strategy`);
    return rows.map((row) => ({ strategy: row.strategy, decisions: Number(row.decisions), decisionMsP50: Number(row.p50) }));
  }

  /** With a bucket: every bucket of the range, empty ones included, with its task counts and usage. */
  private async series(tasks: SQL, calls: SQL, range: MetricsRange): Promise<SubjectMetrics['series']> {
    if (range.bucketMs === null) return [];
    const ms = range.bucketMs;
    const [taskRows, usageRows] = await Promise.all([
      this.rows<{ bucket: number; kind: string; tasks: number }>(sql`
        select bucket, kind, count(*)::int as tasks from (
          select ${bucketOf(sql`submitted_at`, range, ms)} as bucket, 'submitted' as kind from (${tasks}) t where ${inRange(sql`submitted_at`, range)}
          union all
          select ${bucketOf(sql`finished_at`, range, ms)}, status from (${tasks}) t
          where status in ('succeeded', 'failed', 'cancelled') and ${inRange(sql`finished_at`, range)}
        ) b group by bucket, kind`),
      this.rows<UsageRow & { bucket: number }>(sql`
        select ${bucketOf(sql`created_at`, range, ms)} as bucket, '' as key, ${usageColumns} from (${calls}) c group by 1`),
    ]);
    const taskCount = new Map(taskRows.map((row) => [`${Number(row.bucket)}:${row.kind}`, Number(row.tasks)]));
    const usageOf = new Map(usageRows.map((row) => [Number(row.bucket), row]));
    const buckets = Math.ceil((range.to.getTime() - range.from.getTime()) / ms);
    return Array.from({ length: buckets }, (_, index) => {
      const of = (kind: keyof MetricsTaskCounts) => taskCount.get(`${index}:${kind}`) ?? 0;
      return {
        start: new Date(range.from.getTime() + index * ms).toISOString(),
        tasks: { submitted: of('submitted'), succeeded: of('succeeded'), failed: of('failed'), cancelled: of('cancelled') },
        usage: usage(usageOf.get(index)),
      };
    });
  }

  private async rows<T>(query: SQL): Promise<T[]> {
    return rowsOf<T>((await this.db.execute(query)) as Rows);
  }
}
