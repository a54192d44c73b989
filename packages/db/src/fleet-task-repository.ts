import type {
  Agent,
  AgentAdminState,
  FleetRoutingRecord,
  FleetStrategyState,
  FleetTask,
  PageTotal,
  RoutingRecord,
} from '@agent-fleet/contracts';
import type {
  FleetAttemptSpend,
  FleetOpenCounts,
  FleetPlacementView,
  FleetRoutingListOptions,
  FleetTaskClaim,
  FleetTaskEnd,
  FleetTaskInsert,
  FleetTaskListOptions,
  FleetTaskPlacedInsert,
  FleetTaskPlacement,
  FleetTaskRef,
  FleetTaskRepository,
  FleetTreeAgentTask,
  LockedFleet,
  PlacementMember,
} from '@agent-fleet/core';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql, type SQL, type WithSubquery } from 'drizzle-orm';
import type { TypedQueryBuilder } from 'drizzle-orm/query-builders/query-builder';
import type { Database } from './database.js';
import { fleetMembers, fleetRoutingRecords, fleets, fleetTasks } from './fleet-schema.js';
import { pageTotal } from './page-total.js';
import { agentColumns, toAgent } from './agent-repository.js';
import { agents, agentTasks } from './schema.js';
import { storable } from './storable.js';
import { usageOf } from './token-usage.js';

type TaskRow = typeof fleetTasks.$inferSelect;
type RoutingRow = typeof fleetRoutingRecords.$inferSelect;

const toTask = (row: TaskRow): FleetTask => ({
  id: row.id,
  fleetId: row.fleetId,
  status: row.status,
  input: row.input,
  skills: row.skills,
  priority: row.priority,
  idempotencyKey: row.idempotencyKey,
  agentIds: row.agentIds,
  aggregatorId: row.aggregatorId,
  agentTaskIds: row.agentTaskIds,
  attempt: row.attempt,
  waitingReason: row.status === 'queued' ? row.waitingReason : null,
  output: row.output,
  error: row.error,
  usage: usageOf(row),
  costUsd: row.costUsd,
  llmCalls: row.llmCalls,
  createdAt: row.createdAt.toISOString(),
  startedAt: row.startedAt?.toISOString() ?? null,
  finishedAt: row.finishedAt?.toISOString() ?? null,
  durationMs: row.finishedAt && row.startedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
  pipelineStep:
    row.pipelineRunId === null || row.pipelineStepKey === null
      ? null
      : { runId: row.pipelineRunId, stepRunId: row.pipelineStepRunId, stepKey: row.pipelineStepKey },
});

const toRouting = (row: RoutingRow): FleetRoutingRecord => ({
  id: row.id,
  fleetId: row.fleetId,
  taskId: row.taskId,
  attempt: row.attempt,
  strategy: row.strategy,
  candidates: row.candidates,
  chosen: row.chosen,
  aggregator: row.aggregator,
  reason: row.reason,
  decisionMs: row.decisionMs,
  createdAt: row.createdAt.toISOString(),
});

const toRef = (row: Pick<TaskRow, 'id' | 'workspaceId' | 'fleetId' | 'priority' | 'attempt'>): FleetTaskRef => ({
  id: row.id,
  workspaceId: row.workspaceId,
  fleetId: row.fleetId,
  priority: row.priority,
  attempt: row.attempt,
});

const refColumns = {
  id: fleetTasks.id,
  workspaceId: fleetTasks.workspaceId,
  fleetId: fleetTasks.fleetId,
  priority: fleetTasks.priority,
  attempt: fleetTasks.attempt,
};

const running = (taskId: string, attempt: number, leaseOwner: string) =>
  and(
    eq(fleetTasks.id, taskId),
    eq(fleetTasks.status, 'running'),
    eq(fleetTasks.attempt, attempt),
    eq(fleetTasks.leaseOwner, leaseOwner),
  );

/** An attempt's spend added to the task's totals, and its agent tasks appended. */
const addSpend = (spend: FleetAttemptSpend) => ({
  agentTaskIds: sql`${fleetTasks.agentTaskIds} || ${`{${spend.agentTaskIds.join(',')}}`}::uuid[]`,
  inputTokens: sql`${fleetTasks.inputTokens} + ${spend.usage.inputTokens}`,
  outputTokens: sql`${fleetTasks.outputTokens} + ${spend.usage.outputTokens}`,
  cachedInputTokens: sql`${fleetTasks.cachedInputTokens} + ${spend.usage.cachedInputTokens}`,
  cacheWriteTokens: sql`${fleetTasks.cacheWriteTokens} + ${spend.usage.cacheWriteTokens}`,
  reasoningTokens: sql`${fleetTasks.reasoningTokens} + ${spend.usage.reasoningTokens}`,
  costUsd: sql`${fleetTasks.costUsd} + ${spend.costUsd}`,
  llmCalls: sql`${fleetTasks.llmCalls} + ${spend.llmCalls}`,
});

/** Fields of a running attempt that a task back in the queue no longer has. */
const backInQueue = {
  status: 'queued' as const,
  agentIds: sql`'{}'::uuid[]`,
  aggregatorId: null,
  leaseOwner: null,
  leaseExpiresAt: null,
  waitingReason: null,
  updatedAt: sql`now()`,
};

/** A task's row as inserted `queued` (placement adds its claim). */
const taskValues = (workspaceId: string, fleetId: string, { pipelineStep, ...values }: FleetTaskInsert) => ({
  ...values,
  workspaceId,
  fleetId,
  ...(pipelineStep
    ? { pipelineRunId: pipelineStep.runId, pipelineStepRunId: pipelineStep.stepRunId, pipelineStepKey: pipelineStep.stepKey }
    : {}),
});

const routingValues = (workspaceId: string, fleetId: string, taskId: string, attempt: number, record: RoutingRecord) =>
  storable({ ...record, workspaceId, fleetId, taskId, attempt });

const ofFleet = (workspaceId: string, fleetId: string) =>
  and(eq(fleetMembers.workspaceId, workspaceId), eq(fleetMembers.fleetId, fleetId));

const openOf = (fleetId: string) => and(eq(fleetTasks.fleetId, fleetId), inArray(fleetTasks.status, ['queued', 'running']));

const openCountColumns = {
  queued: sql<number>`count(*) filter (where ${fleetTasks.status} = 'queued')::int`.mapWith(Number),
  running: sql<number>`count(*) filter (where ${fleetTasks.status} = 'running')::int`.mapWith(Number),
};

/** A member as placement reads it. Written out: the subqueries must name the outer member row. */
const memberColumns = {
  member: fleetMembers,
  name: agents.name,
  model: agents.model,
  adminState: sql<AgentAdminState>`coalesce((select s.admin_state from agent_admin_states s
    where s.agent_id = "fleet_members"."agent_id"), 'active')`,
  inFlight: sql<number>`(select count(*)::int from fleet_tasks t
    where t.fleet_id = "fleet_members"."fleet_id" and t.status = 'running'
      and "fleet_members"."agent_id" = any(t.agent_ids))`.mapWith(Number),
  health: agents.remoteHealth,
};

interface MemberRow {
  member: typeof fleetMembers.$inferSelect;
  name: string;
  model: typeof agents.$inferSelect.model;
  adminState: AgentAdminState;
  inFlight: number;
  health: typeof agents.$inferSelect.remoteHealth;
}

const toPlacementMember = ({ member, name, model, adminState, inFlight, health }: MemberRow): PlacementMember => ({
  agentId: member.agentId,
  name,
  role: member.role,
  weight: member.weight,
  maxConcurrent: member.maxConcurrent,
  skills: member.skills,
  allowedDelegates: member.allowedDelegates,
  inFlight,
  model: `${model.provider}/${model.model}`,
  provider: model.provider,
  modelId: model.model,
  adminState,
  // The one observed state placement needs: an a2a agent whose last health check failed is offline.
  observedState: health?.state === 'offline' ? 'offline' : 'idle',
});

export class DrizzleFleetTaskRepository implements FleetTaskRepository {
  constructor(private readonly db: Database) {}

  async lockFleet(workspaceId: string, fleetId: string): Promise<LockedFleet | null> {
    const [row] = await this.db
      .select()
      .from(fleets)
      .where(and(eq(fleets.workspaceId, workspaceId), eq(fleets.id, fleetId)))
      .for('update');
    if (!row) return null;
    const { workspaceId: _workspaceId, ...fleet } = row;
    return { ...fleet, memberCount: 0, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
  }

  async saveStrategyState(fleetId: string, state: FleetStrategyState): Promise<void> {
    await this.db.update(fleets).set({ strategyState: state }).where(eq(fleets.id, fleetId));
  }

  async placementMembers(workspaceId: string, fleetId: string): Promise<PlacementMember[]> {
    const rows = await this.db
      .select(memberColumns)
      .from(fleetMembers)
      .innerJoin(agents, eq(agents.id, fleetMembers.agentId))
      .where(ofFleet(workspaceId, fleetId))
      .orderBy(asc(fleetMembers.agentId));
    return rows.map(toPlacementMember);
  }

  async openCounts(fleetId: string): Promise<FleetOpenCounts> {
    const [row] = await this.db.select(openCountColumns).from(fleetTasks).where(openOf(fleetId));
    return { queued: row?.queued ?? 0, running: row?.running ?? 0 };
  }

  async placementView(workspaceId: string, fleetId: string): Promise<FleetPlacementView> {
    // One row per member (one with no member when the fleet has none), each carrying the fleet's counts.
    const open = this.db.$with('open').as(
      this.db
        .select({ queued: openCountColumns.queued.as('queued'), running: openCountColumns.running.as('running') })
        .from(fleetTasks)
        .where(openOf(fleetId)),
    );
    const rows = await this.db
      .with(open)
      .select({ queued: open.queued, running: open.running, ...memberColumns })
      .from(open)
      .leftJoin(fleetMembers, ofFleet(workspaceId, fleetId))
      .leftJoin(agents, eq(agents.id, fleetMembers.agentId))
      .orderBy(asc(fleetMembers.agentId));
    const [first] = rows;
    return {
      counts: { queued: first?.queued ?? 0, running: first?.running ?? 0 },
      members: rows.flatMap(({ member, name, model, ...held }) =>
        member && name !== null && model !== null ? [toPlacementMember({ member, name, model, ...held })] : [],
      ),
    };
  }

  async insert(workspaceId: string, fleetId: string, task: FleetTaskInsert): Promise<FleetTask> {
    const [row] = await this.db
      .insert(fleetTasks)
      .values(taskValues(workspaceId, fleetId, task))
      .returning();
    return toTask(row as TaskRow);
  }

  async insertPlaced(
    workspaceId: string,
    fleetId: string,
    task: FleetTaskInsert,
    placed: FleetTaskPlacedInsert,
  ): Promise<FleetTaskPlacement> {
    // The routing record and the strategy's state are written by the same statement, as data-modifying CTEs
    // (the record names the task by the id chosen here; its foreign key is checked at the statement's end,
    // once the task is in).
    const id = randomUUID();
    const inserted = this.db
      .insert(fleetTasks)
      .values({
        ...taskValues(workspaceId, fleetId, task),
        id,
        status: 'running' as const,
        agentIds: placed.agentIds,
        aggregatorId: placed.aggregatorId,
        attempt: 1,
        leaseOwner: placed.leaseOwner,
        leaseExpiresAt: sql`now() + make_interval(secs => ${placed.leaseMs / 1000})`,
        // As a claim's: the statement's own time, after the fleet's lock was granted.
        startedAt: sql`clock_timestamp()`,
      })
      .returning();
    const written = await this.withMemberAgents(inserted, this.placementWrites(workspaceId, fleetId, id, placed));
    if (!written) throw new Error('The placed task was not inserted');
    return { task: toTask(written.row), agents: written.agents };
  }

  /**
   * Runs `write` (one task row, returned) with `writes` as data-modifying CTEs, and answers the row with the
   * agents of its members as the same statement reads them; null when `write` wrote no row.
   */
  private async withMemberAgents(
    write: TypedQueryBuilder<(typeof fleetTasks)['_']['columns']>,
    writes: WithSubquery[] = [],
  ): Promise<{ row: TaskRow; agents: Agent[] } | null> {
    const task = this.db.$with('task').as(write);
    const rows = await this.db
      .with(...writes, task)
      .select({ task: task._.selectedFields, agent: agentColumns })
      .from(task)
      .leftJoin(agents, sql`${agents.id} = any(${task.agentIds})`);
    const [first] = rows;
    if (!first) return null;
    return { row: first.task, agents: rows.flatMap(({ agent }) => (agent ? [toAgent(agent)] : [])) };
  }

  /** The routing record of a placed task's first attempt, and the strategy's state when it moved. */
  private placementWrites(workspaceId: string, fleetId: string, taskId: string, placed: FleetTaskPlacedInsert) {
    const routing = this.db
      .$with('routing')
      .as(this.db.insert(fleetRoutingRecords).values(routingValues(workspaceId, fleetId, taskId, 1, placed.routing)));
    if (placed.strategyState === null) return [routing];
    const state = this.db
      .$with('strategy_state')
      .as(this.db.update(fleets).set({ strategyState: placed.strategyState }).where(eq(fleets.id, fleetId)));
    return [routing, state];
  }

  async findByIdempotencyKey(workspaceId: string, fleetId: string, key: string): Promise<FleetTask | null> {
    const [row] = await this.db
      .select()
      .from(fleetTasks)
      .where(and(eq(fleetTasks.workspaceId, workspaceId), eq(fleetTasks.fleetId, fleetId), eq(fleetTasks.idempotencyKey, key)));
    return row ? toTask(row) : null;
  }

  async find(workspaceId: string, fleetId: string, taskId: string): Promise<FleetTask | null> {
    const [row] = await this.db
      .select()
      .from(fleetTasks)
      .where(and(eq(fleetTasks.workspaceId, workspaceId), eq(fleetTasks.fleetId, fleetId), eq(fleetTasks.id, taskId)));
    return row ? toTask(row) : null;
  }

  async failedAgentIds(taskId: string): Promise<string[]> {
    const [row] = await this.db.select({ failed: fleetTasks.failedAgentIds }).from(fleetTasks).where(eq(fleetTasks.id, taskId));
    return row?.failed ?? [];
  }

  async list(workspaceId: string, fleetId: string, options: FleetTaskListOptions): Promise<{ items: FleetTask[] } & PageTotal> {
    const filters: SQL[] = [eq(fleetTasks.workspaceId, workspaceId), eq(fleetTasks.fleetId, fleetId)];
    if (options.status) filters.push(eq(fleetTasks.status, options.status));
    const page = [...filters];
    if (options.after) {
      page.push(
        sql`(${fleetTasks.createdAt}, ${fleetTasks.id}) < (${options.after.value}::timestamptz, ${options.after.id}::uuid)`,
      );
    }
    const rows = await this.db
      .select()
      .from(fleetTasks)
      .where(and(...page))
      .orderBy(desc(fleetTasks.createdAt), desc(fleetTasks.id))
      .limit(options.limit + 1);
    const total = await pageTotal(this.db, fleetTasks, and(...filters), {
      rows: rows.length,
      limit: options.limit,
      firstPage: !options.after,
      capped: true,
    });
    return { items: rows.map(toTask), ...total };
  }

  async claim(taskId: string, claim: FleetTaskClaim): Promise<(FleetTaskPlacement & { traceContext: string | null }) | null> {
    const claimed = this.db
      .update(fleetTasks)
      .set({
        status: 'running',
        agentIds: claim.agentIds,
        aggregatorId: claim.aggregatorId,
        attempt: sql`${fleetTasks.attempt} + 1`,
        waitingReason: null,
        leaseOwner: claim.leaseOwner,
        leaseExpiresAt: sql`now() + make_interval(secs => ${claim.leaseMs / 1000})`,
        // The statement's own time, after the fleet's lock was granted: intervals of tasks that
        // shared a slot never overlap in the rows (a transaction's now() is when it began).
        startedAt: sql`clock_timestamp()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(fleetTasks.id, taskId), eq(fleetTasks.status, 'queued')))
      .returning();
    const written = await this.withMemberAgents(claimed);
    return written ? { task: toTask(written.row), traceContext: written.row.traceContext, agents: written.agents } : null;
  }

  async setWaiting(taskId: string, reason: string): Promise<void> {
    await this.db
      .update(fleetTasks)
      .set({ waitingReason: reason, updatedAt: sql`now()` })
      .where(
        and(
          eq(fleetTasks.id, taskId),
          eq(fleetTasks.status, 'queued'),
          sql`${fleetTasks.waitingReason} is distinct from ${reason}`,
        ),
      );
  }

  async insertRouting(
    workspaceId: string,
    fleetId: string,
    taskId: string,
    attempt: number,
    record: RoutingRecord,
  ): Promise<void> {
    await this.db.insert(fleetRoutingRecords).values(routingValues(workspaceId, fleetId, taskId, attempt, record));
  }

  async listRouting(
    workspaceId: string,
    fleetId: string,
    options: FleetRoutingListOptions,
  ): Promise<{ items: FleetRoutingRecord[] } & PageTotal> {
    // A task's records are found by the task (its index); the caller has checked the task is this fleet's.
    const filters: SQL[] = [
      eq(fleetRoutingRecords.workspaceId, workspaceId),
      options.taskId ? eq(fleetRoutingRecords.taskId, options.taskId) : eq(fleetRoutingRecords.fleetId, fleetId),
    ];
    const page = [...filters];
    if (options.after) {
      page.push(
        sql`(${fleetRoutingRecords.createdAt}, ${fleetRoutingRecords.id}) < (${options.after.value}::timestamptz, ${options.after.id}::uuid)`,
      );
    }
    const rows = await this.db
      .select()
      .from(fleetRoutingRecords)
      .where(and(...page))
      .orderBy(desc(fleetRoutingRecords.createdAt), desc(fleetRoutingRecords.id))
      .limit(options.limit + 1);
    const total = await pageTotal(this.db, fleetRoutingRecords, and(...filters), {
      rows: rows.length,
      limit: options.limit,
      firstPage: !options.after,
      capped: true,
    });
    return { items: rows.map(toRouting), ...total };
  }

  async routingOfTask(workspaceId: string, taskId: string): Promise<FleetRoutingRecord[]> {
    const rows = await this.db
      .select()
      .from(fleetRoutingRecords)
      .where(and(eq(fleetRoutingRecords.workspaceId, workspaceId), eq(fleetRoutingRecords.taskId, taskId)))
      .orderBy(asc(fleetRoutingRecords.createdAt), asc(fleetRoutingRecords.id));
    return rows.map(toRouting);
  }

  async agentTaskTree(
    workspaceId: string,
    rootTaskId: string,
    limit: number,
  ): Promise<{ tasks: FleetTreeAgentTask[]; truncated: boolean }> {
    // Every agent task under the fleet task names it (`root_task_id`, indexed), from its start; by start
    // time, a parent comes before the tasks it asked.
    const rows = await this.db
      .select({ task: agentTasks, agentName: agents.name })
      .from(agentTasks)
      .leftJoin(agents, eq(agents.id, agentTasks.agentId))
      .where(and(eq(agentTasks.workspaceId, workspaceId), eq(agentTasks.rootTaskId, rootTaskId)))
      .orderBy(asc(agentTasks.startedAt), asc(agentTasks.id))
      .limit(limit + 1);
    const tasks = rows.slice(0, limit).map(({ task, agentName }): FleetTreeAgentTask => ({
      id: task.id,
      parentTaskId: task.parentTaskId,
      agentId: task.agentId,
      agentName,
      kind: task.kind,
      status: task.status,
      summary: task.summary,
      startedAt: task.startedAt.toISOString(),
      finishedAt: task.finishedAt?.toISOString() ?? null,
      usage: usageOf(task),
      costUsd: task.costUsd,
      llmCalls: task.llmCalls,
      error: task.error,
    }));
    return { tasks, truncated: rows.length > limit };
  }

  async finish(taskId: string, attempt: number, leaseOwner: string, end: FleetTaskEnd): Promise<FleetTask | null> {
    const [row] = await this.db
      .update(fleetTasks)
      .set({
        status: end.status,
        output: storable(end.output),
        error: storable(end.error),
        ...addSpend(end),
        leaseOwner: null,
        leaseExpiresAt: null,
        // The transaction's time, as its agent task's end when both commit together (the agent task's last
        // transaction ends a one-member attempt): they end at the same instant. Still before any placement
        // that takes the freed slot, which waits for this commit (its `startedAt` is its statement's time).
        finishedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(running(taskId, attempt, leaseOwner))
      .returning();
    return row ? toTask(row) : null;
  }

  async requeue(
    taskId: string,
    attempt: number,
    leaseOwner: string,
    failedAgentId: string | null,
    spend: FleetAttemptSpend,
  ): Promise<FleetTaskRef | null> {
    const [row] = await this.db
      .update(fleetTasks)
      .set({
        ...backInQueue,
        ...addSpend(spend),
        ...(failedAgentId ? { failedAgentIds: sql`array_append(${fleetTasks.failedAgentIds}, ${failedAgentId}::uuid)` } : {}),
      })
      .where(running(taskId, attempt, leaseOwner))
      .returning(refColumns);
    return row ? toRef(row) : null;
  }

  async addCancelledSpend(taskId: string, spend: FleetAttemptSpend): Promise<void> {
    await this.db
      .update(fleetTasks)
      .set(addSpend(spend))
      .where(and(eq(fleetTasks.id, taskId), eq(fleetTasks.status, 'cancelled')));
  }

  async cancel(workspaceId: string, fleetId: string, taskId: string): Promise<{ task: FleetTask; wasRunning: boolean } | null> {
    // Locked, so the status read is the one the update replaces.
    const [current] = await this.db
      .select({ status: fleetTasks.status })
      .from(fleetTasks)
      .where(and(eq(fleetTasks.workspaceId, workspaceId), eq(fleetTasks.fleetId, fleetId), eq(fleetTasks.id, taskId)))
      .for('update');
    if (!current || (current.status !== 'queued' && current.status !== 'running')) return null;
    const [updated] = await this.db
      .update(fleetTasks)
      .set({
        status: 'cancelled',
        error: { code: 'cancelled', message: 'Cancelled before it ended' },
        leaseOwner: null,
        leaseExpiresAt: null,
        finishedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(fleetTasks.id, taskId), inArray(fleetTasks.status, ['queued', 'running'])))
      .returning();
    return updated ? { task: toTask(updated), wasRunning: current.status === 'running' } : null;
  }

  async renewLeases(leaseOwner: string, leaseMs: number): Promise<void> {
    await this.db
      .update(fleetTasks)
      .set({ leaseExpiresAt: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
      .where(and(eq(fleetTasks.status, 'running'), eq(fleetTasks.leaseOwner, leaseOwner)));
  }

  async lostLeases(leaseOwner: string, taskIds: readonly string[]): Promise<string[]> {
    if (taskIds.length === 0) return [];
    const held = await this.db
      .select({ id: fleetTasks.id })
      .from(fleetTasks)
      .where(and(inArray(fleetTasks.id, [...taskIds]), eq(fleetTasks.status, 'running'), eq(fleetTasks.leaseOwner, leaseOwner)));
    const still = new Set(held.map((row) => row.id));
    return taskIds.filter((id) => !still.has(id));
  }

  async releaseExpired(maxLosses: number, limit: number): Promise<FleetTaskRef[]> {
    const expired = sql`(select id from fleet_tasks where status = 'running' and lease_expires_at < now()
      order by lease_expires_at limit ${limit} for update skip locked)`;
    await this.db
      .update(fleetTasks)
      .set({
        status: 'failed',
        error: { code: 'lease_lost', message: `Its worker died ${maxLosses + 1} times while running it` },
        leaseOwner: null,
        leaseExpiresAt: null,
        leaseLosses: sql`${fleetTasks.leaseLosses} + 1`,
        finishedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(and(sql`${fleetTasks.id} in ${expired}`, sql`${fleetTasks.leaseLosses} >= ${maxLosses}`));
    const rows = await this.db
      .update(fleetTasks)
      .set({ ...backInQueue, leaseLosses: sql`${fleetTasks.leaseLosses} + 1` })
      .where(sql`${fleetTasks.id} in ${expired}`)
      .returning(refColumns);
    return rows.map(toRef);
  }

  async dispatchable(fleetId: string, slack: number): Promise<FleetTaskRef[]> {
    const [fleet] = await this.db
      .select({
        free: sql<number>`${fleets.maxConcurrency} - (select count(*)::int from fleet_tasks t
          where t.fleet_id = ${fleets.id} and t.status = 'running')`.mapWith(Number),
      })
      .from(fleets)
      .where(eq(fleets.id, fleetId));
    if (!fleet || fleet.free <= 0) return [];
    const rows = await this.db
      .select(refColumns)
      .from(fleetTasks)
      .where(and(eq(fleetTasks.fleetId, fleetId), eq(fleetTasks.status, 'queued')))
      // As the queued index orders them (Drizzle's `desc()` index is NULLS LAST).
      .orderBy(sql`${fleetTasks.priority} desc nulls last`, asc(fleetTasks.createdAt), asc(fleetTasks.id))
      .limit(fleet.free + slack);
    return rows.map(toRef);
  }

  async fleetsWithQueued(limit: number): Promise<{ workspaceId: string; fleetId: string }[]> {
    return this.db
      .select({ workspaceId: fleets.workspaceId, fleetId: fleets.id })
      .from(fleets)
      .where(
        and(
          eq(fleets.adminState, 'active'),
          sql`exists (select 1 from fleet_tasks t where t.fleet_id = ${fleets.id} and t.status = 'queued')`,
        ),
      )
      .limit(limit);
  }

  async settledDrains(limit: number): Promise<{ workspaceId: string; fleetId: string }[]> {
    return this.db
      .select({ workspaceId: fleets.workspaceId, fleetId: fleets.id })
      .from(fleets)
      .where(
        and(
          eq(fleets.adminState, 'draining'),
          sql`not exists (select 1 from fleet_tasks t where t.fleet_id = ${fleets.id} and t.status = 'running')`,
        ),
      )
      .limit(limit);
  }
}
