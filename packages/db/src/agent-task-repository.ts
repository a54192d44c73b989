import type { AgentTask, PageTotal, TaskError, TaskRequester, TaskStatus } from '@agent-fleet/contracts';
import {
  AppError,
  notFound,
  type AgentTaskRecord,
  type AgentTaskRepository,
  type CursorPosition,
  type StoredSystemPrompt,
} from '@agent-fleet/core';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from './database.js';
import { pageTotal } from './page-total.js';
import { reusableStatement } from './reusable-statement.js';
import { agents, agentTasks } from './schema.js';
import { usageOf } from './token-usage.js';
import { storable } from './storable.js';

type AgentTaskRow = typeof agentTasks.$inferSelect;

const parentTasks = alias(agentTasks, 'parent_tasks');
const parentAgents = alias(agents, 'parent_agents');

/** The columns of a task plus who asked for it (a nested task's parent task and its agent). */
const taskColumns = {
  task: agentTasks,
  requester: { taskId: parentTasks.id, agentId: parentAgents.id, agentName: parentAgents.name },
};

interface JoinedRow {
  task: AgentTaskRow;
  requester: { taskId: string | null; agentId: string | null; agentName: string | null } | null;
}

const requesterOf = (row: JoinedRow): TaskRequester | null =>
  row.requester?.taskId && row.requester.agentId && row.requester.agentName !== null
    ? { taskId: row.requester.taskId, agentId: row.requester.agentId, agentName: row.requester.agentName }
    : null;

const toTask = (row: AgentTaskRow, requestedBy: TaskRequester | null = null): AgentTaskRecord => ({
  id: row.id,
  agentId: row.agentId,
  kind: row.kind,
  status: row.status,
  conversationId: row.conversationId,
  parentTaskId: row.parentTaskId,
  summary: row.summary,
  usage: usageOf(row),
  costUsd: row.costUsd,
  llmCalls: row.llmCalls,
  startedAt: row.startedAt.toISOString(),
  finishedAt: row.finishedAt?.toISOString() ?? null,
  durationMs: row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
  error: row.error,
  systemPrompt: row.systemPrompt ?? null,
  requestedBy,
});

const value = sql.placeholder;

/**
 * A task's start, built once (`reusableStatement`): it is the first statement of every agent task, a
 * fleet task's attempt included, and Drizzle would otherwise build its SQL before each.
 */
const insertStatement = reusableStatement((db) =>
  db
    .insert(agentTasks)
    .values({
      id: sql`coalesce(${value('id')}::uuid, gen_random_uuid())`,
      workspaceId: value('workspaceId'),
      agentId: value('agentId'),
      kind: value('kind'),
      conversationId: value('conversationId'),
      parentTaskId: value('parentTaskId'),
      rootTaskId: value('rootTaskId'),
      summary: value('summary'),
      // Cast, not encoded by the column: a null must stay SQL null, not JSON's.
      systemPrompt: sql`${value('systemPrompt')}::jsonb`,
      owner: value('owner'),
    })
    .returning()
    .prepare('agent_task_insert'),
);

const INTERRUPTED: TaskError = { code: 'interrupted', message: 'The server stopped while this task ran' };

export class DrizzleAgentTaskRepository implements AgentTaskRepository {
  constructor(private readonly db: Database) {}

  async insert(
    workspaceId: string,
    task: Pick<AgentTask, 'agentId' | 'kind' | 'conversationId' | 'parentTaskId' | 'summary'> & {
      id?: string;
      systemPrompt?: StoredSystemPrompt | null;
      owner: string;
      rootTaskId?: string | null;
    },
  ): Promise<AgentTaskRecord> {
    const { id, systemPrompt, rootTaskId, ...fields } = storable(task);
    const [row] = await insertStatement(this.db).execute({
      ...fields,
      workspaceId,
      id: id ?? null,
      rootTaskId: rootTaskId ?? null,
      systemPrompt: systemPrompt ? JSON.stringify(systemPrompt) : null,
    });
    return this.withRequester(workspaceId, toTask(row as AgentTaskRow));
  }

  async find(workspaceId: string, agentId: string, id: string): Promise<AgentTaskRecord | null> {
    const [row] = await this.joined()
      .where(and(eq(agentTasks.workspaceId, workspaceId), eq(agentTasks.agentId, agentId), eq(agentTasks.id, id)))
      .limit(1);
    return row ? toTask(row.task, requesterOf(row)) : null;
  }

  /** Tasks left-joined to the task that asked for them and its agent (same workspace). */
  private joined() {
    return this.db
      .select(taskColumns)
      .from(agentTasks)
      .leftJoin(
        parentTasks,
        and(eq(parentTasks.id, agentTasks.parentTaskId), eq(parentTasks.workspaceId, agentTasks.workspaceId)),
      )
      .leftJoin(parentAgents, eq(parentAgents.id, parentTasks.agentId));
  }

  private async withRequester(workspaceId: string, task: AgentTaskRecord): Promise<AgentTaskRecord> {
    if (!task.parentTaskId) return task;
    return (await this.find(workspaceId, task.agentId, task.id)) ?? task;
  }

  async finish(
    workspaceId: string,
    id: string,
    result: Pick<AgentTask, 'status' | 'usage' | 'costUsd' | 'llmCalls' | 'error'>,
  ): Promise<AgentTaskRecord> {
    const [row] = await this.db
      .update(agentTasks)
      .set({
        status: result.status,
        ...usageOf(result.usage),
        costUsd: result.costUsd,
        llmCalls: result.llmCalls,
        error: storable(result.error),
        finishedAt: sql`now()`,
      })
      .where(and(eq(agentTasks.workspaceId, workspaceId), eq(agentTasks.id, id), eq(agentTasks.status, 'running')))
      .returning();
    if (row) return this.withRequester(workspaceId, toTask(row));
    const [ended] = await this.db
      .select({ id: agentTasks.id })
      .from(agentTasks)
      .where(and(eq(agentTasks.workspaceId, workspaceId), eq(agentTasks.id, id)));
    if (!ended) throw notFound('Task', id);
    // Recovered as abandoned by another server (this one was presumed dead): its end and its usage are
    // recorded already, so this end must not overwrite or add to them.
    throw new AppError('aborted', 'This server was presumed dead while the task ran; the task was ended as interrupted');
  }

  async list(
    workspaceId: string,
    agentId: string,
    options: { status?: TaskStatus; limit: number; after?: CursorPosition },
  ): Promise<{ items: AgentTaskRecord[] } & PageTotal> {
    const filters: SQL[] = [eq(agentTasks.workspaceId, workspaceId), eq(agentTasks.agentId, agentId)];
    if (options.status) filters.push(eq(agentTasks.status, options.status));
    const page = [...filters];
    if (options.after) {
      const after = options.after;
      page.push(sql`(${agentTasks.startedAt}, ${agentTasks.id}) < (${after.value}::timestamptz, ${after.id}::uuid)`);
    }
    const rows = await this.joined()
      .where(and(...page))
      .orderBy(desc(agentTasks.startedAt), desc(agentTasks.id))
      .limit(options.limit + 1);
    const total = await pageTotal(this.db, agentTasks, and(...filters), {
      rows: rows.length,
      limit: options.limit,
      firstPage: !options.after,
      capped: true,
    });
    return { items: rows.map((row) => toTask(row.task, requesterOf(row))), ...total };
  }

  /**
   * Across every workspace: tasks whose owner is not a registered instance (see `recoverAbandonedWork`).
   * A task's totals were kept in memory until it finished, so they are rebuilt from its ledger rows
   * (interrupted ones included).
   */
  async failAbandoned(): Promise<{ tasks: number; agents: number }> {
    return this.db.transaction(async (tx) => {
      // One statement: fail the tasks with their ledger totals, then add to each conversation what its cut
      // turn spent: the ledger rows of the turn's top task and of every task it asked (those that finished
      // too), as the turn's end would have added them.
      const failed = await tx.execute<{ id: string }>(sql`
        with recursive failed as (
          update agent_tasks t set
            status = 'failed',
            error = ${JSON.stringify(INTERRUPTED)}::jsonb,
            finished_at = now(),
            input_tokens = coalesce(u.input_tokens, 0),
            output_tokens = coalesce(u.output_tokens, 0),
            cached_input_tokens = coalesce(u.cached_input_tokens, 0),
            cache_write_tokens = coalesce(u.cache_write_tokens, 0),
            reasoning_tokens = coalesce(u.reasoning_tokens, 0),
            cost_usd = coalesce(u.cost_usd, 0),
            llm_calls = coalesce(u.calls, 0)
          from agent_tasks r
          left join lateral (
            select sum(c.input_tokens) as input_tokens, sum(c.output_tokens) as output_tokens,
                   sum(c.cached_input_tokens) as cached_input_tokens, sum(c.cache_write_tokens) as cache_write_tokens,
                   sum(c.reasoning_tokens) as reasoning_tokens, sum(c.cost_usd) as cost_usd, count(*)::int as calls
            from llm_calls c where c.workspace_id = r.workspace_id and c.task_id = r.id
          ) u on true
          -- t.status is checked too: when two servers sweep at once, the one that waited for the row lock
          -- re-checks the row it updates (not r), so it skips a task the other already failed and charges
          -- its conversation once.
          where t.id = r.id and t.status = 'running' and r.status = 'running'
            and (r.owner is null or not exists (select 1 from server_instances i where i.id = r.owner))
          returning t.id, t.workspace_id, t.agent_id, t.conversation_id, t.parent_task_id
        ),
        turn_tasks as (
          select f.id, f.workspace_id, f.conversation_id from failed f
          where f.parent_task_id is null and f.conversation_id is not null
          union all
          select t.id, t.workspace_id, p.conversation_id from agent_tasks t
          join turn_tasks p on t.parent_task_id = p.id and t.workspace_id = p.workspace_id
        ),
        spent as (
          select p.conversation_id, sum(c.input_tokens) as input_tokens, sum(c.output_tokens) as output_tokens,
                 sum(c.cached_input_tokens) as cached_input_tokens, sum(c.cache_write_tokens) as cache_write_tokens,
                 sum(c.reasoning_tokens) as reasoning_tokens, sum(c.cost_usd) as cost_usd
          from turn_tasks p join llm_calls c on c.workspace_id = p.workspace_id and c.task_id = p.id
          group by p.conversation_id
        ),
        charged as (
          update conversations c set
            input_tokens = c.input_tokens + s.input_tokens,
            output_tokens = c.output_tokens + s.output_tokens,
            cached_input_tokens = c.cached_input_tokens + s.cached_input_tokens,
            cache_write_tokens = c.cache_write_tokens + s.cache_write_tokens,
            reasoning_tokens = c.reasoning_tokens + s.reasoning_tokens,
            cost_usd = c.cost_usd + s.cost_usd
          from spent s where c.id = s.conversation_id
          returning c.id
        )
        select id, agent_id from failed`);
      // An agent's busy state is derived from its running tasks: those of the failed tasks' agents with none left are idle now.
      const touched = [...new Set(rowsOf(failed as Rows).map((row) => (row as { agent_id: string }).agent_id))];
      const stillBusy = touched.length
        ? await tx
            .selectDistinct({ agentId: agentTasks.agentId })
            .from(agentTasks)
            .where(and(eq(agentTasks.status, 'running'), inArray(agentTasks.agentId, touched)))
        : [];
      return { tasks: rowsOf(failed as Rows).length, agents: touched.length - stillBusy.length };
    });
  }
}

type Rows = { rows: unknown[] } | unknown[];
/** PGlite and node-postgres both answer `execute` with `{ rows }`. */
const rowsOf = (result: Rows): unknown[] => (Array.isArray(result) ? result : result.rows);
