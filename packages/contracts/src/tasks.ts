import { z } from 'zod';
import { TokenUsageSchema } from './llm.js';
import { CursorSchema, PageLimitSchema, pageSchema } from './pagination.js';

export const TASK_STATUSES = ['running', 'succeeded', 'failed', 'cancelled'] as const;
export const TaskStatusSchema = z.enum(TASK_STATUSES).meta({ id: 'TaskStatus' });
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** What a task was. Today: a conversation turn, or a question another agent asked as a tool. */
export const TaskKindSchema = z.enum(['conversation_turn', 'agent_tool_call']);
export type TaskKind = z.infer<typeof TaskKindSchema>;

export const TaskErrorSchema = z.object({ code: z.string(), message: z.string() }).meta({ id: 'TaskError' });
export type TaskError = z.infer<typeof TaskErrorSchema>;

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
  })
  .meta({ id: 'AgentTask' });
export type AgentTask = z.infer<typeof AgentTaskSchema>;

export const AgentTaskListQuerySchema = z.strictObject({
  status: TaskStatusSchema.optional(),
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
});
export type AgentTaskListQuery = z.output<typeof AgentTaskListQuerySchema>;
export const AgentTaskPageSchema = pageSchema(AgentTaskSchema).meta({ id: 'AgentTaskPage' });
