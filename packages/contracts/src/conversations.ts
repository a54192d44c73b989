import { z } from 'zod';
import { jsonRecord, TextSchema } from './text.js';
import { TokenUsageSchema } from './llm.js';
import { CursorSchema, PageLimitSchema, pageSchema } from './pagination.js';
import { AgentTaskSchema, TaskErrorSchema } from './tasks.js';

const title = TextSchema.trim().min(1, 'Title is required').max(200, 'Title must be at most 200 characters');

/** Values for the agent's system prompt template, when it is one. */
export const PromptVariablesSchema = jsonRecord({
  maxKeyLength: 100,
  maxJsonLength: 65_536,
  sizeError: 'Variables must be at most 64 KiB of JSON',
});

export const ConversationSchema = z
  .object({
    id: z.uuid(),
    agentId: z.uuid(),
    title: z.string(),
    variables: z.record(z.string(), z.unknown()),
    createdBy: z.uuid().nullable(),
    messageCount: z.int(),
    usage: TokenUsageSchema,
    costUsd: z.number(),
    /** Whether a turn is running now. */
    busy: z.boolean(),
    lastMessageAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Conversation' });
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConversationCreateSchema = z
  .strictObject({
    agentId: z.uuid('Must be a UUID'),
    title: title.optional(),
    variables: PromptVariablesSchema.default({}),
  })
  .meta({ id: 'ConversationCreate' });
export type ConversationCreate = z.input<typeof ConversationCreateSchema>;
export type ConversationCreateInput = z.output<typeof ConversationCreateSchema>;

export const ConversationUpdateSchema = z
  .strictObject({ title: title.optional(), variables: PromptVariablesSchema.optional() })
  .meta({ id: 'ConversationUpdate' });
export type ConversationUpdate = z.infer<typeof ConversationUpdateSchema>;

export const ConversationListQuerySchema = z.strictObject({
  agentId: z.uuid().optional(),
  /** Case-insensitive substring of the title. */
  q: TextSchema.trim().max(100).optional(),
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
});
export type ConversationListQuery = z.output<typeof ConversationListQuerySchema>;
export const ConversationPageSchema = pageSchema(ConversationSchema).meta({ id: 'ConversationPage' });

/** A tool call an assistant message made, with what the tool answered. */
export const ToolCallRecordSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    input: z.unknown(),
    output: z.string().nullable(),
    isError: z.boolean(),
  })
  .meta({ id: 'ToolCallRecord' });
export type ToolCallRecord = z.infer<typeof ToolCallRecordSchema>;

export const MessageStatusSchema = z.enum(['complete', 'cancelled', 'failed']);

export const MessageSchema = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    toolCalls: z.array(ToolCallRecordSchema),
    status: MessageStatusSchema,
    error: TaskErrorSchema.nullable(),
    /** The model that wrote an assistant message; null for user messages. */
    provider: z.string().nullable(),
    model: z.string().nullable(),
    /** True when the `mock` provider wrote it: not a real model's words. */
    mock: z.boolean(),
    usage: TokenUsageSchema.nullable(),
    costUsd: z.number().nullable(),
    taskId: z.uuid().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof MessageSchema>;

export const MessageListQuerySchema = z.strictObject({
  limit: PageLimitSchema,
  cursor: CursorSchema.optional(),
  /** `asc`: oldest first (default); `desc`: newest first, so a chat can show the latest page, then older ones. */
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type MessageListQuery = z.output<typeof MessageListQuerySchema>;
export const MessagePageSchema = pageSchema(MessageSchema).meta({ id: 'MessagePage' });

/** Ask for the final reply as JSON matching a JSON Schema; one repair retry is made when it does not. */
export const ResponseFormatSchema = z
  .strictObject({
    type: z.literal('json'),
    schema: jsonRecord({ maxKeyLength: 1000, maxJsonLength: 32_768, sizeError: 'Schema must be at most 32 KiB of JSON' }),
  })
  .meta({ id: 'ResponseFormat' });
export type ResponseFormat = z.infer<typeof ResponseFormatSchema>;

export const SendMessageSchema = z
  .strictObject({
    content: TextSchema.trim().min(1, 'Message is required').max(100_000, 'Message must be at most 100,000 characters'),
    responseFormat: ResponseFormatSchema.optional(),
  })
  .meta({ id: 'SendMessage' });
export type SendMessage = z.infer<typeof SendMessageSchema>;

/** One provider call as the turn made it: lets a client show retries and fallbacks as they happen. */
export const ChatLlmCallEventSchema = z.object({
  type: z.literal('llm.call'),
  provider: z.string(),
  model: z.string(),
  outcome: z.enum(['success', 'error', 'cancelled']),
  errorClass: z.string().nullable(),
  attempt: z.int(),
  fallback: z.boolean(),
  usage: TokenUsageSchema,
  costUsd: z.number(),
  /** The usage is an estimate (the provider reported none), see `LlmCall.estimated`. */
  estimated: z.boolean().optional(),
  /** The model has no price: the cost is 0 because it is unknown. */
  unpriced: z.boolean().optional(),
});

/**
 * The server-sent events of one turn, in order: `turn.started`, then any of `text.delta`, `tool.call`,
 * `tool.result`, `llm.call`, and finally exactly one of `turn.completed` or `turn.failed`.
 * Each SSE frame is `event: <type>` with the JSON object as `data`.
 */
export const ChatEventSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('turn.started'), taskId: z.uuid(), userMessage: MessageSchema }),
    z.object({ type: z.literal('text.delta'), delta: z.string() }),
    z.object({ type: z.literal('tool.call'), id: z.string(), name: z.string(), input: z.unknown() }),
    z.object({
      type: z.literal('tool.result'),
      id: z.string(),
      name: z.string(),
      output: z.string(),
      isError: z.boolean(),
    }),
    ChatLlmCallEventSchema,
    z.object({ type: z.literal('turn.completed'), message: MessageSchema, task: AgentTaskSchema }),
    z.object({
      type: z.literal('turn.failed'),
      error: TaskErrorSchema,
      message: MessageSchema.nullable(),
      task: AgentTaskSchema.nullable(),
    }),
  ])
  .meta({ id: 'ChatEvent' });
export type ChatEvent = z.infer<typeof ChatEventSchema>;

/** The reply when the client did not ask for `text/event-stream`: the turn's outcome in one body. */
export const TurnResultSchema = z
  .object({ userMessage: MessageSchema, message: MessageSchema, task: AgentTaskSchema })
  .meta({ id: 'TurnResult' });
export type TurnResult = z.infer<typeof TurnResultSchema>;

export const AbortResultSchema = z.object({ aborted: z.boolean() }).meta({ id: 'AbortResult' });
