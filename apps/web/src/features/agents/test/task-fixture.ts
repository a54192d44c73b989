import type { AgentTask, ModelInfo, Page } from '@agent-fleet/contracts';
import { makeAgent } from '../../../test/agent-fixture';

/** A finished chat turn of the fixture agent; override what a test cares about. */
export function makeTask(overrides: Partial<AgentTask> = {}): AgentTask {
  return {
    id: '9c8b7a6f-5e4d-4c3b-8a29-1f0e9d8c7b6a',
    agentId: makeAgent().id,
    kind: 'conversation_turn',
    status: 'succeeded',
    conversationId: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
    parentTaskId: null,
    summary: 'Where is my parcel?',
    usage: { inputTokens: 1200, outputTokens: 340, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 },
    costUsd: 0.000123,
    llmCalls: 1,
    startedAt: '2026-03-01T09:00:00.000Z',
    finishedAt: '2026-03-01T09:00:01.500Z',
    durationMs: 1500,
    error: null,
    systemPrompt: null,
    requestedBy: null,
    ...overrides,
  };
}

export const page = <T>(items: T[], overrides: Partial<Page<T>> = {}): Page<T> => ({
  items,
  nextCursor: null,
  total: items.length,
  ...overrides,
});

export function makeModel(overrides: Partial<ModelInfo> = {}): ModelInfo {
  return {
    provider: 'mock',
    model: 'echo',
    label: 'Mock echo (offline)',
    contextWindow: 128_000,
    prices: { input: 1, output: 2, cachedInput: 0.5, cacheWrite: 1.25, reasoning: 2 },
    source: 'catalogue',
    mock: true,
    ...overrides,
  };
}
