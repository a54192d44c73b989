import {
  ZERO_USAGE,
  type LlmCall,
  type UsageGroup,
  type UsageRow,
  type UsageSummary,
  type UsageTotals,
} from '@agent-fleet/contracts';

export const AGENT_ID = '0b7e3f5c-6f2a-4c1e-9a57-2f1d4c8b9e01';

export const zeroTotals = (): UsageTotals => ({
  calls: 0,
  errors: 0,
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  costUsd: 0,
});

export function makeRow(key: string, overrides: Partial<UsageRow> = {}): UsageRow {
  return { ...zeroTotals(), calls: 1, inputTokens: 100, outputTokens: 20, costUsd: 0.001, key, label: key, ...overrides };
}

/** A summary whose totals are the sum of its rows unless given. */
export function makeSummary(groupBy: UsageGroup, rows: UsageRow[], totals?: Partial<UsageTotals>): UsageSummary {
  const sum = (field: keyof UsageTotals) => rows.reduce((total, row) => total + row[field], 0);
  return {
    groupBy,
    from: null,
    to: null,
    rows,
    totals: {
      calls: sum('calls'),
      errors: sum('errors'),
      inputTokens: sum('inputTokens'),
      outputTokens: sum('outputTokens'),
      cachedInputTokens: sum('cachedInputTokens'),
      cacheWriteTokens: sum('cacheWriteTokens'),
      reasoningTokens: sum('reasoningTokens'),
      costUsd: sum('costUsd'),
      ...totals,
    },
  };
}

/** A successful first-try call of the triage agent; `n` makes the id unique. */
export function makeCall(n: number, overrides: Partial<LlmCall> = {}): LlmCall {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    provider: 'openai',
    model: 'gpt-4o',
    mock: false,
    usage: { ...ZERO_USAGE, inputTokens: 1200, outputTokens: 300 },
    costUsd: 0.006,
    latencyMs: 1830,
    timeToFirstTokenMs: 410,
    outcome: 'success',
    errorClass: null,
    errorMessage: null,
    attempt: 1,
    fallback: false,
    agentId: AGENT_ID,
    conversationId: null,
    taskId: null,
    runId: null,
    stepId: null,
    promptRef: null,
    estimated: false,
    unpriced: false,
    createdAt: '2026-03-10T11:00:00.000Z',
    ...overrides,
  };
}
