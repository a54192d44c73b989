import { z } from 'zod';
import { TokenUsageSchema } from '../llm.js';
import { CursorSchema, PageLimitSchema, pageSchema } from '../pagination.js';
import { JsonValueSchema, jsonRecord, TextSchema } from '../text.js';
import { StepErrorClassSchema, StepIdSchema, VersionedRefSchema } from './definition.js';
import { RUN_STATUSES, STEP_RUN_STATUSES } from './run-statuses.js';

export * from './run-statuses.js';

export const RunStatusSchema = z.enum(RUN_STATUSES).meta({ id: 'RunStatus' });
export const StepRunStatusSchema = z.enum(STEP_RUN_STATUSES).meta({ id: 'StepRunStatus' });

/** Who or what started a run. */
export const RunTriggerSchema = z.enum(['api', 'ui', 'cli', 'pipeline', 'retry', 'rerun']).meta({ id: 'RunTrigger' });
export type RunTrigger = z.infer<typeof RunTriggerSchema>;

/**
 * Why a step or run failed. `code` is stable: an error class of the retry policy (`timeout`,
 * `rate_limited`, `provider`, `network`, `http`, `invalid_output`), or `expression`, `budget_exceeded`,
 * `rejected`, `cancelled`, `lease_lost` (its worker died and no attempt was left), `upstream_failed`,
 * `map_failed`, `loop_exhausted`, `child_failed`, `internal`.
 */
export const StepErrorSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    /** The retry policy's class of this error; `null` when no retry policy applies to it. */
    errorClass: StepErrorClassSchema.nullable(),
  })
  .meta({ id: 'StepError' });
export type StepError = z.infer<typeof StepErrorSchema>;

/** Run priorities: higher runs first; aging lifts waiting work so nothing starves. */
export const RunPrioritySchema = z.int().min(-100).max(100);

export const PipelineRunSchema = z
  .object({
    id: z.uuid(),
    pipelineId: z.uuid(),
    pipelineName: z.string(),
    /** The version the run is pinned to; editing the pipeline never changes a started run. */
    version: z.int(),
    /** The label it was started through (`production`), if any. */
    label: z.string().nullable(),
    status: RunStatusSchema,
    priority: z.int(),
    trigger: RunTriggerSchema,
    input: z.record(z.string(), JsonValueSchema),
    outputs: z.record(z.string(), JsonValueSchema).nullable(),
    error: StepErrorSchema.nullable(),
    /** The value of the pipeline's `concurrency.key` for this run. */
    concurrencyKey: z.string().nullable(),
    /** On a child run: the parent run. */
    parentRunId: z.uuid().nullable(),
    /** On a retry or re-run: the run it came from. */
    sourceRunId: z.uuid().nullable(),
    usage: TokenUsageSchema,
    costUsd: z.number(),
    llmCalls: z.int(),
    /** The run's budget in USD, from its definition. */
    budgetUsd: z.number().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    durationMs: z.int().nullable(),
  })
  .meta({ id: 'PipelineRun' });
export type PipelineRun = z.infer<typeof PipelineRunSchema>;

export const StepRunSchema = z
  .object({
    id: z.uuid(),
    runId: z.uuid(),
    /** The step's id in the definition. */
    stepId: z.string(),
    /** Unique in the run: the step id, or `<step>[<i>]` for a map item or loop iteration. */
    key: z.string(),
    /** On a map item or loop iteration: the map or loop's step run. */
    parentId: z.uuid().nullable(),
    /** A map item's index or a loop iteration's number. */
    index: z.int().nullable(),
    type: z.string(),
    status: StepRunStatusSchema,
    /** Attempts started so far. */
    attempt: z.int(),
    input: JsonValueSchema.nullable(),
    output: JsonValueSchema.nullable(),
    error: StepErrorSchema.nullable(),
    usage: TokenUsageSchema,
    costUsd: z.number(),
    llmCalls: z.int(),
    /** On a `pipeline` step: the child run. */
    childRunId: z.uuid().nullable(),
    /** When a queued retry may start, or when a wait or approval times out. */
    dueAt: z.iso.datetime().nullable(),
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'StepRun' });
export type StepRun = z.infer<typeof StepRunSchema>;

/**
 * One entry of a run's append-only event log: `run.queued|started|succeeded|failed|cancelled`,
 * `step.queued|started|retrying|waiting|succeeded|failed|skipped|cancelled`, `llm.call`,
 * `approval.requested|decided`. `seq` counts from 1 per run with no holes; SSE sends it as the event id.
 */
export const RunEventSchema = z
  .object({
    seq: z.int().min(1),
    type: z.string(),
    /** The step run's key, for step events. */
    step: z.string().nullable(),
    data: z.record(z.string(), JsonValueSchema),
    at: z.iso.datetime(),
  })
  .meta({ id: 'RunEvent' });
export type RunEvent = z.infer<typeof RunEventSchema>;

export const ApprovalDecisionSchema = z
  .strictObject({
    decision: z.enum(['approve', 'reject']),
    comment: TextSchema.max(2000).optional(),
    /** Validated against the approval step's `form` schema. */
    data: z.record(TextSchema.max(200), JsonValueSchema).optional(),
  })
  .meta({ id: 'ApprovalDecision' });
export type ApprovalDecision = z.infer<typeof ApprovalDecisionSchema>;

/** Starts a run of `pipeline` (`name`, `name@label` or `name@<version>`; default the latest version). */
export const RunCreateSchema = z
  .strictObject({
    pipeline: VersionedRefSchema,
    input: jsonRecord({ maxKeyLength: 64 }).default({}),
    priority: RunPrioritySchema.default(0),
    /** Where the run was started from, for the record: `api` (default), `ui` or `cli`. */
    trigger: z.enum(['api', 'ui', 'cli']).default('api'),
  })
  .meta({ id: 'RunCreate' });
export type RunCreate = z.input<typeof RunCreateSchema>;

export const RunListQuerySchema = z.strictObject({
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
  /** Runs of this pipeline (its name). */
  pipeline: TextSchema.trim().max(100).optional(),
  status: RunStatusSchema.optional(),
  trigger: RunTriggerSchema.optional(),
  /** Runs started through this label. */
  label: TextSchema.trim().max(64).optional(),
  createdAfter: z.iso.datetime({ offset: true }).optional(),
  createdBefore: z.iso.datetime({ offset: true }).optional(),
});
export type RunListQuery = z.output<typeof RunListQuerySchema>;
export const RunPageSchema = pageSchema(PipelineRunSchema).meta({ id: 'RunPage' });

export const RunDetailSchema = PipelineRunSchema.extend({
  /** Every step run: top-level steps, map items and loop iterations. */
  steps: z.array(StepRunSchema),
}).meta({ id: 'RunDetail' });
export type RunDetail = z.infer<typeof RunDetailSchema>;

export const RunEventQuerySchema = z.strictObject({
  /** Events after this sequence number. */
  after: z.coerce.number().int().min(0).max(2_147_483_647).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const RunEventListSchema = z.object({ items: z.array(RunEventSchema) }).meta({ id: 'RunEventList' });

/** A new run from step `from` on: the steps upstream of it keep the outputs of the source run. */
export const RerunSchema = z
  .strictObject({
    from: StepIdSchema,
    /** Re-run only `from`: the steps after it are skipped. */
    only: z.boolean().optional(),
  })
  .meta({ id: 'Rerun' });

export const RunStepParamsSchema = z.strictObject({ id: z.uuid('Must be a UUID'), step: StepIdSchema });

/** An approval waiting for a decision, for the inbox. */
export const PendingApprovalSchema = z
  .object({
    runId: z.uuid(),
    pipelineName: z.string(),
    version: z.int(),
    step: z.string(),
    message: z.string().nullable(),
    roles: z.array(z.string()),
    form: z.record(z.string(), JsonValueSchema).nullable(),
    requestedAt: z.iso.datetime(),
    dueAt: z.iso.datetime().nullable(),
    /** Whether the asking user may decide it (holds `runs:approve` and one of the roles, or owns the workspace). */
    canDecide: z.boolean(),
  })
  .meta({ id: 'PendingApproval' });
export type PendingApproval = z.infer<typeof PendingApprovalSchema>;
export const PendingApprovalListSchema = z.object({ items: z.array(PendingApprovalSchema) }).meta({ id: 'PendingApprovalList' });
