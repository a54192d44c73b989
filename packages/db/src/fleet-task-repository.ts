import type { FleetRoutingRecord, FleetStrategyState, FleetTask, PageTotal, RoutingRecord } from '@agent-fleet/contracts';
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
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from './database.js';
import { fleetRoutingRecords, fleets, fleetTasks } from './fleet-schema.js';
import { pageTotal } from './page-total.js';
import { claimTask, insertPlaced, lockFleet, openCounts, placementMembers, placementView } from './fleet-placement-statements.js';
import { toFleetTask, type FleetTaskRow } from './fleet-task-row.js';
import { agents, agentTasks } from './schema.js';
import { storable } from './storable.js';
import { usageOf } from './token-usage.js';

type RoutingRow = typeof fleetRoutingRecords.$inferSelect;

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

const toRef = (row: Pick<FleetTaskRow, 'id' | 'workspaceId' | 'fleetId' | 'priority' | 'attempt'>): FleetTaskRef => ({
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

export class DrizzleFleetTaskRepository implements FleetTaskRepository {
  constructor(private readonly db: Database) {}

  lockFleet(workspaceId: string, fleetId: string): Promise<LockedFleet | null> {
    return lockFleet(this.db, workspaceId, fleetId);
  }

  async saveStrategyState(fleetId: string, state: FleetStrategyState): Promise<void> {
    await this.db.update(fleets).set({ strategyState: state }).where(eq(fleets.id, fleetId));
  }

  placementMembers(workspaceId: string, fleetId: string): Promise<PlacementMember[]> {
    return placementMembers(this.db, workspaceId, fleetId);
  }

  openCounts(fleetId: string): Promise<FleetOpenCounts> {
    return openCounts(this.db, fleetId);
  }

  placementView(workspaceId: string, fleetId: string): Promise<FleetPlacementView> {
    return placementView(this.db, workspaceId, fleetId);
  }

  async insert(workspaceId: string, fleetId: string, task: FleetTaskInsert): Promise<FleetTask> {
    const [row] = await this.db
      .insert(fleetTasks)
      .values(taskValues(workspaceId, fleetId, task))
      .returning();
    return toFleetTask(row as FleetTaskRow);
  }

  insertPlaced(
    workspaceId: string,
    fleetId: string,
    task: FleetTaskInsert,
    placed: FleetTaskPlacedInsert,
  ): Promise<FleetTaskPlacement> {
    return insertPlaced(this.db, workspaceId, fleetId, task, placed);
  }

  async findByIdempotencyKey(workspaceId: string, fleetId: string, key: string): Promise<FleetTask | null> {
    const [row] = await this.db
      .select()
      .from(fleetTasks)
      .where(and(eq(fleetTasks.workspaceId, workspaceId), eq(fleetTasks.fleetId, fleetId), eq(fleetTasks.idempotencyKey, key)));
    return row ? toFleetTask(row) : null;
  }

  async find(workspaceId: string, fleetId: string, taskId: string): Promise<FleetTask | null> {
    const [row] = await this.db
      .select()
      .from(fleetTasks)
      .where(and(eq(fleetTasks.workspaceId, workspaceId), eq(fleetTasks.fleetId, fleetId), eq(fleetTasks.id, taskId)));
    return row ? toFleetTask(row) : null;
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
    return { items: rows.map(toFleetTask), ...total };
  }

  claim(taskId: string, claim: FleetTaskClaim): Promise<(FleetTaskPlacement & { traceContext: string | null }) | null> {
    return claimTask(this.db, taskId, claim);
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
    return row ? toFleetTask(row) : null;
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
    return updated ? { task: toFleetTask(updated), wasRunning: current.status === 'running' } : null;
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
