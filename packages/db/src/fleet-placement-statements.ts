import type { Agent, AgentAdminState, AgentObservedState } from '@agent-fleet/contracts';
import type {
  FleetOpenCounts,
  FleetPlacementView,
  FleetTaskClaim,
  FleetTaskInsert,
  FleetTaskPlacedInsert,
  FleetTaskPlacement,
  LockedFleet,
  PlacementMember,
} from '@agent-fleet/core';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql, type SQLWrapper, type WithSubquery } from 'drizzle-orm';
import type { TypedQueryBuilder } from 'drizzle-orm/query-builders/query-builder';
import { agentColumns, toAgent } from './agent-repository.js';
import type { Database } from './database.js';
import { fleetMembers, fleetRoutingRecords, fleets, fleetTasks } from './fleet-schema.js';
import { toFleetTask, type FleetTaskRow } from './fleet-task-row.js';
import { reusableStatement } from './reusable-statement.js';
import { agents } from './schema.js';
import { storable } from './storable.js';

// What placement reads and writes under the fleet's row lock. The statements of a task placed as it is
// submitted (the lock, the view, the insert) are built once (`reusableStatement`): their values are
// placeholders, named as the values passed to `execute`.
const value = sql.placeholder;

const ofFleet = (workspaceId: SQLWrapper | string, fleetId: SQLWrapper | string) =>
  and(eq(fleetMembers.workspaceId, workspaceId), eq(fleetMembers.fleetId, fleetId));

const openOf = (fleetId: SQLWrapper | string) =>
  and(eq(fleetTasks.fleetId, fleetId), inArray(fleetTasks.status, ['queued', 'running']));

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

/**
 * The agents a placement gives its attempt, as `agentColumns` reads them but for the observed state,
 * which the attempt does not use (the task runner announces it as the task rows say): placement's own,
 * offline or idle, as a member's, instead of two subqueries over the agent's tasks in the placement's
 * statement.
 */
const { observedState: _derived, ...agentRowColumns } = agentColumns;
const attemptAgentColumns = {
  ...agentRowColumns,
  observedState: sql<AgentObservedState>`case when "agents"."remote_health"->>'state' = 'offline' then 'offline' else 'idle' end`,
};

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

const lockStatement = reusableStatement((db) =>
  db
    .select()
    .from(fleets)
    .where(and(eq(fleets.workspaceId, value('workspaceId')), eq(fleets.id, value('fleetId'))))
    .for('update')
    .prepare('fleet_lock'),
);

/** The fleet, its row locked until the transaction ends. */
export async function lockFleet(db: Database, workspaceId: string, fleetId: string): Promise<LockedFleet | null> {
  const [row] = await lockStatement(db).execute({ workspaceId, fleetId });
  if (!row) return null;
  const { workspaceId: _workspaceId, ...fleet } = row;
  return { ...fleet, memberCount: 0, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() };
}

export async function placementMembers(db: Database, workspaceId: string, fleetId: string): Promise<PlacementMember[]> {
  const rows = await db
    .select(memberColumns)
    .from(fleetMembers)
    .innerJoin(agents, eq(agents.id, fleetMembers.agentId))
    .where(ofFleet(workspaceId, fleetId))
    .orderBy(asc(fleetMembers.agentId));
  return rows.map(toPlacementMember);
}

export async function openCounts(db: Database, fleetId: string): Promise<FleetOpenCounts> {
  const [row] = await db.select(openCountColumns).from(fleetTasks).where(openOf(fleetId));
  return { queued: row?.queued ?? 0, running: row?.running ?? 0 };
}

// One row per member (one with no member when the fleet has none), each carrying the fleet's counts.
const viewStatement = reusableStatement((db) => {
  const open = db.$with('open').as(
    db
      .select({ queued: openCountColumns.queued.as('queued'), running: openCountColumns.running.as('running') })
      .from(fleetTasks)
      .where(openOf(value('fleetId'))),
  );
  return db
    .with(open)
    .select({ queued: open.queued, running: open.running, ...memberColumns })
    .from(open)
    .leftJoin(fleetMembers, ofFleet(value('workspaceId'), value('fleetId')))
    .leftJoin(agents, eq(agents.id, fleetMembers.agentId))
    .orderBy(asc(fleetMembers.agentId))
    .prepare('fleet_placement_view');
});

/** `openCounts` and `placementMembers` in one statement, under the fleet's lock. */
export async function placementView(db: Database, workspaceId: string, fleetId: string): Promise<FleetPlacementView> {
  const rows = await viewStatement(db).execute({ workspaceId, fleetId });
  const [first] = rows;
  return {
    counts: { queued: first?.queued ?? 0, running: first?.running ?? 0 },
    members: rows.flatMap(({ member, name, model, ...held }) =>
      member && name !== null && model !== null ? [toPlacementMember({ member, name, model, ...held })] : [],
    ),
  };
}

/**
 * The task placed as it is submitted, its routing record and (`moved`) the strategy's state, in one
 * statement: the record and the state are data-modifying CTEs (the record names the task by the id chosen
 * here; its foreign key is checked at the statement's end, once the task is in). It answers the task with
 * the agents of its members as the same statement reads them.
 */
const placedStatement = (moved: boolean) =>
  reusableStatement((db) => {
    const routing = db.$with('routing').as(
      db.insert(fleetRoutingRecords).values({
        workspaceId: value('workspaceId'),
        fleetId: value('fleetId'),
        taskId: value('id'),
        attempt: 1,
        strategy: value('strategy'),
        candidates: value('candidates'),
        chosen: value('chosen'),
        aggregator: value('aggregator'),
        reason: value('reason'),
        decisionMs: value('decisionMs'),
      }),
    );
    const state = db.$with('strategy_state').as(
      db
        .update(fleets)
        .set({ strategyState: sql`${value('strategyState')}::jsonb` })
        .where(eq(fleets.id, value('fleetId'))),
    );
    const inserted = db
      .insert(fleetTasks)
      .values({
        id: value('id'),
        workspaceId: value('workspaceId'),
        fleetId: value('fleetId'),
        status: 'running',
        input: value('input'),
        skills: value('skills'),
        priority: value('priority'),
        idempotencyKey: value('idempotencyKey'),
        agentIds: value('agentIds'),
        aggregatorId: value('aggregatorId'),
        attempt: 1,
        leaseOwner: value('leaseOwner'),
        leaseExpiresAt: sql`now() + make_interval(secs => ${value('leaseSeconds')})`,
        // As a claim's: the statement's own time, after the fleet's lock was granted.
        startedAt: sql`clock_timestamp()`,
        pipelineRunId: value('pipelineRunId'),
        pipelineStepRunId: value('pipelineStepRunId'),
        pipelineStepKey: value('pipelineStepKey'),
        traceContext: value('traceContext'),
      })
      .returning();
    return withMemberAgents(db, moved ? [routing, state] : [routing], inserted).prepare(
      moved ? 'fleet_task_placed_state' : 'fleet_task_placed',
    );
  });
const placedWithState = placedStatement(true);
const placed = placedStatement(false);

/** The task placed as it is submitted: `running` (attempt 1) with its claim, routing record and the strategy's state. */
export async function insertPlaced(
  db: Database,
  workspaceId: string,
  fleetId: string,
  { pipelineStep, traceContext, ...task }: FleetTaskInsert,
  { routing, strategyState, leaseMs, ...claim }: FleetTaskPlacedInsert,
): Promise<FleetTaskPlacement> {
  const statement = strategyState === null ? placed(db) : placedWithState(db);
  const record = storable(routing);
  const rows = await statement.execute({
    ...task,
    ...claim,
    id: randomUUID(),
    workspaceId,
    fleetId,
    leaseSeconds: leaseMs / 1000,
    pipelineRunId: pipelineStep?.runId ?? null,
    pipelineStepRunId: pipelineStep?.stepRunId ?? null,
    pipelineStepKey: pipelineStep?.stepKey ?? null,
    traceContext: traceContext ?? null,
    strategy: record.strategy,
    candidates: record.candidates,
    chosen: record.chosen,
    aggregator: record.aggregator,
    reason: record.reason,
    decisionMs: record.decisionMs,
    strategyState: strategyState === null ? null : JSON.stringify(strategyState),
  });
  const written = withAgents(rows);
  if (!written) throw new Error('The placed task was not inserted');
  return { task: toFleetTask(written.row), agents: written.agents };
}

const claimStatement = reusableStatement((db) =>
  withMemberAgents(
    db,
    [],
    db
      .update(fleetTasks)
      .set({
        status: 'running',
        agentIds: sql`${value('agentIds')}::uuid[]`,
        aggregatorId: sql`${value('aggregatorId')}::uuid`,
        attempt: sql`${fleetTasks.attempt} + 1`,
        waitingReason: null,
        leaseOwner: sql`${value('leaseOwner')}`,
        leaseExpiresAt: sql`now() + make_interval(secs => ${value('leaseSeconds')})`,
        // The statement's own time, after the fleet's lock was granted: intervals of tasks that
        // shared a slot never overlap in the rows (a transaction's now() is when it began).
        startedAt: sql`clock_timestamp()`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(fleetTasks.id, value('taskId')), eq(fleetTasks.status, 'queued')))
      .returning(),
  ).prepare('fleet_task_claim'),
);

/** Claims a queued task (`WHERE status = 'queued'`); null when it is not queued any more. */
export async function claimTask(
  db: Database,
  taskId: string,
  { agentIds, aggregatorId, leaseOwner, leaseMs }: FleetTaskClaim,
): Promise<(FleetTaskPlacement & { traceContext: string | null }) | null> {
  const written = withAgents(
    await claimStatement(db).execute({
      taskId,
      agentIds: `{${agentIds.join(',')}}`,
      aggregatorId,
      leaseOwner,
      leaseSeconds: leaseMs / 1000,
    }),
  );
  return written ? { task: toFleetTask(written.row), traceContext: written.row.traceContext, agents: written.agents } : null;
}

/**
 * `write` (one task row, returned) with `writes` as data-modifying CTEs, and the agents of the task's
 * members as the same statement reads them.
 */
function withMemberAgents(db: Database, writes: WithSubquery[], write: TypedQueryBuilder<(typeof fleetTasks)['_']['columns']>) {
  const task = db.$with('task').as(write);
  return db
    .with(...writes, task)
    .select({ task: task._.selectedFields, agent: attemptAgentColumns })
    .from(task)
    .leftJoin(agents, sql`${agents.id} = any(${task.agentIds})`);
}

/** The task row and its agents, from the rows of a statement that joined them; null when it wrote no row. */
function withAgents(
  rows: { task: FleetTaskRow; agent: Parameters<typeof toAgent>[0] | null }[],
): { row: FleetTaskRow; agents: Agent[] } | null {
  const [first] = rows;
  if (!first) return null;
  return { row: first.task, agents: rows.flatMap(({ agent }) => (agent ? [toAgent(agent)] : [])) };
}
