import { z } from 'zod';
import { TextSchema } from './text.js';
import { TimestampSchema } from './timestamp.js';
import { TokenUsageSchema } from './llm.js';
import { CursorSchema, PageLimitSchema, pageSchema } from './pagination.js';

/**
 * `in_flight`: the call is running (its row is written before the request, so a crash cannot lose it);
 * `interrupted`: the server stopped while it ran (set by start-up recovery, usage estimated).
 */
export const LLM_CALL_OUTCOMES = ['success', 'error', 'cancelled', 'in_flight', 'interrupted'] as const;
export const LlmCallOutcomeSchema = z.enum(LLM_CALL_OUTCOMES);

/** Why a call failed, coarse enough to group on. */
export const LLM_ERROR_CLASSES = [
  'rate_limited',
  'server_error',
  'timeout',
  'network',
  'auth',
  'bad_request',
  'aborted',
  'refused',
  /** The stream ended before the provider's final event (`response.completed`, `message_stop`, a finish reason). */
  'incomplete_stream',
  /** An event of the stream could not be read (malformed SSE line or JSON). */
  'malformed_stream',
  'unknown',
] as const;
export const LlmErrorClassSchema = z.enum(LLM_ERROR_CLASSES);
export type LlmErrorClass = z.infer<typeof LlmErrorClassSchema>;

/** One row of the usage ledger: one provider call, successful or not. */
export const LlmCallSchema = z
  .object({
    id: z.uuid(),
    provider: z.string(),
    model: z.string(),
    mock: z.boolean(),
    usage: TokenUsageSchema,
    costUsd: z.number(),
    latencyMs: z.int(),
    timeToFirstTokenMs: z.int().nullable(),
    outcome: LlmCallOutcomeSchema,
    errorClass: LlmErrorClassSchema.nullable(),
    errorMessage: z.string().nullable(),
    /** 1 for the first try of a model, 2 for its first retry … */
    attempt: z.int().min(1),
    /** Whether a fallback model served (not the agent's primary model). */
    fallback: z.boolean(),
    agentId: z.uuid().nullable(),
    conversationId: z.uuid().nullable(),
    taskId: z.uuid().nullable(),
    runId: z.uuid().nullable(),
    stepId: z.string().nullable(),
    /** The prompt version the system prompt came from, as `name@version`. */
    promptRef: z.string().nullable(),
    /**
     * The provider reported no usage for this call (it failed, was cut or stopped, or the server stopped):
     * the tokens are an estimate, input counted from the request and output from the streamed text.
     */
    estimated: z.boolean(),
    /** No price is known for this model (neither catalogue nor override): the cost is recorded as 0. */
    unpriced: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'LlmCall' });
export type LlmCall = z.infer<typeof LlmCallSchema>;

const range = {
  from: TimestampSchema.optional(),
  to: TimestampSchema.optional(),
  agentId: z.uuid().optional(),
  provider: TextSchema.trim().min(1).max(64).optional(),
  model: TextSchema.trim().min(1).max(200).optional(),
};

export const LlmCallListQuerySchema = z.strictObject({
  ...range,
  conversationId: z.uuid().optional(),
  taskId: z.uuid().optional(),
  /** Calls made for a pipeline run (and one of its step runs, by key). */
  runId: z.uuid().optional(),
  stepId: TextSchema.trim().max(200).optional(),
  outcome: LlmCallOutcomeSchema.optional(),
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
});
export type LlmCallListQuery = z.output<typeof LlmCallListQuerySchema>;
export const LlmCallPageSchema = pageSchema(LlmCallSchema).meta({ id: 'LlmCallPage' });

export const USAGE_GROUPS = ['agent', 'model', 'provider', 'prompt', 'day', 'hour'] as const;
export const UsageGroupSchema = z.enum(USAGE_GROUPS);
export type UsageGroup = z.infer<typeof UsageGroupSchema>;

export const UsageSummaryQuerySchema = z.strictObject({
  ...range,
  groupBy: UsageGroupSchema.default('day'),
});
export type UsageSummaryQuery = z.output<typeof UsageSummaryQuerySchema>;

export const UsageTotalsSchema = z
  .object({
    calls: z.int(),
    errors: z.int(),
    inputTokens: z.int(),
    outputTokens: z.int(),
    cachedInputTokens: z.int(),
    cacheWriteTokens: z.int(),
    reasoningTokens: z.int(),
    costUsd: z.number(),
  })
  .meta({ id: 'UsageTotals' });
export type UsageTotals = z.infer<typeof UsageTotalsSchema>;

/** One group: `key` is the agent id, `provider/model`, provider, `name@version`, `YYYY-MM-DD` or `YYYY-MM-DDTHH` (UTC). */
export const UsageRowSchema = UsageTotalsSchema.extend({ key: z.string(), label: z.string() }).meta({ id: 'UsageRow' });
export type UsageRow = z.infer<typeof UsageRowSchema>;

export const UsageSummarySchema = z
  .object({
    groupBy: UsageGroupSchema,
    from: z.iso.datetime().nullable(),
    to: z.iso.datetime().nullable(),
    rows: z.array(UsageRowSchema),
    totals: UsageTotalsSchema,
  })
  .meta({ id: 'UsageSummary' });
export type UsageSummary = z.infer<typeof UsageSummarySchema>;
