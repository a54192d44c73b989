import { z } from 'zod';
import { TokenUsageSchema } from './llm.js';
import { CursorSchema, PageLimitSchema, pageSchema } from './pagination.js';

export const TASK_STATUSES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES).meta({ id: 'TaskStatus' });
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/**
 * What a task was: a conversation turn, a question another agent asked as a tool, a pipeline's agent step,
 * or a task submitted to a fleet and placed on this agent.
 */
export const TaskKindSchema = z.enum(['conversation_turn', 'agent_tool_call', 'pipeline_step', 'fleet_task']);
export type TaskKind = z.infer<typeof TaskKindSchema>;

export const TaskErrorSchema = z.object({ code: z.string(), message: z.string() }).meta({ id: 'TaskError' });
export type TaskError = z.infer<typeof TaskErrorSchema>;

/** The system prompt as rendered for one task: the text the model saw, and where it came from. */
export const TaskSystemPromptSchema = z
  .object({
    text: z.string(),
    /** The agent's template reference as configured, e.g. `support@production`; null for inline text. */
    templateRef: z.string().nullable(),
    /** The template version rendered; null for inline text. */
    templateVersion: z.int().nullable(),
    /** The variables it was rendered with. */
    variables: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'TaskSystemPrompt' });
export type TaskSystemPrompt = z.infer<typeof TaskSystemPromptSchema>;

/** On a nested task: the task and agent that asked for it. */
export const TaskRequesterSchema = z
  .object({ taskId: z.uuid(), agentId: z.uuid(), agentName: z.string() })
  .meta({ id: 'TaskRequester' });
export type TaskRequester = z.infer<typeof TaskRequesterSchema>;

/** One unit of work an agent performed, with what it cost. */
export const AgentTaskSchema = z
  .object({
    id: z.uuid(),
    agentId: z.uuid(),
    kind: TaskKindSchema,
    status: TaskStatusSchema,
    conversationId: z.uuid().nullable(),
    /** The task that asked for this one (an agent calling another agent as a tool). */
    parentTaskId: z.uuid().nullable(),
    /** A short summary of the input, for lists. */
    summary: z.string(),
    usage: TokenUsageSchema,
    costUsd: z.number(),
    llmCalls: z.int(),
    startedAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    durationMs: z.int().nullable(),
    error: TaskErrorSchema.nullable(),
    /** The rendered system prompt; null when the agent has none (or the task predates recording it). */
    systemPrompt: TaskSystemPromptSchema.nullable(),
    /** On an `agent_tool_call`, which agent asked (null otherwise, or when the asking agent was deleted). */
    requestedBy: TaskRequesterSchema.nullable(),
  })
  .meta({ id: 'AgentTask' });
export type AgentTask = z.infer<typeof AgentTaskSchema>;

export const AgentTaskListQuerySchema = z.strictObject({
  status: TaskStatusSchema.optional(),
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
});
export type AgentTaskListQuery = z.output<typeof AgentTaskListQuerySchema>;
export const AgentTaskParamsSchema = z.strictObject({ id: z.uuid('Must be a UUID'), taskId: z.uuid('Must be a UUID') });
export const AgentTaskPageSchema = pageSchema(AgentTaskSchema).meta({ id: 'AgentTaskPage' });
