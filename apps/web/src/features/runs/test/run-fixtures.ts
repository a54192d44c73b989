import type { Page, PendingApproval, PipelineRun, RunDetail, RunEvent, StepRun } from '@agent-fleet/contracts';

const ZERO_USAGE = { inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
export const RUN_ID = '0b6f1d2e-3c4a-4b5d-8e6f-7a8b9c0d1e2f';

/** A run as the list returns it; override what a test cares about. */
export function makeRun(overrides: Partial<PipelineRun> = {}): PipelineRun {
  return {
    id: RUN_ID,
    pipelineId: '6a1f0c2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b',
    pipelineName: 'ticket-triage',
    version: 2,
    label: 'production',
    status: 'succeeded',
    priority: 0,
    trigger: 'ui',
    input: { subject: 'Printer on fire' },
    outputs: { summary: 'done' },
    error: null,
    concurrencyKey: null,
    parentRunId: null,
    sourceRunId: null,
    usage: { ...ZERO_USAGE, inputTokens: 120, outputTokens: 30 },
    costUsd: 0.0042,
    llmCalls: 1,
    budgetUsd: null,
    createdBy: null,
    createdAt: '2026-01-12T10:00:00.000Z',
    startedAt: '2026-01-12T10:00:00.000Z',
    finishedAt: '2026-01-12T10:00:05.000Z',
    durationMs: 5000,
    ...overrides,
  };
}

let stepNumber = 0;
export function makeStepRun(overrides: Partial<StepRun> & Pick<StepRun, 'stepId'>): StepRun {
  stepNumber += 1;
  return {
    id: `00000000-0000-4000-8000-${String(stepNumber).padStart(12, '0')}`,
    runId: RUN_ID,
    key: overrides.stepId,
    parentId: null,
    index: null,
    type: 'transform',
    status: 'succeeded',
    attempt: 1,
    input: null,
    output: null,
    error: null,
    usage: ZERO_USAGE,
    costUsd: 0,
    llmCalls: 0,
    childRunId: null,
    dueAt: null,
    startedAt: '2026-01-12T10:00:01.000Z',
    finishedAt: '2026-01-12T10:00:02.000Z',
    ...overrides,
  };
}

export const makeRunDetail = (run: Partial<PipelineRun> = {}, steps: StepRun[] = []): RunDetail => ({ ...makeRun(run), steps });

export const runPage = (items: PipelineRun[], nextCursor: string | null = null): Page<PipelineRun> => ({
  items,
  total: items.length,
  nextCursor,
});

export function makeApproval(overrides: Partial<PendingApproval> = {}): PendingApproval {
  return {
    runId: RUN_ID,
    pipelineName: 'ticket-triage',
    version: 2,
    step: 'approve',
    message: 'Send the reply?',
    roles: ['owner', 'admin'],
    form: null,
    requestedAt: '2026-01-12T10:00:03.000Z',
    dueAt: null,
    canDecide: true,
    ...overrides,
  };
}

export const event = (
  seq: number,
  type: string,
  step: string | null,
  atSecond: number,
  data: RunEvent['data'] = {},
): RunEvent => ({
  seq,
  type,
  step,
  data,
  at: new Date(Date.parse('2026-01-12T10:00:00.000Z') + atSecond * 1000).toISOString(),
});
