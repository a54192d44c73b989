import {
  AGENT_ADMIN_STATES,
  AGENT_OBSERVED_STATES,
  DASHBOARD_ACTIVITY_LIMIT,
  DASHBOARD_FAILURE_LIMIT,
  type AgentAdminState,
  type AgentObservedState,
  type DashboardActivity,
  type DashboardBucket,
  type DashboardFailure,
  type DashboardFigures,
  type DashboardLink,
} from '@agent-fleet/contracts';
import {
  INSTANCE_STALE_MS,
  type DashboardRepository,
  type DashboardRowState,
  type MetricsRange,
  type ProviderCallCounts,
} from '@agent-fleet/core';
import { sql, type SQL } from 'drizzle-orm';
import { agentColumns } from './agent-repository.js';
import type { Database } from './database.js';
import {
  at,
  bucketOf,
  counts,
  inRange,
  rowsOf,
  taskFigures,
  usage,
  usageColumns,
  type Rows,
  type TaskRow,
  type UsageRow,
} from './metrics-repository.js';

/** The columns a failure or an activity item links with; `link_kind` says which of them it uses. */
interface LinkColumns {
  link_kind: DashboardLink['kind'] | null;
  agent_id: string | null;
  task_id: string | null;
  conversation_id: string | null;
  run_id: string | null;
  fleet_id: string | null;
}

function linkOf(row: LinkColumns): DashboardLink | null {
  const { agent_id: agentId, task_id: taskId, conversation_id: conversationId, run_id: runId, fleet_id: fleetId } = row;
  switch (row.link_kind) {
    case 'run':
      return runId ? { kind: 'run', runId } : null;
    case 'task':
      return agentId && taskId ? { kind: 'task', agentId, taskId } : null;
    case 'conversation':
      return agentId && conversationId ? { kind: 'conversation', agentId, conversationId } : null;
    case 'agent':
      return agentId ? { kind: 'agent', agentId } : null;
    case 'fleetTask':
      return fleetId && taskId ? { kind: 'fleetTask', fleetId, taskId } : null;
    default:
      return null;
  }
}

const iso = (value: Date | string): string => new Date(value).toISOString();
const link = (kind: SQL, agentId: SQL, taskId: SQL, conversationId: SQL, runId: SQL): SQL =>
  sql`${kind} as link_kind, ${agentId}::uuid as agent_id, ${taskId}::uuid as task_id,
    ${conversationId}::uuid as conversation_id, ${runId}::uuid as run_id, null::uuid as fleet_id`;
const none = sql`null`;

/**
 * A ledger row leads to its run, else to its task while its agent exists, else to its agent. (The ledger
 * has no foreign keys: it outlives what it served.) Needs `c` (llm_calls) and `a` (agents, left-joined).
 */
const callLink = link(
  sql`case when c.run_id is not null then 'run' when a.id is not null and c.task_id is not null then 'task' when a.id is not null then 'agent' end`,
  sql`a.id`,
  sql`c.task_id`,
  none,
  sql`c.run_id`,
);

/**
 * The dashboard's figures, computed in SQL from the agent, task, run, fleet task, ledger and delegation
 * trip rows; the figures shared with fleet and agent metrics use the same SQL (metrics-repository.ts).
 */
export class DrizzleDashboardRepository implements DashboardRepository {
  constructor(private readonly db: Database) {}

  async state(workspaceId: string, now: Date): Promise<DashboardRowState> {
    const [agentRows, fleets, runs, instances] = await Promise.all([
      this.rows<{ admin: AgentAdminState; observed: AgentObservedState; agents: number }>(sql`
        select admin, observed, count(*)::int as agents from (
          select ${agentColumns.adminState} as admin, ${agentColumns.observedState} as observed
          from agents where workspace_id = ${workspaceId}
        ) a group by admin, observed`),
      this.rows<{ id: string; name: string; queued: number; running: number }>(sql`
        select f.id, f.name, count(t.id) filter (where t.status = 'queued')::int as queued,
          count(t.id) filter (where t.status = 'running')::int as running
        from fleets f left join fleet_tasks t on t.fleet_id = f.id and t.status in ('queued', 'running')
        where f.workspace_id = ${workspaceId}
        group by f.id, f.name order by queued desc, running desc, f.name collate "C", f.id`),
      this.rows<{ running: number; queued: number; waiting: number }>(sql`
        select count(*) filter (where status = 'running')::int as running, count(*) filter (where status = 'queued')::int as queued,
          (select count(distinct s.run_id) from pipeline_step_runs s join pipeline_runs r on r.id = s.run_id
           where s.workspace_id = ${workspaceId} and s.type = 'approval' and s.status = 'waiting' and r.status = 'running')::int as waiting
        from pipeline_runs where workspace_id = ${workspaceId} and status in ('queued', 'running')`),
      this.rows<{ alive: number }>(sql`
        select count(*)::int as alive from server_instances
        where heartbeat_at > ${at(new Date(now.getTime() - INSTANCE_STALE_MS))}`),
    ]);
    const observed = Object.fromEntries(AGENT_OBSERVED_STATES.map((state) => [state, 0])) as Record<AgentObservedState, number>;
    const admin = Object.fromEntries(AGENT_ADMIN_STATES.map((state) => [state, 0])) as Record<AgentAdminState, number>;
    let total = 0;
    for (const row of agentRows) {
      const count = Number(row.agents);
      observed[row.observed] += count;
      admin[row.admin] += count;
      total += count;
    }
    const run = runs[0];
    return {
      agents: { total, observed, admin },
      fleets: fleets.map((row) => ({ id: row.id, name: row.name, queued: Number(row.queued), running: Number(row.running) })),
      runs: {
        running: Number(run?.running ?? 0),
        queued: Number(run?.queued ?? 0),
        waitingForApproval: Number(run?.waiting ?? 0),
      },
      instancesAlive: Number(instances[0]?.alive ?? 0),
    };
  }

  async figures(workspaceId: string, range: MetricsRange): Promise<DashboardFigures> {
    // Work that can touch the range: begun before its end, and begun or ended in it, or not ended.
    const touching = (begun: string) => sql`workspace_id = ${workspaceId} and ${sql.raw(begun)} < ${at(range.to)}
      and (${sql.raw(begun)} >= ${at(range.from)} or finished_at >= ${at(range.from)} or finished_at is null)`;
    // An agent task starts when it is created: `started_at` is its submission too.
    const tasks = sql`select '' as key, started_at as submitted_at, started_at, finished_at, status
      from agent_tasks where ${touching('started_at')}`;
    const runs = sql`select '' as key, created_at as submitted_at, started_at, finished_at, status
      from pipeline_runs where ${touching('created_at')}`;
    const ttft = (fraction: number) =>
      sql`coalesce(percentile_cont(${sql.raw(String(fraction))}) within group (order by time_to_first_token_ms)
        filter (where time_to_first_token_ms is not null), 0)::float8`;
    const [taskRows, runRows, callRows, tripRows] = await Promise.all([
      this.rows<TaskRow>(taskFigures(tasks, range)),
      this.rows<TaskRow>(taskFigures(runs, range)),
      this.rows<UsageRow & { failed_calls: number; ttft_p50: number; ttft_p95: number }>(sql`
        select '' as key, ${usageColumns}, count(*) filter (where outcome = 'error')::int as failed_calls,
          ${ttft(0.5)} as ttft_p50, ${ttft(0.95)} as ttft_p95
        from llm_calls where workspace_id = ${workspaceId} and ${inRange(sql`created_at`, range)}`),
      this.rows<{ trips: number }>(sql`
        select count(*)::int as trips from delegation_trips where workspace_id = ${workspaceId} and ${inRange(sql`created_at`, range)}`),
    ]);
    const work = (row: TaskRow | undefined) => {
      const { submitted, ...ended } = counts(row);
      return { started: submitted, ...ended };
    };
    const taskCounts = work(taskRows[0]);
    const runCounts = work(runRows[0]);
    const succeeded = taskCounts.succeeded + runCounts.succeeded;
    const ended = succeeded + taskCounts.failed + runCounts.failed + taskCounts.cancelled + runCounts.cancelled;
    const calls = callRows[0];
    return {
      tasks: taskCounts,
      runs: runCounts,
      successRate: ended ? succeeded / ended : 0,
      latencyMs: { p50: Number(taskRows[0]?.p50 ?? 0), p95: Number(taskRows[0]?.p95 ?? 0) },
      timeToFirstTokenMs: { p50: Number(calls?.ttft_p50 ?? 0), p95: Number(calls?.ttft_p95 ?? 0) },
      usage: usage(calls),
      failedCalls: Number(calls?.failed_calls ?? 0),
      limitTrips: Number(tripRows[0]?.trips ?? 0),
    };
  }

  async series(workspaceId: string, range: MetricsRange): Promise<DashboardBucket[]> {
    const ms = range.bucketMs;
    if (ms === null) return [];
    const rows = await this.rows<{ bucket: number; calls: number; failed_calls: number; cost_usd: number; tokens: number }>(sql`
      select ${bucketOf(sql`created_at`, range, ms)} as bucket, count(*)::int as calls,
        count(*) filter (where outcome = 'error')::int as failed_calls, coalesce(sum(cost_usd), 0)::float8 as cost_usd,
        coalesce(sum(input_tokens + output_tokens), 0)::float8 as tokens
      from llm_calls where workspace_id = ${workspaceId} and ${inRange(sql`created_at`, range)} group by 1`);
    const byBucket = new Map(rows.map((row) => [Number(row.bucket), row]));
    const buckets = Math.ceil((range.to.getTime() - range.from.getTime()) / ms);
    return Array.from({ length: buckets }, (_, index) => {
      const row = byBucket.get(index);
      return {
        start: new Date(range.from.getTime() + index * ms).toISOString(),
        calls: Number(row?.calls ?? 0),
        failedCalls: Number(row?.failed_calls ?? 0),
        costUsd: Number(row?.cost_usd ?? 0),
        tokens: Number(row?.tokens ?? 0),
      };
    });
  }

  async providerCalls(workspaceId: string, since: Date): Promise<ProviderCallCounts[]> {
    const rows = await this.rows<{ provider: string; calls: number; errors: number }>(sql`
      select provider, count(*)::int as calls, count(*) filter (where outcome = 'error')::int as errors
      from llm_calls where workspace_id = ${workspaceId} and created_at >= ${at(since)}
      group by provider order by provider collate "C"`);
    return rows.map((row) => ({ provider: row.provider, calls: Number(row.calls), errors: Number(row.errors) }));
  }

  async failures(workspaceId: string, range: MetricsRange): Promise<DashboardFailure[]> {
    const limit = DASHBOARD_FAILURE_LIMIT;
    const rows = await this.rows<
      LinkColumns & {
        source: DashboardFailure['source'];
        id: string;
        at: Date;
        error_class: string;
        message: string;
        subject: string;
      }
    >(sql`
      select * from (
        (select 'call' as source, c.id, c.created_at as at, coalesce(c.error_class, 'unknown') as error_class,
           coalesce(c.error_message, '') as message, c.provider || '/' || c.model as subject, ${callLink}
         from llm_calls c left join agents a on a.id = c.agent_id and a.workspace_id = c.workspace_id
         where c.workspace_id = ${workspaceId} and c.outcome = 'error' and ${inRange(sql`c.created_at`, range)}
         order by c.created_at desc, c.id desc limit ${limit})
        union all
        (select 'task', t.id, t.finished_at, coalesce(t.error->>'code', 'unknown'), coalesce(t.error->>'message', ''), a.name,
           ${link(sql`'task'`, sql`t.agent_id`, sql`t.id`, none, none)}
         from agent_tasks t join agents a on a.id = t.agent_id
         where t.workspace_id = ${workspaceId} and t.status = 'failed' and ${inRange(sql`t.finished_at`, range)}
         order by t.finished_at desc, t.id desc limit ${limit})
        union all
        (select 'run', r.id, r.finished_at, coalesce(r.error->>'errorClass', r.error->>'code', 'unknown'),
           coalesce(r.error->>'message', ''), r.pipeline_name, ${link(sql`'run'`, none, none, none, sql`r.id`)}
         from pipeline_runs r
         where r.workspace_id = ${workspaceId} and r.status = 'failed' and ${inRange(sql`r.finished_at`, range)}
         order by r.finished_at desc, r.id desc limit ${limit})
      ) f order by at desc, id desc limit ${limit}`);
    return rows.map((row) => ({
      source: row.source,
      id: row.id,
      at: iso(row.at),
      errorClass: row.error_class,
      message: row.message,
      subject: row.subject,
      link: linkOf(row),
    }));
  }

  async activity(workspaceId: string, range: MetricsRange): Promise<DashboardActivity[]> {
    const limit = DASHBOARD_ACTIVITY_LIMIT;
    const taskLink = link(sql`'task'`, sql`t.agent_id`, sql`t.id`, none, none);
    const runLink = link(sql`'run'`, none, none, none, sql`r.id`);
    const tasks = sql`agent_tasks t join agents a on a.id = t.agent_id where t.workspace_id = ${workspaceId}`;
    const runs = sql`pipeline_runs r where r.workspace_id = ${workspaceId}`;
    const rows = await this.rows<
      LinkColumns & { kind: DashboardActivity['kind']; id: string; at: Date; subject: string; detail: string }
    >(sql`
      select * from (
        (select 'task_started' as kind, t.id, t.started_at as at, a.name as subject, t.kind as detail, ${taskLink}
         from ${tasks} and ${inRange(sql`t.started_at`, range)} order by t.started_at desc, t.id desc limit ${limit})
        union all
        (select 'task_finished', t.id, t.finished_at, a.name, t.status, ${taskLink}
         from ${tasks} and ${inRange(sql`t.finished_at`, range)} order by t.finished_at desc, t.id desc limit ${limit})
        union all
        (select 'run_started', r.id, r.created_at, r.pipeline_name, r.trigger, ${runLink}
         from ${runs} and ${inRange(sql`r.created_at`, range)} order by r.created_at desc, r.id desc limit ${limit})
        union all
        (select 'run_finished', r.id, r.finished_at, r.pipeline_name, r.status, ${runLink}
         from ${runs} and ${inRange(sql`r.finished_at`, range)} order by r.finished_at desc, r.id desc limit ${limit})
        union all
        (select 'approval', md5(p.run_id::text || '/' || p.step_key)::uuid, p.decided_at, r.pipeline_name || ' · ' || p.step_key, p.decision, ${runLink}
         from pipeline_approvals p join pipeline_runs r on r.id = p.run_id
         where p.workspace_id = ${workspaceId} and ${inRange(sql`p.decided_at`, range)} order by p.decided_at desc, r.id desc limit ${limit})
        union all
        (select 'error', c.id, c.created_at, c.provider || '/' || c.model, coalesce(c.error_class, 'unknown'), ${callLink}
         from llm_calls c left join agents a on a.id = c.agent_id and a.workspace_id = c.workspace_id
         where c.workspace_id = ${workspaceId} and c.outcome = 'error' and ${inRange(sql`c.created_at`, range)}
         order by c.created_at desc, c.id desc limit ${limit})
        union all
        (select 'limit_trip', d.id, d.created_at, a.name, d.code, ${link(sql`'agent'`, sql`d.from_agent_id`, none, none, none)}
         from delegation_trips d join agents a on a.id = d.from_agent_id
         where d.workspace_id = ${workspaceId} and ${inRange(sql`d.created_at`, range)} order by d.created_at desc, d.id desc limit ${limit})
      ) e order by at desc, kind, id desc limit ${limit}`);
    return rows.map((row) => ({
      id: `${row.kind}:${row.id}`,
      kind: row.kind,
      at: iso(row.at),
      subject: row.subject,
      detail: row.detail,
      link: linkOf(row),
    }));
  }

  private async rows<T>(query: SQL): Promise<T[]> {
    return rowsOf<T>((await this.db.execute(query)) as Rows);
  }
}
