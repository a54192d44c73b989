import type {
  FleetAdminState,
  FleetLimits,
  FleetMemberRole,
  FleetStrategy,
  FleetStrategyState,
  FleetTaskError,
  FleetTaskStatus,
  RoutingCandidate,
  FleetStrategyType,
} from '@agent-fleet/contracts';
import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { pipelineRuns, pipelineStepRuns } from './pipeline-schema.js';
import { agents, costColumn, timestamps, tokenColumns, workspaceColumn, workspaces } from './schema.js';

/** The fleet registry's tables (see tables.ts for the full list). */

/** A standing team of agents with a distribution strategy, capacity and limits. */
export const fleets = pgTable(
  'fleets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    strategy: jsonb('strategy').$type<FleetStrategy>().notNull(),
    adminState: text('admin_state').$type<FleetAdminState>().notNull().default('active'),
    maxConcurrency: integer('max_concurrency').notNull(),
    queueLimit: integer('queue_limit').notNull(),
    limits: jsonb('limits').$type<FleetLimits>().notNull(),
    /** What the strategy remembers between dispatches (round robin's turn and weights); written by placement only. */
    strategyState: jsonb('strategy_state')
      .$type<FleetStrategyState>()
      .notNull()
      .default(sql`'{"cursor":null,"currentWeights":{}}'::jsonb`),
    version: integer('version').notNull().default(1),
    ...timestamps,
  },
  (t) => [
    // Unique regardless of case, as agent names are; also the index the list pages by.
    uniqueIndex('fleets_workspace_name_key').on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

/**
 * An agent's membership of a fleet: one row per (fleet, agent). Deleting the agent deletes its
 * memberships (ON DELETE CASCADE): a fleet never points at an agent that is gone, and deleting an agent
 * is never refused because some fleet holds it. Other members' `allowed_delegates` may then name it;
 * the repository reads them through the current members only.
 */
export const fleetMembers = pgTable(
  'fleet_members',
  {
    fleetId: uuid('fleet_id')
      .notNull()
      .references(() => fleets.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    role: text('role').$type<FleetMemberRole>().notNull().default('worker'),
    weight: doublePrecision('weight').notNull().default(1),
    maxConcurrent: integer('max_concurrent').notNull().default(1),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    allowedDelegates: uuid('allowed_delegates')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.fleetId, t.agentId] }),
    // The cascade from agents, and "which fleets is this agent in", look members up by agent.
    index('fleet_members_agent_idx').on(t.agentId),
  ],
);

const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/**
 * A task submitted to a fleet. The row is the truth (the queue only carries its id): `queued` until a
 * placement claims it (`UPDATE … WHERE status = 'queued'`, under the fleet's row lock), `running` under a
 * lease its worker renews, then ended. `agent_ids` are the members holding it while it runs: what the
 * members' capacity counts.
 */
export const fleetTasks = pgTable(
  'fleet_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    fleetId: uuid('fleet_id')
      .notNull()
      .references(() => fleets.id, { onDelete: 'cascade' }),
    status: text('status').$type<FleetTaskStatus>().notNull().default('queued'),
    /** A string or a JSON object, as submitted. */
    input: jsonb('input').$type<string | Record<string, unknown>>().notNull(),
    skills: text('skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    priority: integer('priority').notNull().default(0),
    idempotencyKey: text('idempotency_key'),
    agentIds: uuid('agent_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    aggregatorId: uuid('aggregator_id'),
    agentTaskIds: uuid('agent_task_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Members whose attempt failed, oldest first: `cost_aware` escalates past them. */
    failedAgentIds: uuid('failed_agent_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    attempt: integer('attempt').notNull().default(0),
    waitingReason: text('waiting_reason'),
    output: text('output'),
    error: jsonb('error').$type<FleetTaskError>(),
    ...tokenColumns(),
    costUsd: costColumn().notNull().default(0),
    llmCalls: integer('llm_calls').notNull().default(0),
    /** The worker running it, and until when its lease holds unless renewed. */
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: instant('lease_expires_at'),
    /** Times its worker died while running it. */
    leaseLosses: integer('lease_losses').notNull().default(0),
    startedAt: instant('started_at'),
    finishedAt: instant('finished_at'),
    /**
     * The pipeline step that submitted it: its run (the task stays, unlinked, when the run is deleted),
     * its step run and the step run's key, which the agent tasks' ledger rows name.
     */
    pipelineRunId: uuid('pipeline_run_id').references(() => pipelineRuns.id, { onDelete: 'set null' }),
    pipelineStepRunId: uuid('pipeline_step_run_id').references(() => pipelineStepRuns.id, { onDelete: 'set null' }),
    pipelineStepKey: text('pipeline_step_key'),
    /**
     * The span that submitted it, as a W3C traceparent (a request's, or a pipeline step attempt's), which
     * every attempt's `fleet.task` span hangs under, in any process; null when tracing was off.
     */
    traceContext: text('trace_context'),
    ...timestamps,
  },
  (t) => [
    // A pipeline step's task, found from the step (cancelling it, settling the step).
    index('fleet_tasks_pipeline_step_idx')
      .on(t.pipelineStepRunId)
      .where(sql`${t.pipelineStepRunId} is not null`),
    // The fleet's task list, newest first, with and without a status filter.
    index('fleet_tasks_fleet_created_idx').on(t.workspaceId, t.fleetId, t.createdAt, t.id),
    index('fleet_tasks_fleet_status_created_idx').on(t.workspaceId, t.fleetId, t.status, t.createdAt, t.id),
    // Monitoring: the tasks that ended in a range (and, with `finished_at is null`, those still open).
    index('fleet_tasks_fleet_finished_idx').on(t.workspaceId, t.fleetId, t.finishedAt),
    uniqueIndex('fleet_tasks_idempotency_key')
      .on(t.workspaceId, t.fleetId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    // What waits, in placement order; what runs, for capacity and leases.
    index('fleet_tasks_queued_idx')
      .on(t.fleetId, t.priority.desc(), t.createdAt, t.id)
      .where(sql`${t.status} = 'queued'`),
    index('fleet_tasks_running_idx')
      .on(t.fleetId)
      .where(sql`${t.status} = 'running'`),
    index('fleet_tasks_lease_idx')
      .on(t.leaseExpiresAt)
      .where(sql`${t.status} = 'running'`),
  ],
);

/** One per dispatch: the candidates with their scores, the member(s) chosen, the reason and the time it took. */
export const fleetRoutingRecords = pgTable(
  'fleet_routing_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    fleetId: uuid('fleet_id')
      .notNull()
      .references(() => fleets.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id')
      .notNull()
      .references(() => fleetTasks.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    strategy: text('strategy').$type<FleetStrategyType>().notNull(),
    candidates: jsonb('candidates').$type<RoutingCandidate[]>().notNull(),
    chosen: uuid('chosen').array().notNull(),
    aggregator: uuid('aggregator'),
    reason: text('reason').notNull(),
    decisionMs: doublePrecision('decision_ms').notNull(),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('fleet_routing_records_fleet_created_idx').on(t.workspaceId, t.fleetId, t.createdAt, t.id),
    index('fleet_routing_records_task_idx').on(t.workspaceId, t.taskId, t.createdAt, t.id),
  ],
);
