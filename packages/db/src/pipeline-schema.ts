import type { PipelineDefinition, RunStatus, RunTrigger, StepError, StepRunStatus } from '@agent-fleet/contracts';
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { costColumn, timestamps, tokenColumns, users, workspaceColumn } from './schema.js';

/** The pipeline registry's and engine's tables (see tables.ts for the full list). */

/** A pipeline: a name with immutable versions and movable labels, as prompt templates have. */
export const pipelines = pgTable(
  'pipelines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    latestVersion: integer('latest_version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('pipelines_workspace_name_key').on(t.workspaceId, t.name)],
);

/** Immutable. `source` is the text as written (YAML or JSON); `definition` its validated JSON. */
export const pipelineVersions = pgTable(
  'pipeline_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    format: text('format').$type<'yaml' | 'json'>().notNull(),
    source: text('source').notNull(),
    definition: jsonb('definition').$type<PipelineDefinition>().notNull(),
    commitMessage: text('commit_message').notNull().default(''),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamps.createdAt,
  },
  (t) => [uniqueIndex('pipeline_versions_pipeline_version_key').on(t.pipelineId, t.version)],
);

export const pipelineLabels = pgTable(
  'pipeline_labels',
  {
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    workspaceId: workspaceColumn(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    updatedAt: timestamps.updatedAt,
  },
  (t) => [primaryKey({ columns: [t.pipelineId, t.name] })],
);

/**
 * A run, pinned to one pipeline version. The row is the truth about the run; `event_seq` numbers its
 * event log, and every transaction that changes the run locks this row first, which serialises the
 * completions of one run's steps.
 */
export const pipelineRuns = pgTable(
  'pipeline_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    pipelineId: uuid('pipeline_id')
      .notNull()
      .references(() => pipelines.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => pipelineVersions.id, { onDelete: 'cascade' }),
    pipelineName: text('pipeline_name').notNull(),
    version: integer('version').notNull(),
    label: text('label'),
    status: text('status').$type<RunStatus>().notNull(),
    priority: integer('priority').notNull().default(0),
    trigger: text('trigger').$type<RunTrigger>().notNull(),
    input: jsonb('input').$type<Record<string, unknown>>().notNull(),
    outputs: jsonb('outputs').$type<Record<string, unknown>>(),
    error: jsonb('error').$type<StepError>(),
    concurrencyKey: text('concurrency_key'),
    idempotencyKey: text('idempotency_key'),
    parentRunId: uuid('parent_run_id'),
    parentStepRunId: uuid('parent_step_run_id'),
    sourceRunId: uuid('source_run_id'),
    ...tokenColumns(),
    costUsd: costColumn().notNull().default(0),
    llmCalls: integer('llm_calls').notNull().default(0),
    budgetUsd: numeric('budget_usd', { precision: 20, scale: 10, mode: 'number' }),
    /** Top-level steps not yet in a terminal state; the run ends when it reaches 0. */
    openSteps: integer('open_steps').notNull().default(0),
    eventSeq: integer('event_seq').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdByLabel: text('created_by_label'),
    /** W3C traceparent of the span that created the run (OpenTelemetry); null when tracing was off. */
    traceContext: text('trace_context'),
    createdAt: timestamps.createdAt,
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    index('pipeline_runs_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
    index('pipeline_runs_workspace_pipeline_created_idx').on(t.workspaceId, t.pipelineId, t.createdAt, t.id),
    index('pipeline_runs_workspace_status_created_idx').on(t.workspaceId, t.status, t.createdAt, t.id),
    uniqueIndex('pipeline_runs_workspace_idempotency_key').on(t.workspaceId, t.idempotencyKey),
    // Admission counts a pipeline's active runs, and boot resumes them.
    index('pipeline_runs_active_idx')
      .on(t.pipelineId, t.concurrencyKey)
      .where(sql`${t.status} in ('queued', 'running')`),
  ],
);

/**
 * One step of a run, or one item of a map or iteration of a loop (`parent_id`, `index`). `key` is unique
 * in the run. A queued row is ready work (not before `due_at`); a running row is held by `lease_owner`
 * (an engine worker) for as long as that worker's heartbeat is fresh; a waiting row waits for `due_at`,
 * a decision, its items or its child run.
 */
export const pipelineStepRuns = pgTable(
  'pipeline_step_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceColumn(),
    runId: uuid('run_id')
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: 'cascade' }),
    stepId: text('step_id').notNull(),
    key: text('key').notNull(),
    parentId: uuid('parent_id'),
    index: integer('index'),
    type: text('type').notNull(),
    status: text('status').$type<StepRunStatus>().notNull(),
    attempt: integer('attempt').notNull().default(0),
    priority: integer('priority').notNull().default(0),
    leaseOwner: text('lease_owner'),
    dueAt: timestamp('due_at', { withTimezone: true, precision: 3 }),
    input: jsonb('input').$type<unknown>(),
    output: jsonb('output').$type<unknown>(),
    outputBlobKey: text('output_blob_key'),
    error: jsonb('error').$type<StepError>(),
    ...tokenColumns(),
    costUsd: costColumn().notNull().default(0),
    llmCalls: integer('llm_calls').notNull().default(0),
    childRunId: uuid('child_run_id'),
    /** A map's or loop's progress: items total, done and failed, or the iteration. */
    state: jsonb('state').$type<Record<string, unknown>>(),
    createdAt: timestamps.createdAt,
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3 }),
  },
  (t) => [
    uniqueIndex('pipeline_step_runs_run_key').on(t.runId, t.key),
    index('pipeline_step_runs_parent_idx').on(t.parentId, t.index),
    // The sweeper's three questions: queued work that is due, work held by a worker, timers that fire.
    index('pipeline_step_runs_queued_idx')
      .on(t.dueAt)
      .where(sql`${t.status} = 'queued'`),
    index('pipeline_step_runs_lease_idx')
      .on(t.leaseOwner)
      .where(sql`${t.status} = 'running'`),
    index('pipeline_step_runs_waiting_idx')
      .on(t.dueAt)
      .where(sql`${t.status} = 'waiting'`),
    // The approvals inbox.
    index('pipeline_step_runs_workspace_waiting_type_idx')
      .on(t.workspaceId, t.type, t.createdAt)
      .where(sql`${t.status} = 'waiting'`),
  ],
);

/** The append-only event log of a run; `seq` counts from 1 per run (`pipeline_runs.event_seq`). */
export const pipelineRunEvents = pgTable(
  'pipeline_run_events',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    workspaceId: workspaceColumn(),
    type: text('type').notNull(),
    step: text('step'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamps.createdAt,
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
);

/**
 * A decision on an approval step, keyed by run and step key so it can arrive before the step waits
 * (it is then applied when the step starts). The primary key makes the first decision win.
 */
export const pipelineApprovals = pgTable(
  'pipeline_approvals',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => pipelineRuns.id, { onDelete: 'cascade' }),
    stepKey: text('step_key').notNull(),
    workspaceId: workspaceColumn(),
    decision: text('decision').$type<'approved' | 'rejected' | 'timed_out'>().notNull(),
    comment: text('comment').notNull().default(''),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedByLabel: text('decided_by_label'),
    decidedAt: timestamp('decided_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.stepKey] })],
);

/**
 * The engine's workers, one per process. A step run's lease is good while its owner's heartbeat is fresh;
 * a worker on this host whose process is gone is known dead at once (by its pid), so a restarted server
 * resumes its runs without waiting for the heartbeat to age.
 */
export const engineWorkers = pgTable('engine_workers', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  pid: integer('pid').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
});
