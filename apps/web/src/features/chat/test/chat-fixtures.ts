import type { AgentTask, ChatEvent, Conversation, Message, TaskError, TokenUsage } from '@agent-fleet/contracts';
import { makeAgent } from '../../../test/agent-fixture';

export const agent = makeAgent();
/** The fixture agent (same id) with its system prompt kept as a template in the registry. */
export const TEMPLATE_REF = 'support-reply@production';
export const templateAgent = makeAgent({ systemPrompt: { type: 'template', ref: TEMPLATE_REF } });
export const CONVERSATION_ID = '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b';
export const TASK_ID = '5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c';

const usage = (overrides: Partial<TokenUsage> = {}): TokenUsage => ({
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  ...overrides,
});

export function makeConversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    id: CONVERSATION_ID,
    agentId: agent.id,
    title: 'Parcel question',
    variables: {},
    createdBy: null,
    messageCount: 2,
    usage: usage({ inputTokens: 12, outputTokens: 3 }),
    costUsd: 0.000123,
    busy: false,
    lastMessageAt: '2026-03-01T09:00:00.000Z',
    createdAt: '2026-03-01T08:59:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
}

let sequence = 0;
/** A unique, valid message id per call, so lists of generated messages have distinct keys. */
const nextId = () => `6a7b8c9d-0e1f-4a2b-9c3d-${String(++sequence).padStart(12, '0')}`;

export function userMessage(content: string, overrides: Partial<Message> = {}): Message {
  return {
    id: nextId(),
    conversationId: CONVERSATION_ID,
    role: 'user',
    content,
    toolCalls: [],
    status: 'complete',
    error: null,
    provider: null,
    model: null,
    mock: false,
    usage: null,
    costUsd: null,
    taskId: null,
    createdAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
}

export function assistantMessage(content: string, overrides: Partial<Message> = {}): Message {
  return {
    ...userMessage(content),
    role: 'assistant',
    provider: 'mock',
    model: 'echo',
    mock: true,
    usage: usage({ inputTokens: 12, outputTokens: 3 }),
    costUsd: 0.000123,
    taskId: TASK_ID,
    ...overrides,
  };
}

export function makeTurnTask(overrides: Partial<AgentTask> = {}): AgentTask {
  return {
    id: TASK_ID,
    agentId: agent.id,
    kind: 'conversation_turn',
    status: 'succeeded',
    conversationId: CONVERSATION_ID,
    parentTaskId: null,
    summary: 'Hello',
    usage: usage({ inputTokens: 12, outputTokens: 3 }),
    costUsd: 0.000123,
    llmCalls: 1,
    startedAt: '2026-03-01T09:00:00.000Z',
    finishedAt: '2026-03-01T09:00:01.000Z',
    durationMs: 1000,
    error: null,
    systemPrompt: null,
    requestedBy: null,
    ...overrides,
  };
}

/** The events of one turn, as the server streams them. */
export const events = {
  started: (user: Message): ChatEvent => ({ type: 'turn.started', taskId: TASK_ID, userMessage: user }),
  delta: (text: string): ChatEvent => ({ type: 'text.delta', delta: text }),
  toolCall: (id: string, name: string, input: unknown): ChatEvent => ({ type: 'tool.call', id, name, input }),
  toolResult: (id: string, name: string, output: string, isError = false): ChatEvent => ({
    type: 'tool.result',
    id,
    name,
    output,
    isError,
  }),
  llmCall: (overrides: Partial<Extract<ChatEvent, { type: 'llm.call' }>> = {}): ChatEvent => ({
    type: 'llm.call',
    provider: 'mock',
    model: 'echo',
    outcome: 'success',
    errorClass: null,
    attempt: 1,
    fallback: false,
    usage: usage({ inputTokens: 12, outputTokens: 3 }),
    costUsd: 0.000123,
    ...overrides,
  }),
  completed: (message: Message): ChatEvent => ({ type: 'turn.completed', message, task: makeTurnTask() }),
  failed: (error: TaskError, message: Message | null): ChatEvent => ({
    type: 'turn.failed',
    error,
    message,
    task: makeTurnTask({ status: 'failed', error }),
  }),
};
