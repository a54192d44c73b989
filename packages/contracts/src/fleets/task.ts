import { z } from 'zod';
import { SkillSchema } from '../agents.js';
import { TokenUsageSchema } from '../llm.js';
import { CursorSchema, PageLimitSchema, pageSchema } from '../pagination.js';
import { jsonRecord, TextSchema } from '../text.js';
import { RoutingRecordSchema } from './routing.js';

/**
 * A fleet task's life: `queued` until a member can take it (also while the fleet is paused or at
 * capacity), `running` once placed, then `succeeded`, `failed` or `cancelled`.
 */
export const FLEET_TASK_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
export const FleetTaskStatusSchema = z.enum(FLEET_TASK_STATUSES).meta({ id: 'FleetTaskStatus' });
export type FleetTaskStatus = z.infer<typeof FleetTaskStatusSchema>;

/** Most characters of a task's input, as text or as JSON. */
export const MAX_FLEET_TASK_INPUT = 100_000;

/** What the agent is asked: text, or a JSON object it receives as JSON text. */
export const FleetTaskInputSchema = z.union([
  TextSchema.trim().min(1, 'Input must not be empty').max(MAX_FLEET_TASK_INPUT),
  jsonRecord({ maxKeyLength: 200, maxJsonLength: MAX_FLEET_TASK_INPUT }),
]);
export type FleetTaskInput = z.infer<typeof FleetTaskInputSchema>;

/** Fleet task priority: −100 … 100, higher is placed first. Default 0. */
export const FleetTaskPrioritySchema = z.int().min(-100).max(100);

export const FleetTaskSubmitSchema = z
  .strictObject({
    input: FleetTaskInputSchema,
    /** Skills a member must hold (under `skill_match`: skills that rank members). At most 50. Default none. */
    skills: z
      .array(SkillSchema)
      .max(50, 'At most 50 skills')
      .refine((list) => new Set(list).size === list.length, 'Skills must be unique')
      .default([]),
    priority: FleetTaskPrioritySchema.default(0),
    /** The same key answers the task it first created instead of submitting another (also as `Idempotency-Key`). */
    idempotencyKey: TextSchema.trim().min(1).max(200).optional(),
  })
  .meta({ id: 'FleetTaskSubmit' });
export type FleetTaskSubmit = z.input<typeof FleetTaskSubmitSchema>;
export type FleetTaskSubmitInput = z.output<typeof FleetTaskSubmitSchema>;

export const FleetTaskErrorSchema = z.object({ code: z.string(), message: z.string() }).meta({ id: 'FleetTaskError' });
export type FleetTaskError = z.infer<typeof FleetTaskErrorSchema>;

export const FleetTaskSchema = z
  .object({
    id: z.uuid(),
    fleetId: z.uuid(),
    status: FleetTaskStatusSchema,
    input: z.union([z.string(), z.record(z.string(), z.unknown())]),
    skills: z.array(z.string()),
    priority: z.int(),
    idempotencyKey: z.string().nullable(),
    /** The member(s) it was placed on, latest attempt: one, or every answerer (and the aggregator) of a broadcast. */
    agentIds: z.array(z.uuid()),
    /** A broadcast's aggregator, else null. */
    aggregatorId: z.uuid().nullable(),
    /** The agent tasks of the latest attempt (see `GET /agents/{id}/tasks/{taskId}`). */
    agentTaskIds: z.array(z.uuid()),
    /** Placements so far: 0 while never placed; a task re-queued after its worker died or to escalate counts again. */
    attempt: z.int().min(0),
    /** While queued: why no member has it yet ("the fleet is paused", "no eligible member: …"). */
    waitingReason: z.string().nullable(),
    /** The answer of a succeeded task. */
    output: z.string().nullable(),
    error: FleetTaskErrorSchema.nullable(),
    usage: TokenUsageSchema,
    costUsd: z.number(),
    llmCalls: z.int(),
    createdAt: z.iso.datetime(),
    /** When the latest attempt was placed. */
    startedAt: z.iso.datetime().nullable(),
    finishedAt: z.iso.datetime().nullable(),
    /** From placement to end of the latest attempt. */
    durationMs: z.int().nullable(),
    /**
     * The pipeline step that submitted it (`GET /runs/{runId}`, step `stepKey`); null for a task submitted
     * through the API. Always sent by the server; optional only for older clients' fixtures.
     */
    pipelineStep: z.object({ runId: z.uuid(), stepRunId: z.uuid().nullable(), stepKey: z.string() }).nullable().optional(),
  })
  .meta({ id: 'FleetTask' });
export type FleetTask = z.infer<typeof FleetTaskSchema>;

/** One routing record as stored: the decision of one dispatch of one task. */
export const FleetRoutingRecordSchema = RoutingRecordSchema.extend({
  id: z.uuid(),
  fleetId: z.uuid(),
  taskId: z.uuid(),
  /** The task's attempt this dispatch started. */
  attempt: z.int().min(1),
  createdAt: z.iso.datetime(),
}).meta({ id: 'FleetRoutingRecord' });
export type FleetRoutingRecord = z.infer<typeof FleetRoutingRecordSchema>;

/** A task with every routing record of it, oldest first. */
export const FleetTaskDetailSchema = FleetTaskSchema.extend({ routing: z.array(FleetRoutingRecordSchema) }).meta({
  id: 'FleetTaskDetail',
});
export type FleetTaskDetail = z.infer<typeof FleetTaskDetailSchema>;

export const FleetTaskListQuerySchema = z.strictObject({
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
  /** One status, e.g. `?status=queued`. */
  status: FleetTaskStatusSchema.optional(),
});
export type FleetTaskListQuery = z.output<typeof FleetTaskListQuerySchema>;

/** A fleet's tasks, newest first. */
export const FleetTaskPageSchema = pageSchema(FleetTaskSchema).meta({ id: 'FleetTaskPage' });

export const FleetRoutingListQuerySchema = z.strictObject({
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
  /** Only the records of this task. */
  taskId: z.uuid('Must be a UUID').optional(),
});
export type FleetRoutingListQuery = z.output<typeof FleetRoutingListQuerySchema>;

/** A fleet's routing records, newest first. */
export const FleetRoutingPageSchema = pageSchema(FleetRoutingRecordSchema).meta({ id: 'FleetRoutingPage' });

export const FleetTaskParamsSchema = z.strictObject({
  id: z.uuid('Must be a UUID'),
  taskId: z.uuid('Must be a UUID'),
});
